/** Super admin: the plans, their limits, and which companies are on each. */
import { api, itemsOf } from '../../shared/api';
import { h, mount } from '../../shared/dom';
import { number } from '../../shared/format';
import { iCard } from '../../shared/icons';
import { asyncSection, badge, button, emptyState, select, table, toast } from '../../shared/ui';
import { card } from '../kit';
import type { PageContext } from '../shell';
import { Company, PLANS } from './companies';

interface PlanInfo { id?: string; plan?: string; name?: string; limits?: { knowledgeEntries: number | null; assistantRequests: number | null } }

export async function render(ctx: PageContext): Promise<void> {
  const catalogue = h('div');
  const members = h('div');
  mount(ctx.body, card('Plan catalogue', catalogue, { flush: true }), card('Companies by plan', members, { flush: true, testId: 'plans-companies' }));
  asyncSection(catalogue, () => api<PlanInfo[]>('/api/plans'), (payload) => {
    const plans = itemsOf<PlanInfo>(payload);
    const limit = (v: number | null | undefined) => (v === null ? 'Unlimited' : v === undefined ? '–' : number(v));
    return plans.length
      ? table(plans, [
        { label: 'Plan', cell: (p) => h('strong', null, p.name ?? p.id ?? p.plan ?? '') },
        { label: 'Assistant answers / month', cell: (p) => limit(p.limits?.assistantRequests), className: 'num' },
        { label: 'Knowledge entries', cell: (p) => limit(p.limits?.knowledgeEntries), className: 'num' },
      ], { caption: 'Plans' })
      : emptyState('No plans', undefined, { icon: iCard, compact: true });
  }, { feature: 'The plan catalogue (GET /api/plans)', compact: true });
  const reload = asyncSection(members, () => api<Company[]>('/api/companies'), (payload) => {
    const rows = itemsOf<Company>(payload);
    return rows.length
      ? table(rows, [
        { label: 'Company', cell: (c) => h('strong', null, c.name) },
        { label: 'Status', cell: (c) => (c.isActive ? badge('Active', 'success') : badge('Disabled', 'danger')) },
        { label: 'Plan', cell: (c) => {
          const picker = select(PLANS, { value: c.plan, 'aria-label': `Plan of ${c.name}` });
          const save = button('Change', async () => {
            try {
              await api(`/api/companies/${c.id}`, { method: 'PATCH', body: { plan: picker.value } });
              toast(`${c.name} is now on ${picker.value}`, 'success');
              void reload();
            } catch (error) {
              toast((error as Error).message, 'danger');
            }
          }, { size: 'sm' });
          return h('div', { class: 'sb-row' }, picker, save);
        } },
      ], { caption: 'Companies by plan' })
      : emptyState('No companies yet', undefined, { icon: iCard, compact: true });
  });
  void ctx;
}
