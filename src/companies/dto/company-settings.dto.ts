import { Optional } from '../../common/decorators/optional.decorator';
import { Trim } from '../../common/decorators/trim.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min,
  MinLength, registerDecorator, ValidateNested, ValidationOptions,
} from 'class-validator';
import { isValidTimeZone } from '../company-settings';

function IsTimeZone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isTimeZone',
      target: object.constructor,
      propertyName,
      options: { message: `${propertyName} must be an IANA time zone such as Europe/Paris`, ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value) },
    });
}

const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

export class BusinessDayDto {
  @ApiPropertyOptional({ description: '0 = Sunday … 6 = Saturday' }) @IsInt() @Min(0) @Max(6)
  day: number;

  @ApiPropertyOptional({ example: '09:00' }) @Matches(HH_MM, { message: 'open must be HH:MM' })
  open: string;

  @ApiPropertyOptional({ example: '17:30' }) @Matches(HH_MM, { message: 'close must be HH:MM' })
  close: string;
}

export class BusinessHoursDto {
  @ApiPropertyOptional({ type: [BusinessDayDto] })
  @IsArray() @ArrayMaxSize(14) @ValidateNested({ each: true }) @Type(() => BusinessDayDto)
  days: BusinessDayDto[];
}

/** Every field optional: PATCH semantics; the service merges into the stored settings. */
export class CompanySettingsDto {
  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MinLength(1) @MaxLength(60)
  assistantName?: string;

  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(500)
  greeting?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 1 }) @Optional() @IsNumber() @Min(0) @Max(1)
  confidenceThreshold?: number;

  @ApiPropertyOptional({ type: [String] })
  @Optional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MinLength(2, { each: true }) @MaxLength(60, { each: true })
  escalationKeywords?: string[];

  @ApiPropertyOptional({ example: 'Europe/Paris' }) @Optional() @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50 }) @Optional() @IsInt() @Min(1) @Max(50)
  maxChatsPerAgent?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 3600 }) @Optional() @IsInt() @Min(0) @Max(3600)
  gracePeriodSeconds?: number;

  @ApiPropertyOptional({ type: BusinessHoursDto, nullable: true })
  @IsOptional() @ValidateNested() @Type(() => BusinessHoursDto)
  businessHours?: BusinessHoursDto | null;

  @ApiPropertyOptional() @Optional() @IsString() @MaxLength(500)
  offlineMessage?: string;

  @ApiPropertyOptional() @Optional() @IsBoolean()
  sendUnsureDraftWhenOffline?: boolean;
}

export const PLAN_VALUES = ['free', 'basic', 'premium', 'enterprise'] as const;
export const IsPlan = () => IsIn(PLAN_VALUES as unknown as string[], { message: `plan must be one of ${PLAN_VALUES.join(', ')}` });
