import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { ClientIp, CurrentActor, MinRole } from '../common/decorators/auth.decorators';
import { resolveCompanyScope } from '../common/tenant-scope';
import {
  CreateKnowledgeEntryDto, ListKnowledgeQuery, SearchKnowledgeQuery, toKnowledgeEntryResponse, UpdateKnowledgeEntryDto,
} from './dto/knowledge.dto';
import { KnowledgeIndexService } from './knowledge-index.service';
import { KnowledgeService } from './knowledge.service';

@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('knowledge')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService, private readonly index: KnowledgeIndexService) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: ListKnowledgeQuery) {
    const { items, total } = await this.knowledge.list(actor, query);
    return { items: items.map(toKnowledgeEntryResponse), total };
  }

  /** What the assistant would find for a question: agents use it too, to look things up. */
  @Get('search')
  async search(@CurrentActor() actor: Actor, @Query() query: SearchKnowledgeQuery) {
    const passages = await this.index.searchReady(resolveCompanyScope(actor, query.companyId), query.q, query.limit);
    return { query: query.q, results: passages.map((p) => ({ id: p.doc.id, title: p.doc.title, text: p.doc.text, category: p.doc.category ?? null, score: p.score })) };
  }

  @Post()
  @MinRole('admin')
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateKnowledgeEntryDto, @ClientIp() ip: string) {
    return toKnowledgeEntryResponse(await this.knowledge.create(actor, dto, ip));
  }

  @Get(':id')
  async get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return toKnowledgeEntryResponse(await this.knowledge.get(actor, id));
  }

  @Patch(':id')
  @MinRole('admin')
  async update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateKnowledgeEntryDto, @ClientIp() ip: string) {
    return toKnowledgeEntryResponse(await this.knowledge.update(actor, id, dto, ip));
  }

  @Delete(':id')
  @MinRole('admin')
  @HttpCode(204)
  async remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @ClientIp() ip: string) {
    await this.knowledge.remove(actor, id, ip);
  }
}
