import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor } from '../common/actor';
import { ClientIp, CurrentActor, MinRole } from '../common/decorators/auth.decorators';
import { CompaniesService } from './companies.service';
import { CompanySettingsDto } from './dto/company-settings.dto';
import { CreateCompanyDto, toCompanyResponse, UpdateCompanyDto } from './dto/company.dto';
import { CompanyScopeQuery } from './dto/settings-target.query';

@ApiTags('companies')
@ApiBearerAuth()
@Controller('companies')
@MinRole('super_admin')
export class CompaniesController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  async list() {
    return (await this.companies.list()).map(toCompanyResponse);
  }

  @Post()
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateCompanyDto, @ClientIp() ip: string) {
    return toCompanyResponse(await this.companies.create(actor, dto, ip));
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string) {
    return toCompanyResponse(await this.companies.get(id));
  }

  @Patch(':id')
  async update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateCompanyDto, @ClientIp() ip: string) {
    return toCompanyResponse(await this.companies.update(actor, id, dto, ip));
  }
}

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings')
@MinRole('admin')
export class SettingsController {
  constructor(private readonly companies: CompaniesService) {}

  @Get()
  get(@CurrentActor() actor: Actor, @Query() scope: CompanyScopeQuery) {
    return this.companies.getSettings(actor, scope.companyId);
  }

  @Patch()
  update(@CurrentActor() actor: Actor, @Body() dto: CompanySettingsDto, @Query() scope: CompanyScopeQuery, @ClientIp() ip: string) {
    return this.companies.updateSettings(actor, dto, scope.companyId, ip);
  }
}
