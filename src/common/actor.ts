import type { Role } from '../users/entities/user.entity';

/** The authenticated staff member a request or socket acts for. */
export interface Actor {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** Null for super admins. */
  companyId: string | null;
}

const RANK: Record<Role, number> = { agent: 1, admin: 2, super_admin: 3 };

/** super_admin > admin > agent: a higher role may do whatever a lower one may. */
export function hasRole(actor: Pick<Actor, 'role'>, required: Role): boolean {
  return RANK[actor.role] >= RANK[required];
}

export function isSuperAdmin(actor: Pick<Actor, 'role'>): boolean {
  return actor.role === 'super_admin';
}
