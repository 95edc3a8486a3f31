import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Actor, hasRole } from '../../common/actor';
import { MIN_ROLE } from '../../common/decorators/auth.decorators';
import type { Role } from '../../users/entities/user.entity';

/** Global: enforces @MinRole; super_admin > admin > agent. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const required = this.reflector.getAllAndOverride<Role | undefined>(MIN_ROLE, [context.getHandler(), context.getClass()]);
    if (!required) return true;
    const actor: Actor | undefined = context.switchToHttp().getRequest().actor;
    if (!actor || !hasRole(actor, required)) {
      throw new ForbiddenException(`This needs the ${required.replace('_', ' ')} role`);
    }
    return true;
  }
}
