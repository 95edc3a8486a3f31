import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../../common/actor';
import { ClientIp, CurrentActor, MinRole } from '../../common/decorators/auth.decorators';
import { CompanyScopeQuery } from '../../companies/dto/settings-target.query';
import { CreateApiKeyDto, RotateApiKeyDto, toApiKeyResponse } from './api-key.dto';
import { ApiKeysService } from './api-keys.service';

@ApiTags('api-keys')
@ApiBearerAuth()
@Controller('api-keys')
@MinRole('admin')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() scope: CompanyScopeQuery) {
    return (await this.apiKeys.list(actor, scope.companyId)).map((key) => toApiKeyResponse(key));
  }

  @Post()
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateApiKeyDto, @ClientIp() ip: string) {
    const { apiKey, key } = await this.apiKeys.create(actor, dto, ip);
    return { ...toApiKeyResponse(apiKey), key };
  }

  @Post(':id/rotate')
  async rotate(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RotateApiKeyDto, @ClientIp() ip: string) {
    const { apiKey, key, previous } = await this.apiKeys.rotate(actor, id, dto.overlapSeconds ?? 0, ip);
    return { ...toApiKeyResponse(apiKey), key, previous: toApiKeyResponse(previous) };
  }

  @Delete(':id')
  async revoke(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @ClientIp() ip: string) {
    return toApiKeyResponse(await this.apiKeys.revoke(actor, id, ip));
  }
}
