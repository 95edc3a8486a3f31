import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/actor';
import { ClientIp, CurrentActor, MinRole } from '../../common/decorators/auth.decorators';
import { CompanyScopeQuery } from '../dto/settings-target.query';
import { CreatePromptDto, toPromptResponse, UpdatePromptDto } from './prompts.dto';
import { PromptsService } from './prompts.service';

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings/prompts')
@MinRole('admin')
export class PromptsController {
  constructor(private readonly prompts: PromptsService) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() scope: CompanyScopeQuery) {
    return (await this.prompts.list(actor, scope.companyId)).map(toPromptResponse);
  }

  @Post()
  async create(@CurrentActor() actor: Actor, @Body() dto: CreatePromptDto, @ClientIp() ip: string) {
    return toPromptResponse(await this.prompts.create(actor, dto, ip));
  }

  @Patch(':id')
  async update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdatePromptDto, @ClientIp() ip: string) {
    return toPromptResponse(await this.prompts.update(actor, id, dto, ip));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @ClientIp() ip: string) {
    await this.prompts.remove(actor, id, ip);
  }
}
