import { CanActivate, ExecutionContext, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { IS_PUBLIC } from '../../common/decorators/auth.decorators';
import { AuthService } from '../auth.service';

export const AUTH_COOKIE = 'sb_token';

export function tokenFromRequest(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  return request.cookies?.[AUTH_COOKIE];
}

/** Global: every route needs a staff token (bearer or httpOnly cookie) unless marked @Public. */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly reflector: Reflector, private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<Request & { actor?: unknown }>();
    const token = tokenFromRequest(request);
    if (!token) throw new UnauthorizedException('Log in first: no access token was sent');
    request.actor = await this.auth.actorFromToken(token);
    return true;
  }
}
