import { SlotCount } from './rollup-levels';

/** Counter increments summed in memory per (company, metric, slot, dimension) until they are written. */
export class RollupBuffer {
  private counts = new Map<string, SlotCount>();

  get size(): number {
    return this.counts.size;
  }

  add(companyId: string, metric: string, slot: number, dimension: string, by = 1): void {
    const key = `${companyId}\u0000${metric}\u0000${slot}\u0000${dimension}`;
    const count = this.counts.get(key);
    if (count) count.by += by;
    else this.counts.set(key, { companyId, metric, slot, dimension, by });
  }

  /** Everything pending, leaving the buffer empty: what is added while the caller writes waits for the next take. */
  take(): SlotCount[] {
    const taken = [...this.counts.values()];
    this.counts = new Map();
    return taken;
  }

  /** Returns counts whose write failed, summed with whatever arrived meanwhile. */
  putBack(counts: Iterable<SlotCount>): void {
    for (const c of counts) this.add(c.companyId, c.metric, c.slot, c.dimension, c.by);
  }
}
