import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';

export interface Visitor {
  visitorId: string;
  companyId: string;
}

const AUDIENCE = 'switchboard:visitor';

/** A visitor's proof of identity across reloads: signed, scoped to one company, no account needed. */
@Injectable()
export class VisitorTokenService {
  constructor(private readonly jwt: JwtService) {}

  issue(visitor: Visitor): Promise<string> {
    return this.jwt.signAsync({ sub: visitor.visitorId, cid: visitor.companyId }, { audience: AUDIENCE, expiresIn: 90 * 24 * 3600 });
  }

  /** The visitor the token names, or null when it is missing, forged, expired or for another company. */
  async verify(token: unknown, companyId: string): Promise<Visitor | null> {
    if (typeof token !== 'string' || !token) return null;
    try {
      const claims = await this.jwt.verifyAsync<{ sub: string; cid: string }>(token, { audience: AUDIENCE });
      return claims.cid === companyId ? { visitorId: claims.sub, companyId } : null;
    } catch {
      return null;
    }
  }

  newVisitor(companyId: string): Visitor {
    return { visitorId: randomUUID(), companyId };
  }
}
