/** Super admin: every company on the hub. */
import { api, itemsOf } from '../../shared/api';
import { h, mount } from '../../shared/dom';
import { relative } from '../../shared/format';
import { iBuilding, iEdit, iPlus } from '../../shared/icons';
import { asyncSection, badge, button, emptyState, field, input, openDialog, select, showFormErrors, table, toast } from '../../shared/ui';
import { card } from '../kit';
import type { PageContext } from '../shell';

export interface Company { id: string; name: string; plan: string; widgetKey: string; isActive: boolean; createdAt: string }
export const PLANS = [{ value: 'free', label: 'Free' }, { value: 'basic', label: 'Basic' }, { value: 'premium', label: 'Premium' }, { value: 'enterprise', label: 'Enterprise' }];

export async function render(ctx: PageContext): Promise<void> {
  const list = h('div');
  ctx.actions.append(button('New company', () => edit(null, () => location.reload()), { variant: 'primary', icon: iPlus }));
  mount(ctx.body, card('Companies', list, { flush: true, testId: 'companies-table' }));
  const reload = asyncSection(list, () => api<Company[]>('/api/companies'), (payload) => {
    const rows = itemsOf<Company>(payload);
    return rows.length
      ? table(rows, [
        { label: 'Company', cell: (c) => h('strong', null, c.name) },
        { label: 'Plan', cell: (c) => badge(PLANS.find((p) => p.value === c.plan)?.label ?? c.plan, 'brand') },
        { label: 'Status', cell: (c) => (c.isActive ? badge('Active', 'success') : badge('Disabled', 'danger')) },
        { label: 'Widget key', cell: (c) => h('code', { class: 'sb-mono' }, c.widgetKey) },
        { label: 'Created', cell: (c) => relative(c.createdAt) },
        { label: '', className: 'num', cell: (c) => button('Edit', () => edit(c, () => void reload()), { size: 'sm', icon: iEdit, ariaLabel: `Edit ${c.name}` }) },
      ], { caption: 'Companies' })
      : emptyState('No companies yet', 'Create the first tenant of this hub.', { icon: iBuilding });
  });
  void ctx;
}

export function edit(c: Company | null, done: () => void): void {
  const name = input({ name: 'name', value: c?.name ?? '' });
  const plan = select(PLANS, { name: 'plan', value: c?.plan ?? 'free' });
  const active = h('input', { type: 'checkbox', checked: c?.isActive ?? true });
  const error = h('div', { class: 'sb-alert sb-alert--danger', role: 'alert', hidden: true });
  const form = h('form', { class: 'sb-stack', id: 'company-form', novalidate: true }, field('Name', name, { required: true }), field('Plan', plan),
    c ? h('label', { class: 'sb-checkbox' }, active, 'Active (a disabled company’s widget and staff are refused)') : null, error);
  const dialog = openDialog(c ? `Edit ${c.name}` : 'New company', form, (close) => [button('Cancel', close), button('Save', null, { variant: 'primary', type: 'submit', attrs: { form: 'company-form' } })]);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      if (c) await api(`/api/companies/${c.id}`, { method: 'PATCH', body: { name: name.value, plan: plan.value, isActive: active.checked } });
      else await api('/api/companies', { body: { name: name.value, plan: plan.value } });
      toast('Saved', 'success');
      dialog.close();
      done();
    } catch (err) {
      error.textContent = showFormErrors(form, err);
      error.hidden = false;
    }
  });
}
