import { Optional } from '../../common/decorators/optional.decorator';
import { Trim } from '../../common/decorators/trim.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import type { Plan } from '../entities/company.entity';
import { Company } from '../entities/company.entity';
import { CompanySettings } from '../company-settings';
import { CompanySettingsDto, IsPlan, PLAN_VALUES } from './company-settings.dto';

export class CreateCompanyDto {
  @ApiProperty({ example: 'Globex Support' }) @Trim() @IsString() @MinLength(2) @MaxLength(120)
  name: string;

  @ApiPropertyOptional({ enum: PLAN_VALUES, default: 'free' }) @Optional() @IsPlan()
  plan?: Plan;

  @ApiPropertyOptional({ type: CompanySettingsDto })
  @Optional() @ValidateNested() @Type(() => CompanySettingsDto)
  settings?: CompanySettingsDto;
}

export class UpdateCompanyDto {
  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MinLength(2) @MaxLength(120)
  name?: string;

  @ApiPropertyOptional({ enum: PLAN_VALUES }) @Optional() @IsPlan()
  plan?: Plan;

  @ApiPropertyOptional({ type: CompanySettingsDto })
  @Optional() @ValidateNested() @Type(() => CompanySettingsDto)
  settings?: CompanySettingsDto;

  @ApiPropertyOptional() @Optional() @IsBoolean()
  isActive?: boolean;
}

export interface CompanyResponse {
  id: string;
  name: string;
  plan: Plan;
  widgetKey: string;
  isActive: boolean;
  settings: CompanySettings;
  createdAt: string;
  updatedAt: string;
}

export function toCompanyResponse(company: Company): CompanyResponse {
  return {
    id: company.id,
    name: company.name,
    plan: company.plan,
    widgetKey: company.widgetKey,
    isActive: company.isActive,
    settings: company.settings,
    createdAt: new Date(company.createdAt).toISOString(),
    updatedAt: new Date(company.updatedAt).toISOString(),
  };
}
