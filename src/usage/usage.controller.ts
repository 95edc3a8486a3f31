import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { CurrentActor, MinRole } from '../common/decorators/auth.decorators';
import { CompanyScopeQuery } from '../companies/dto/settings-target.query';
import { UsageService } from './usage.service';

@ApiTags('usage')
@ApiBearerAuth()
@Controller('usage')
@MinRole('admin')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  report(@CurrentActor() actor: Actor, @Query() scope: CompanyScopeQuery) {
    return this.usage.report(actor, scope.companyId);
  }
}
