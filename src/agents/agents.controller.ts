import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Actor } from '../common/actor';
import { CurrentActor } from '../common/decorators/auth.decorators';
import { CompanyScopeQuery } from '../companies/dto/settings-target.query';
import { AgentsService } from './agents.service';
import { HoursQuery, HoursRangeQuery } from './dto/hours.query';

@ApiTags('agents')
@ApiBearerAuth()
@Controller('agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  @Get()
  list(@CurrentActor() actor: Actor, @Query() scope: CompanyScopeQuery) {
    return this.agents.list(actor, scope.companyId);
  }

  @Get('hours')
  @Header('Cache-Control', 'no-store')
  async hours(@CurrentActor() actor: Actor, @Query() query: HoursQuery, @Res({ passthrough: true }) response: Response) {
    const result = await this.agents.hours(actor, query);
    if (typeof result === 'string') {
      response.setHeader('Content-Type', 'text/csv; charset=utf-8');
      response.setHeader('Content-Disposition', 'attachment; filename="agent-hours.csv"');
    }
    return result;
  }

  @Get(':id/work-sessions')
  workSessions(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: HoursRangeQuery) {
    return this.agents.workSessions(actor, id, query);
  }
}
