import * as bcrypt from 'bcryptjs';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
const ROUNDS = 10;

export function hashPassword(plain: string): Promise<string> {
  return bcrypt.hash(plain, ROUNDS);
}

export function verifyPassword(plain: string, hash: string): Promise<boolean> {
  return bcrypt.compare(plain, hash);
}

// Compared against when the email is unknown, so a miss costs as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('switchboard-timing-equaliser', ROUNDS);
export function burnPasswordCheck(plain: string): Promise<boolean> {
  return bcrypt.compare(plain, DUMMY_HASH);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
