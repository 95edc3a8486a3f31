import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { Actor } from '../common/actor';
import { DomainEvents } from '../common/events/domain-events.service';
import { User } from '../users/entities/user.entity';
import { burnPasswordCheck, normaliseEmail, verifyPassword } from '../users/password';
import { UsersRepository } from '../users/users.repository';
import { decideLogin } from './login-policy';

interface TokenClaims {
  sub: string;
  role: string;
  cid: string | null;
  ver: number;
}

// One message for every refusal, so a caller cannot tell which accounts exist or are locked.
const REFUSED = 'Invalid email or password, or the account is locked or inactive';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly events: DomainEvents,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** passport-local's verify step: checks the password, enforces the lockout, audits the attempt. */
  async validateCredentials(rawEmail: string, password: string, ip: string): Promise<User> {
    const email = normaliseEmail(rawEmail);
    const user = await this.users.findForLogin(email);
    const now = Date.now();
    if (!user) {
      await burnPasswordCheck(password);
      await this.events.publish('auth.login_failed', { actor: null, companyId: null, ip, email, reason: 'bad_credentials', lockedNow: false });
      throw new UnauthorizedException(REFUSED);
    }
    const passwordOk = user.isActive && !(user.lockedUntil && user.lockedUntil > now) ? await verifyPassword(password, user.passwordHash) : false;
    const decision = decideLogin({ isActive: user.isActive, lockedUntil: user.lockedUntil, failedLoginCount: user.failedLoginCount, passwordOk, now });
    await this.users.repo.update({ id: user.id }, decision.update);
    const audit = { actor: { id: user.id, email: user.email }, companyId: user.companyId, ip };
    if (decision.outcome !== 'ok') {
      await this.events.publish('auth.login_failed', { ...audit, email, reason: decision.outcome, lockedNow: decision.lockedNow });
      throw new UnauthorizedException(REFUSED);
    }
    await this.events.publish('auth.login_succeeded', { ...audit, userId: user.id });
    return Object.assign(user, decision.update);
  }

  async issueToken(user: User): Promise<{ accessToken: string; expiresIn: number }> {
    const claims: TokenClaims = { sub: user.id, role: user.role, cid: user.companyId, ver: user.tokenVersion };
    return { accessToken: await this.jwt.signAsync(claims), expiresIn: this.config.jwtExpiresInSeconds };
  }

  /** Verifies a token and that its user still exists, is active and has not logged out since. */
  async actorFromToken(token: string): Promise<Actor> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      throw new UnauthorizedException('Your session is invalid or has expired; log in again');
    }
    const user = await this.users.findById(claims.sub);
    if (!user || !user.isActive || user.tokenVersion !== claims.ver) {
      throw new UnauthorizedException('Your session is no longer valid; log in again');
    }
    return { id: user.id, email: user.email, name: user.name, role: user.role, companyId: user.companyId };
  }

  /** Ends every session of the user: tokens carry the version they were issued with. */
  async logout(actor: Actor, ip: string): Promise<void> {
    await this.users.repo.increment({ id: actor.id }, 'tokenVersion', 1);
    await this.events.publish('auth.logged_out', { actor: { id: actor.id, email: actor.email }, companyId: actor.companyId, ip, userId: actor.id });
  }
}
