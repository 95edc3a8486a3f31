import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '../../users/entities/user.entity';
import type { Actor } from '../actor';

export const IS_PUBLIC = 'isPublic';
export const MIN_ROLE = 'minRole';

/** No staff login needed (login itself, the API-key channel, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The lowest role allowed; higher roles pass too. */
export const MinRole = (role: Role) => SetMetadata(MIN_ROLE, role);

export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  return ctx.switchToHttp().getRequest().actor;
});

export const ClientIp = createParamDecorator((_: unknown, ctx: ExecutionContext): string => {
  const request = ctx.switchToHttp().getRequest();
  return request.ip ?? request.socket?.remoteAddress ?? 'unknown';
});
