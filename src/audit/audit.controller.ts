import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, MinRole } from '../common/decorators/auth.decorators';
import { ListAuditLogsQuery } from './dto/list-audit-logs.query';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit-logs')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @MinRole('admin')
  list(@CurrentActor() actor: Actor, @Query() query: ListAuditLogsQuery) {
    return this.audit.list(actor, query);
  }
}
