/** Usage against the plan: this month's counters and the limits that apply. */
import { api } from '../../shared/api';
import { h, mount } from '../../shared/dom';
import { number } from '../../shared/format';
import { asyncSection, badge } from '../../shared/ui';
import { card } from '../kit';
import type { PageContext } from '../shell';

interface Usage {
  plan: string;
  period: string;
  limits: { knowledgeEntries: number | null; assistantRequests: number | null };
  usage: Record<string, number>;
  remaining: { knowledgeEntries: number | null; assistantRequests: number | null };
}

const PLAN_LABEL: Record<string, string> = { free: 'Free', basic: 'Basic', premium: 'Premium', enterprise: 'Enterprise' };

function meter(label: string, used: number, limit: number | null, hint: string): HTMLElement {
  const share = limit ? Math.min(1, used / limit) : 0;
  const level = !limit ? 'ok' : share >= 1 ? 'full' : share >= 0.8 ? 'warn' : 'ok';
  return h('div', { class: 'usage-row' },
    h('div', { class: 'usage-row__top' }, h('strong', null, label),
      h('span', { class: 'sb-muted' }, limit === null ? `${number(used)} · unlimited` : `${number(used)} of ${number(limit)}`),
      level === 'full' ? badge('Limit reached', 'danger') : level === 'warn' ? badge('Almost there', 'warning') : null),
    limit === null ? null : h('div', { class: 'usage-bar', 'data-level': level, role: 'progressbar', 'aria-label': label, 'aria-valuemin': 0, 'aria-valuemax': limit, 'aria-valuenow': used }, h('span', { style: { width: `${Math.max(2, share * 100)}%` } })),
    h('div', { class: 'sb-hint' }, hint));
}

export async function render(ctx: PageContext): Promise<void> {
  const box = h('div');
  mount(ctx.body, box);
  asyncSection(box, () => api<Usage>('/api/usage'), (u) => {
    const month = new Date(`${u.period}-01T00:00:00Z`).toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
    return h('div', { class: 'sb-stack' },
      h('div', { class: 'adm-grid adm-grid--kpi' },
        h('div', { class: 'sb-card kpi' }, h('div', { class: 'kpi__label' }, 'Plan'), h('div', { class: 'kpi__value', 'data-testid': 'usage-plan' }, PLAN_LABEL[u.plan] ?? u.plan), h('div', { class: 'kpi__sub' }, ctx.me.role === 'super_admin' ? 'Change it under Platform → Companies' : 'Ask us to change your plan')),
        h('div', { class: 'sb-card kpi' }, h('div', { class: 'kpi__label' }, 'Conversations'), h('div', { class: 'kpi__value' }, number(u.usage.conversations ?? 0)), h('div', { class: 'kpi__sub' }, month)),
        h('div', { class: 'sb-card kpi' }, h('div', { class: 'kpi__label' }, 'Escalations'), h('div', { class: 'kpi__value' }, number(u.usage.escalations ?? 0)), h('div', { class: 'kpi__sub' }, month)),
        h('div', { class: 'sb-card kpi' }, h('div', { class: 'kpi__label' }, 'AI tokens'), h('div', { class: 'kpi__value' }, number(u.usage.ai_tokens ?? 0)), h('div', { class: 'kpi__sub' }, 'OpenAI-compatible models only'))),
      card(`Limits for ${month}`, h('div', null,
        meter('Assistant answers', u.usage.assistant_requests ?? 0, u.limits.assistantRequests, 'Resets on the first of the month (UTC). When used up, customers are handed to your team instead of the bot.'),
        meter('Knowledge entries', u.usage.knowledge_entries ?? 0, u.limits.knowledgeEntries, 'Entries and imported passages together.')), { flush: true, testId: 'usage-limits' }));
  }, { feature: 'Usage' });
}
