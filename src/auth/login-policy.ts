export const LOCKOUT = { maxFailures: 5, durationMs: 15 * 60 * 1000 } as const;

export interface LoginState {
  isActive: boolean;
  lockedUntil: number | null;
  failedLoginCount: number;
  passwordOk: boolean;
  now: number;
}

export interface LoginDecision {
  outcome: 'ok' | 'bad_credentials' | 'locked' | 'inactive';
  lockedNow: boolean;
  update: { failedLoginCount: number; lockedUntil: number | null; lastLoginAt?: number };
}

/** Pure lockout rule: the 5th consecutive failure locks the account for 15 minutes. */
export function decideLogin(state: LoginState): LoginDecision {
  const unchanged = { failedLoginCount: state.failedLoginCount, lockedUntil: state.lockedUntil };
  if (!state.isActive) return { outcome: 'inactive', lockedNow: false, update: unchanged };
  if (state.lockedUntil && state.lockedUntil > state.now) return { outcome: 'locked', lockedNow: false, update: unchanged };
  // An expired lock starts the count afresh.
  const previousFailures = state.lockedUntil ? 0 : state.failedLoginCount;
  if (state.passwordOk) return { outcome: 'ok', lockedNow: false, update: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: state.now } };
  const failures = previousFailures + 1;
  if (failures >= LOCKOUT.maxFailures) {
    return { outcome: 'bad_credentials', lockedNow: true, update: { failedLoginCount: failures, lockedUntil: state.now + LOCKOUT.durationMs } };
  }
  return { outcome: 'bad_credentials', lockedNow: false, update: { failedLoginCount: failures, lockedUntil: null } };
}
