/** Agents: people of the company (create, edit, role, deactivate) and the hours they worked. */
import { api, itemsOf, withQuery } from '../../shared/api';
import { h, icon, mount } from '../../shared/dom';
import { dateTime, duration, initials, relative } from '../../shared/format';
import { iDownload, iEdit, iPlus, iUsers } from '../../shared/icons';
import type { AgentPresence, User } from '../../shared/types';
import { asyncSection, badge, button, busy, confirmDialog, emptyState, field, input, openDialog, select, showFormErrors, table, toast } from '../../shared/ui';
import { card, Range, rangePicker } from '../kit';
import type { PageContext } from '../shell';

interface HoursRow { agentId: string; agentName: string | null; date: string; seconds: number; hours: number }

export async function render(ctx: PageContext): Promise<void> {
  const people = h('div');
  const hours = h('div');
  const picker = rangePicker((range) => void loadHours(range));
  const csv = h('a', { class: 'sb-btn sb-btn--secondary sb-btn--sm', download: 'agent-hours.csv' }, icon(iDownload, { size: 'sm' }), 'Export CSV');
  ctx.actions.append(button('Add a person', () => editPerson(ctx, null, () => void reload()), { variant: 'primary', icon: iPlus, attrs: { 'data-testid': 'add-agent' } }));
  mount(ctx.body,
    card('Team', people, { flush: true, testId: 'agents-table' }),
    card('Working hours', hours, { flush: true, sub: 'Online time per agent and day, in your company’s time zone', actions: h('div', { class: 'sb-row sb-row--wrap' }, picker.el, csv) }));

  const reload = asyncSection(people, async () => {
    const [users, presence] = await Promise.all([api<User[]>('/api/users'), api<AgentPresence[]>('/api/agents').catch(() => [] as AgentPresence[])]);
    const status = new Map(itemsOf<AgentPresence>(presence).map((a) => [a.id, a]));
    return itemsOf<User>(users).filter((u) => u.role !== 'super_admin').map((u) => ({ ...u, presence: status.get(u.id) }));
  }, (rows) => rows.length
    ? table(rows, [
      { label: 'Name', cell: (u) => h('div', { class: 'sb-row' }, h('span', { class: 'sb-avatar' }, initials(u.name)), h('div', null, h('strong', null, u.name), h('div', { class: 'sb-hint' }, u.email))) },
      { label: 'Role', cell: (u) => badge(u.role === 'admin' ? 'Admin' : 'Agent', u.role === 'admin' ? 'brand' : 'neutral') },
      { label: 'Status', cell: (u) => (!u.isActive ? badge('Deactivated', 'danger') : u.presence?.status === 'online' ? badge(`Online · ${u.presence.activeConversations} active`, 'success', true) : badge('Offline')) },
      { label: 'Last sign-in', cell: (u) => (u.lastLoginAt ? h('span', { title: dateTime(u.lastLoginAt) }, relative(u.lastLoginAt)) : h('span', { class: 'sb-muted' }, 'Never')) },
      { label: '', className: 'num', cell: (u) => h('div', { class: 'sb-row', style: { justifyContent: 'flex-end' } },
        button('Edit', () => editPerson(ctx, u, () => void reload()), { size: 'sm', icon: iEdit, ariaLabel: `Edit ${u.name}` }),
        u.id === ctx.me.id ? null : u.isActive
          ? button('Deactivate', async (e) => {
            if (!(await confirmDialog(`Deactivate ${u.name}?`, 'They are signed out at once and cannot sign in again until reactivated. Their open conversations go back to the queue.', 'Deactivate'))) return;
            await busy(e.target as HTMLButtonElement, async () => {
              await api(`/api/users/${u.id}`, { method: 'DELETE' });
              toast(`${u.name} was deactivated`, 'success');
              void reload();
            });
          }, { size: 'sm', variant: 'danger' })
          : button('Reactivate', async (e) => busy(e.target as HTMLButtonElement, async () => {
            await api(`/api/users/${u.id}`, { method: 'PATCH', body: { isActive: true } });
            toast(`${u.name} can sign in again`, 'success');
            void reload();
          }), { size: 'sm' })) },
    ], { caption: 'Team' })
    : emptyState('No agents yet', 'Add the people who will answer your customers.', { icon: iUsers, action: button('Add a person', () => editPerson(ctx, null, () => void reload()), { variant: 'primary', icon: iPlus }) }));

  async function loadHours(range: Range): Promise<void> {
    csv.href = withQuery('/api/agents/hours', { from: range.from, to: range.to, format: 'csv' });
    asyncSection(hours, () => api<{ days: HoursRow[]; timeZone: string }>('/api/agents/hours', { query: { from: range.from, to: range.to } }), (res) => {
      const totals = new Map<string, { name: string; seconds: number; days: number }>();
      for (const d of res.days ?? []) {
        const t = totals.get(d.agentId) ?? { name: d.agentName ?? 'Former agent', seconds: 0, days: 0 };
        t.seconds += d.seconds;
        t.days += d.seconds > 0 ? 1 : 0;
        totals.set(d.agentId, t);
      }
      const rows = [...totals.values()].sort((a, b) => b.seconds - a.seconds);
      return rows.length
        ? table(rows, [
          { label: 'Agent', cell: (r) => r.name },
          { label: 'Days worked', cell: (r) => String(r.days), className: 'num' },
          { label: 'Total', cell: (r) => duration(r.seconds), className: 'num' },
          { label: 'Hours', cell: (r) => (r.seconds / 3600).toFixed(2), className: 'num' },
        ], { caption: 'Working hours' })
        : emptyState('No hours in this period', 'Hours are counted while agents are online in the console.', { compact: true });
    }, { compact: true });
  }
  await loadHours(picker.range);
}

