import { Optional } from '../../common/decorators/optional.decorator';
import { Trim } from '../../common/decorators/trim.decorator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password';
import { Role, ROLES, User } from '../entities/user.entity';

const trimLower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'jane@acme.example' }) @Transform(trimLower) @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Jane Doe' }) @Trim() @IsString() @MinLength(1) @MaxLength(120)
  name: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString() @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` }) @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @ApiProperty({ enum: ROLES }) @IsIn(ROLES as unknown as string[])
  role: Role;

  @ApiPropertyOptional({ description: 'Super admin only: the company of the new admin or agent' })
  @Optional() @IsUUID()
  companyId?: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional() @Optional() @Trim() @IsString() @MinLength(1) @MaxLength(120)
  name?: string;

  @ApiPropertyOptional() @Optional() @Transform(trimLower) @IsEmail() @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ minLength: PASSWORD_MIN_LENGTH })
  @Optional() @IsString() @MinLength(PASSWORD_MIN_LENGTH, { message: `password must be at least ${PASSWORD_MIN_LENGTH} characters` }) @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;

  @ApiPropertyOptional({ enum: ['agent', 'admin'] }) @Optional() @IsIn(['agent', 'admin'])
  role?: 'agent' | 'admin';

  @ApiPropertyOptional({ description: 'false deactivates; true reactivates' }) @Optional() @IsBoolean()
  isActive?: boolean;
}

export class ListUsersQuery {
  @ApiPropertyOptional({ description: 'Super admin only: one company' }) @Optional() @IsUUID()
  companyId?: string;

  @ApiPropertyOptional({ enum: ROLES }) @Optional() @IsIn(ROLES as unknown as string[])
  role?: Role;
}

export interface UserResponse {
  id: string;
  email: string;
  name: string;
  role: Role;
  companyId: string | null;
  isActive: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

/** The only way a user leaves the server: no hash, no lockout counters, no token version. */
export function toUserResponse(user: User): UserResponse {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    companyId: user.companyId,
    isActive: user.isActive,
    lastLoginAt: user.lastLoginAt ? new Date(user.lastLoginAt).toISOString() : null,
    createdAt: new Date(user.createdAt).toISOString(),
  };
}
