import type { Plan } from '../companies/entities/company.entity';

export interface PlanLimits {
  /** Knowledge entries a company may keep (imported passages count too). */
  knowledgeEntries: number;
  /** Assistant answers per calendar month (UTC). */
  assistantRequests: number;
}

export const PLAN_LIMITS: Record<Plan, PlanLimits> = {
  free: { knowledgeEntries: 50, assistantRequests: 1_000 },
  basic: { knowledgeEntries: 500, assistantRequests: 10_000 },
  premium: { knowledgeEntries: 5_000, assistantRequests: 100_000 },
  enterprise: { knowledgeEntries: Infinity, assistantRequests: Infinity },
};

export const USAGE_METRICS = ['assistant_requests', 'ai_tokens', 'escalations', 'conversations'] as const;
export type UsageMetric = (typeof USAGE_METRICS)[number];

/** 'YYYY-MM' in UTC: usage resets on the first of the month. */
export function usagePeriod(at = Date.now()): string {
  return new Date(at).toISOString().slice(0, 7);
}

/** How many more fit under the limit (Infinity for unlimited plans). */
export function remaining(limit: number, used: number): number {
  return Math.max(0, limit - used);
}

/** JSON has no Infinity: unlimited is null. */
export const limitForJson = (limit: number): number | null => (Number.isFinite(limit) ? limit : null);
