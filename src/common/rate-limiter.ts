/** A fixed-window counter for one client (a socket): cheap enough to sit on every event. */
export class WindowLimiter {
  private windowStart = 0;
  private count = 0;

  constructor(private readonly limit: number, private readonly windowMs: number) {}

  /** True when the call is allowed (and counted). */
  take(now = Date.now()): boolean {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
    if (this.count >= this.limit) return false;
    this.count += 1;
    return true;
  }
}
