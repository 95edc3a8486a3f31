import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Actor } from '../common/actor';
import { ClientIp, CurrentActor, Public } from '../common/decorators/auth.decorators';
import { RateLimit } from '../common/decorators/rate-limit.decorator';
import { toUserResponse } from '../users/dto/user.dto';
import { User } from '../users/entities/user.entity';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { LoginDto, LoginResponse } from './dto/login.dto';
import { AUTH_COOKIE } from './guards/jwt-auth.guard';
import { LocalAuthGuard } from './guards/local-auth.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService, private readonly users: UsersService) {}

  @Post('login')
  @Public()
  @UseGuards(LocalAuthGuard)
  @RateLimit('login') // below UseGuards(LocalAuthGuard): decorators apply bottom-up, so the throttle runs first
  @HttpCode(200)
  @ApiBody({ type: LoginDto })
  async login(@Req() request: Request & { user: User }, @Res({ passthrough: true }) response: Response): Promise<LoginResponse> {
    const { accessToken, expiresIn } = await this.auth.issueToken(request.user);
    response.cookie(AUTH_COOKIE, accessToken, {
      httpOnly: true, sameSite: 'strict', secure: request.secure, maxAge: expiresIn * 1000, path: '/',
    });
    return { accessToken, expiresIn, user: toUserResponse(request.user) };
  }

  @Get('me')
  @ApiBearerAuth()
  async me(@CurrentActor() actor: Actor) {
    return toUserResponse(await this.users.get(actor, actor.id));
  }

  @Post('logout')
  @ApiBearerAuth()
  @HttpCode(200)
  async logout(@CurrentActor() actor: Actor, @ClientIp() ip: string, @Res({ passthrough: true }) response: Response) {
    await this.auth.logout(actor, ip);
    response.clearCookie(AUTH_COOKIE, { path: '/' });
    return { ok: true };
  }
}
