import { Body, Controller, Delete, Get, Header, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { ClientIp, CurrentActor, MinRole } from '../common/decorators/auth.decorators';
import { SingleFileInterceptor } from '../common/interceptors/single-file.interceptor';
import { resolveCompanyScope } from '../common/tenant-scope';
import { ImportKnowledgeDto, ListImportsQuery } from './dto/import.dto';
import {
  CreateKnowledgeEntryDto, ListKnowledgeQuery, SearchKnowledgeQuery, toKnowledgeEntryResponse, UpdateKnowledgeEntryDto,
} from './dto/knowledge.dto';
import { IMPORT_MAX_BYTES, KnowledgeImportService, UploadedDocument } from './knowledge-import.service';
import { KnowledgeIndexService } from './knowledge-index.service';
import { KnowledgeService } from './knowledge.service';

@ApiTags('knowledge')
@ApiBearerAuth()
@Controller('knowledge')
export class KnowledgeController {
  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly index: KnowledgeIndexService,
    private readonly imports: KnowledgeImportService,
  ) {}

  @Get()
  async list(@CurrentActor() actor: Actor, @Query() query: ListKnowledgeQuery) {
    const { items, total } = await this.knowledge.list(actor, query);
    return { items: items.map(toKnowledgeEntryResponse), total };
  }

  /** What the assistant would find for a question: agents use it too, to look things up. */
  @Get('search')
  search(@CurrentActor() actor: Actor, @Query() query: SearchKnowledgeQuery) {
    return this.index.searchWithSources(resolveCompanyScope(actor, query.companyId), query.q, query.limit);
  }

  /** A document (txt, md, csv, pdf, docx, html; 10 MB) or a web page; 202 with a job to follow. */
  @Post('import')
  @MinRole('admin')
  @HttpCode(202)
  @Header('Cache-Control', 'no-store')
  @UseInterceptors(SingleFileInterceptor('file', IMPORT_MAX_BYTES))
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, url: { type: 'string' }, companyId: { type: 'string', format: 'uuid' } } } })
  startImport(@CurrentActor() actor: Actor, @Body() dto: ImportKnowledgeDto, @UploadedFile() file: UploadedDocument | undefined, @ClientIp() ip: string) {
    return this.imports.start(actor, dto, file, ip);
  }

  @Get('imports')
  @MinRole('admin')
  listImports(@CurrentActor() actor: Actor, @Query() query: ListImportsQuery) {
    return this.imports.list(actor, query);
  }

  @Get('imports/:importId')
  @MinRole('admin')
  @Header('Cache-Control', 'no-store')
  getImport(@CurrentActor() actor: Actor, @Param('importId', ParseUUIDPipe) importId: string) {
    return this.imports.get(actor, importId);
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
