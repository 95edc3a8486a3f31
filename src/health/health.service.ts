import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DependencyCheck {
  status: 'up' | 'down';
  latencyMs: number;
  error?: string;
}

/** Something /health should report besides the database (Mongo, Redis): its module registers it. */
export interface HealthIndicator {
  readonly name: string;
  ping(): Promise<unknown>;
}

async function timed(ping: () => Promise<unknown>): Promise<DependencyCheck> {
  const started = performance.now();
  try {
    await ping();
    return { status: 'up', latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    // Only the error's class: connection strings and hosts stay out of a public endpoint.
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: (error as Error)?.name ?? 'Error' };
  }
}

@Injectable()
export class HealthService {
  private readonly startedAt = Date.now();

  private readonly indicators: HealthIndicator[] = [];

  constructor(private readonly dataSource: DataSource) {}

  register(indicator: HealthIndicator): void {
    this.indicators.push(indicator);
  }

  async check() {
    const checks: Record<string, DependencyCheck> = { database: await timed(() => this.dataSource.query('SELECT 1')) };
    for (const indicator of this.indicators) checks[indicator.name] = await timed(() => indicator.ping());
    const status = Object.values(checks).every((c) => c.status === 'up') ? 'ok' : 'degraded';
    return { status, uptimeSeconds: Math.round((Date.now() - this.startedAt) / 1000), database: this.dataSource.options.type, checks };
  }
}
