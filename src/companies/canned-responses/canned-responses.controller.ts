import { Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Repository } from 'typeorm';
import { Actor, isSuperAdmin } from '../../common/actor';
import { CurrentActor, MinRole } from '../../common/decorators/auth.decorators';
import { resolveCompanyScope } from '../../common/tenant-scope';
import { CompanyScopeQuery } from '../dto/settings-target.query';
import { CannedResponse } from './canned-response.entity';
import { CreateCannedResponseDto, toCannedResponse, UpdateCannedResponseDto } from './canned-responses.dto';

/** Plain CRUD with no rules beyond tenant scope, so the repository is used here directly. */
@ApiTags('canned-responses')
@ApiBearerAuth()
@Controller('canned-responses')
export class CannedResponsesController {
  constructor(@InjectRepository(CannedResponse) private readonly responses: Repository<CannedResponse>) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() scope: CompanyScopeQuery) {
    const rows = await this.responses.find({ where: { companyId: resolveCompanyScope(actor, scope.companyId) }, order: { title: 'ASC' } });
    return rows.map(toCannedResponse);
  }

  @Post()
  @MinRole('admin')
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateCannedResponseDto) {
    const now = Date.now();
    const row = this.responses.create({ id: randomUUID(), companyId: resolveCompanyScope(actor, dto.companyId), title: dto.title, text: dto.text, shortcut: dto.shortcut ?? null, createdAt: now, updatedAt: now });
    await this.responses.insert(row);
    return toCannedResponse(row);
  }

  @Patch(':id')
  @MinRole('admin')
  async update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateCannedResponseDto) {
    const row = await this.find(actor, id);
    Object.assign(row, { ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)), updatedAt: Date.now() });
    await this.responses.save(row);
    return toCannedResponse(row);
  }

  @Delete(':id')
  @MinRole('admin')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    await this.responses.delete({ id: (await this.find(actor, id)).id });
  }

  private async find(actor: Actor, id: string): Promise<CannedResponse> {
    const row = await this.responses.findOneBy(isSuperAdmin(actor) ? { id } : { id, companyId: actor.companyId as string });
    if (!row) throw new NotFoundException('Canned response not found');
    return row;
  }
}
