import { Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Actor } from '../../common/actor';
import { ClientIp, CurrentActor, MinRole } from '../../common/decorators/auth.decorators';
import { CompaniesService } from '../companies.service';
import { CompanyScopeQuery } from '../dto/settings-target.query';

@ApiTags('widget')
@ApiBearerAuth()
@Controller('widget')
@MinRole('admin')
export class WidgetController {
  constructor(private readonly companies: CompaniesService) {}

  @Get('snippet')
  snippet(@CurrentActor() actor: Actor, @Query() scope: CompanyScopeQuery, @Req() request: Request) {
    return this.companies.widgetSnippet(actor, `${request.protocol}://${request.get('host')}`, scope.companyId);
  }

  /** The old key stops working at once: sites must be updated with the new snippet. */
  @Post('rotate-key')
  @HttpCode(200)
  rotate(@CurrentActor() actor: Actor, @Query() scope: CompanyScopeQuery, @Req() request: Request, @ClientIp() ip: string) {
    return this.companies.rotateWidgetKey(actor, `${request.protocol}://${request.get('host')}`, scope.companyId, ip);
  }
}
