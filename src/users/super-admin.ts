import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { User } from './entities/user.entity';
import { hashPassword, normaliseEmail, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from './password';

export class AccountError extends Error {}

/** Creates a super admin straight in the database: for the create-admin CLI, before anyone can log in. */
export async function createSuperAdminAccount(dataSource: DataSource, input: { email: string; password: string; name?: string }): Promise<User> {
  const email = normaliseEmail(input.email);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new AccountError(`"${input.email}" is not an email address`);
  if (input.password.length < PASSWORD_MIN_LENGTH || input.password.length > PASSWORD_MAX_LENGTH) {
    throw new AccountError(`the password must be ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters long`);
  }
  const users = dataSource.getRepository(User);
  if (await users.findOneBy({ email })) throw new AccountError(`a user with email ${email} already exists`);
  const now = Date.now();
  const user = users.create({
    id: randomUUID(), companyId: null, email, name: input.name?.trim() || 'Super Admin', role: 'super_admin',
    passwordHash: await hashPassword(input.password), isActive: true, tokenVersion: 0, failedLoginCount: 0,
    lockedUntil: null, lastLoginAt: null, workedSecondsTotal: 0, lastHeartbeatAt: null, createdAt: now, updatedAt: now,
  });
  await users.insert(user);
  return user;
}
