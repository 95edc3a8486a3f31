import { applyDecorators, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';

export const RATE_LIMITS = ['login', 'public'] as const;
export type RateLimitName = (typeof RATE_LIMITS)[number];

/** Applies one named per-IP limit (configured in AppModule) and skips the others. */
export const RateLimit = (name: RateLimitName) =>
  applyDecorators(
    UseGuards(ThrottlerGuard),
    SkipThrottle(Object.fromEntries(RATE_LIMITS.filter((other) => other !== name).map((other) => [other, true]))),
  );
