import { BadRequestException, ForbiddenException } from '@nestjs/common';
import { Actor, isSuperAdmin } from './actor';

/**
 * The company a staff request acts on. Staff are pinned to their own company; a super admin
 * names one (or, where `allowAll`, none = every company).
 */
export function resolveCompanyScope(actor: Actor, requested: string | undefined, allowAll: true): string | null;
export function resolveCompanyScope(actor: Actor, requested?: string, allowAll?: false): string;
export function resolveCompanyScope(actor: Actor, requested?: string, allowAll = false): string | null {
  if (isSuperAdmin(actor)) {
    if (requested) return requested;
    if (allowAll) return null;
    throw new BadRequestException({
      message: 'companyId is required: a super admin must name the company to act on',
      details: [{ field: 'companyId', errors: ['companyId is required for super admins'] }],
    });
  }
  if (requested && requested !== actor.companyId) {
    throw new ForbiddenException('You can only act on your own company');
  }
  return actor.companyId as string;
}