function editPerson(ctx: PageContext, user: User | null, done: () => void): void {
  const name = input({ name: 'name', value: user?.name ?? '', autocomplete: 'off' });
  const email = input({ name: 'email', type: 'email', value: user?.email ?? '', autocomplete: 'off' });
  const password = input({ name: 'password', type: 'password', autocomplete: 'new-password', placeholder: user ? 'Leave empty to keep it' : 'At least 10 characters' });
  const role = select([{ value: 'agent', label: 'Agent: answers customers' }, { value: 'admin', label: 'Admin: also manages the company' }], { name: 'role', value: user?.role ?? 'agent', disabled: user?.id === ctx.me.id });
  const form = h('form', { class: 'sb-stack', novalidate: true },
    field('Name', name, { required: true }),
    field('Email', email, { required: true }),
    field(user ? 'New password' : 'Password', password, { required: !user, hint: user ? 'Set a new password only to reset theirs.' : 'Share it with them; they can use it right away.' }),
    field('Role', role));
  const error = h('div', { class: 'sb-alert sb-alert--danger', role: 'alert', hidden: true });
  form.append(error);
  const dialog = openDialog(user ? `Edit ${user.name}` : 'Add a person', form, (close) => [
    button('Cancel', close),
    button(user ? 'Save changes' : 'Add person', null, { variant: 'primary', type: 'submit', attrs: { form: 'person-form' } }),
  ]);
  form.id = 'person-form';
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.hidden = true;
    const submit = dialog.dialog.querySelector<HTMLButtonElement>('button[type=submit]');
    if (submit) submit.disabled = true;
    try {
      if (user) {
        const body: Record<string, unknown> = {};
        if (name.value.trim() !== user.name) body.name = name.value;
        if (email.value.trim() !== user.email) body.email = email.value;
        if (password.value) body.password = password.value;
        if (role.value !== user.role && user.id !== ctx.me.id) body.role = role.value;
        if (Object.keys(body).length) await api(`/api/users/${user.id}`, { method: 'PATCH', body });
        toast('Saved', 'success');
      } else {
        await api('/api/users', { body: { name: name.value, email: email.value, password: password.value, role: role.value } });
        toast(`${name.value.trim()} was added`, 'success');
      }
      dialog.close();
      done();
    } catch (err) {
      error.textContent = showFormErrors(form, err);
      error.hidden = false;
    } finally {
      if (submit) submit.disabled = false;
    }
  });
  name.focus();
}
