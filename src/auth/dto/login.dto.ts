import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { UserResponse } from '../../users/dto/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'admin@acme.example' }) @IsEmail() @MaxLength(254)
  email: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(128)
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  expiresIn: number;
  user: UserResponse;
}
