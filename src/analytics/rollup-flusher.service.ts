import { BeforeApplicationShutdown, Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { RollupBuffer } from './rollup-buffer';
import { RollupsRepository } from './rollups.repository';

/** How long a counter may wait in memory (overridable in tests). */
export const ROLLUP_FLUSH_MS = Symbol('ROLLUP_FLUSH_MS');
const FLUSH_MS = 1000;
// Counters per statement: 3 grains × 5 parameters each stays under SQLite's 32,766 and PostgreSQL's 65,535.
const CHUNK = 1000;

/**
 * Counters too frequent for a write each (messages) are summed in memory and written together in one
 * upsert: at most a second later, at shutdown, and before any read of the counters (AnalyticsLoader),
 * so that reads stay exact. A crash loses at most the last second of them.
 */
@Injectable()
export class RollupFlusher implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Analytics');
  private readonly pending = new RollupBuffer();
  private timer: NodeJS.Timeout | null = null;
  // Flushes run one after another, so a read's flush also waits for the one already writing.
  private flushing: Promise<void> = Promise.resolve();
  private closing = false;

  constructor(private readonly rollups: RollupsRepository, @Optional() @Inject(ROLLUP_FLUSH_MS) private readonly flushMs: number = FLUSH_MS) {}

  add(companyId: string, metric: string, slot: number, dimension: string): void {
    this.pending.add(companyId, metric, slot, dimension);
    // Past the shutdown flush (sockets still closing), a late count is written at once, before the database closes.
    if (this.closing) void this.flush();
    else this.schedule();
  }

  /** Writes every pending count; resolves once they (and any flush before) are in the table. Never rejects. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write());
    return this.flushing;
  }

  /** Before TypeORM's onApplicationShutdown closes the DataSource. */
  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.flush();
  }

  private schedule(): void {
    if (this.timer || this.closing) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushMs);
    this.timer.unref();
  }

  private async write(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const counts = this.pending.take();
    for (let k = 0; k < counts.length; k += CHUNK) {
      try {
        await this.rollups.add(counts.slice(k, k + CHUNK));
      } catch (error) {
        // Nothing written from here on: keep it for the next flush rather than lose it.
        this.pending.putBack(counts.slice(k));
        this.logger.error(`could not write ${counts.length - k} rollup counter(s); kept for the next flush: ${(error as Error).message}`);
        this.schedule();
        return;
      }
    }
  }
}
