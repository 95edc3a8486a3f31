/** Default handling time until a company has resolved a few conversations of its own. */
export const DEFAULT_HANDLE_SECONDS = 180;

/**
 * Expected wait for the customer at `position` (1-based): the agents ahead work in parallel, each
 * freeing a slot every average handling time.
 */
export function estimateWaitSeconds(position: number, agentsOnline: number, averageHandleSeconds: number): number {
  const rounds = Math.ceil(position / Math.max(1, agentsOnline));
  return Math.round(rounds * averageHandleSeconds);
}

/** Rolling mean of the last `size` handling times. */
export class RollingAverage {
  private readonly values: number[] = [];
  constructor(private readonly size = 20, private readonly fallback = DEFAULT_HANDLE_SECONDS) {}

  add(value: number): void {
    this.values.push(value);
    if (this.values.length > this.size) this.values.shift();
  }

  get value(): number {
    return this.values.length ? this.values.reduce((a, b) => a + b, 0) / this.values.length : this.fallback;
  }
}
