import { QueryFailedError } from 'typeorm';

/** A unique-index violation on SQLite or PostgreSQL. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = (error as QueryFailedError & { driverError?: { code?: string } }).driverError;
  return driverError?.code === '23505' || /UNIQUE constraint failed/i.test(error.message) || driverError?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
