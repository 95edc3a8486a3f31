/** The audit log: append-only, newest first, filterable by action. */
import { api } from '../../shared/api';
import { h, mount } from '../../shared/dom';
import { dateTime, relative } from '../../shared/format';
import { iShield } from '../../shared/icons';
import { asyncSection, emptyState, input, pager, table } from '../../shared/ui';
import { card } from '../kit';
import type { PageContext } from '../shell';

interface Log { id: string; action: string; actorEmail: string | null; targetType: string | null; targetId: string | null; details: Record<string, unknown> | null; ip: string | null; createdAt: number | string }

const LIMIT = 50;

function describe(details: Log['details']): string {
  if (!details) return '';
  return Object.entries(details).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`).join(' · ');
}

export async function render(ctx: PageContext): Promise<void> {
  let offset = 0;
  let action = '';
  const list = h('div');
  const filter = input({ type: 'search', placeholder: 'Filter by action, e.g. auth.login_failed', 'aria-label': 'Filter by action', style: { minWidth: '260px' } });
  let timer: ReturnType<typeof setTimeout> | undefined;
  filter.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { action = filter.value.trim(); offset = 0; void reload(); }, 300);
  });
  ctx.actions.append(h('div', { class: 'filters' }, filter));
  mount(ctx.body, card('Events', list, { flush: true, testId: 'audit-table' }));
  const reload = asyncSection(list, () => api<{ items: Log[]; total: number }>('/api/audit-logs', { query: { limit: LIMIT, offset, action } }), (page) => page.items.length
    ? [
      table(page.items, [
        { label: 'When', cell: (l) => h('span', { title: dateTime(l.createdAt) }, relative(l.createdAt)) },
        { label: 'Action', cell: (l) => h('code', { class: 'sb-mono' }, l.action) },
        { label: 'Who', cell: (l) => l.actorEmail ?? h('span', { class: 'sb-muted' }, 'system') },
        { label: 'Target', cell: (l) => (l.targetType ? `${l.targetType} ${l.targetId ? l.targetId.slice(0, 8) : ''}` : '–') },
        { label: 'Details', cell: (l) => h('span', { class: 'clip', style: { display: 'block', maxWidth: '360px' }, title: describe(l.details) }, describe(l.details) || '–') },
        { label: 'IP', cell: (l) => h('span', { class: 'sb-mono' }, l.ip ?? '–') },
      ], { caption: 'Audit log' }),
      pager(page.total, offset, LIMIT, (o) => { offset = o; void reload(); }),
    ]
    : emptyState(action ? 'No events match' : 'Nothing logged yet', action ? 'Try another action name.' : 'Sign-ins and changes appear here.', { icon: iShield }));
}
