import { decideLogin, LOCKOUT, LoginState } from './login-policy';

const base: LoginState = { isActive: true, lockedUntil: null, failedLoginCount: 0, passwordOk: false, now: 1_000_000 };

describe('decideLogin', () => {
  it('accepts a correct password and clears the failure count', () => {
    const decision = decideLogin({ ...base, failedLoginCount: 3, passwordOk: true });
    expect(decision).toEqual({ outcome: 'ok', lockedNow: false, update: { failedLoginCount: 0, lockedUntil: null, lastLoginAt: base.now } });
  });

  it('counts failures and locks on the fifth', () => {
    let state: LoginState = { ...base };
    for (let attempt = 1; attempt <= 4; attempt++) {
      const decision = decideLogin(state);
      expect(decision.lockedNow).toBe(false);
      expect(decision.update.failedLoginCount).toBe(attempt);
      state = { ...state, ...decision.update };
    }
    const fifth = decideLogin(state);
    expect(fifth.lockedNow).toBe(true);
    expect(fifth.update.lockedUntil).toBe(base.now + LOCKOUT.durationMs);
  });

  it('refuses even the right password while locked', () => {
    const decision = decideLogin({ ...base, passwordOk: true, failedLoginCount: 5, lockedUntil: base.now + 1 });
    expect(decision.outcome).toBe('locked');
    expect(decision.update.lockedUntil).toBe(base.now + 1);
  });

  it('lets the account in again once the lock has expired', () => {
    const decision = decideLogin({ ...base, passwordOk: true, failedLoginCount: 5, lockedUntil: base.now - 1 });
    expect(decision.outcome).toBe('ok');
  });

  it('restarts the count after an expired lock', () => {
    const decision = decideLogin({ ...base, failedLoginCount: 5, lockedUntil: base.now - 1 });
    expect(decision.update).toEqual({ failedLoginCount: 1, lockedUntil: null });
  });

  it('refuses an inactive account without counting', () => {
    const decision = decideLogin({ ...base, isActive: false, passwordOk: true });
    expect(decision.outcome).toBe('inactive');
    expect(decision.update.failedLoginCount).toBe(0);
  });
});
