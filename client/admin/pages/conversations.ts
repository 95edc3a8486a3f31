/** Conversations: a filterable table, and one conversation with its messages, escalations and rating. */
import { api, itemsOf } from '../../shared/api';
import { h, mount } from '../../shared/dom';
import { dateTime, duration, reasonLabel, relative, visitorLabel } from '../../shared/format';
import { iChat } from '../../shared/icons';
import { sourceChips, threadItems } from '../../shared/thread';
import type { AgentPresence, ConversationDetail, ConversationSummary } from '../../shared/types';
import { asyncSection, badge, button, confidenceMeter, emptyState, openDialog, pager, select, statusBadge, table } from '../../shared/ui';
import { card, stars } from '../kit';
import type { PageContext } from '../shell';

const LIMIT = 25;

export async function render(ctx: PageContext): Promise<void> {
  let offset = 0;
  let status = '';
  let days = '30';
  const agents = new Map<string, string>();
  try {
    for (const a of itemsOf<AgentPresence>(await api('/api/agents'))) agents.set(a.id, a.name);
  } catch {
    /* names are a nicety */
  }
  const body = h('div');
  const statusSelect = select([{ value: '', label: 'All statuses' }, { value: 'bot', label: 'With bot' }, { value: 'queued', label: 'Queued' }, { value: 'assigned', label: 'With agent' }, { value: 'resolved', label: 'Resolved' }], { 'aria-label': 'Status' });
  const daysSelect = select([{ value: '1', label: 'Today' }, { value: '7', label: 'Last 7 days' }, { value: '30', label: 'Last 30 days' }, { value: '', label: 'All time' }], { 'aria-label': 'Period', value: days });
  statusSelect.addEventListener('change', () => { status = statusSelect.value; offset = 0; void reload(); });
  daysSelect.addEventListener('change', () => { days = daysSelect.value; offset = 0; void reload(); });
  ctx.actions.append(h('div', { class: 'filters' }, statusSelect, daysSelect));
  mount(ctx.body, card('All conversations', body, { flush: true, testId: 'conversations-table' }));

  const reload = asyncSection(body, () => api<{ items: ConversationSummary[]; total: number }>('/api/conversations', {
    query: { status, limit: LIMIT, offset, from: days ? new Date(Date.now() - (Number(days) - (days === '1' ? 0 : 1)) * 86_400_000).toISOString().slice(0, 10) : undefined },
  }), (page) => {
    const rows = itemsOf<ConversationSummary>(page);
    if (!rows.length) return emptyState(status || days ? 'No conversations match' : 'No conversations yet', status || days ? 'Try another status or a longer period.' : 'They appear here as soon as a customer writes in the widget.', { icon: iChat });
    return [
      table(rows, [
        { label: 'Visitor', cell: (c) => h('div', null, h('strong', null, visitorLabel(c.visitor, c.id)), c.visitor.email ? h('div', { class: 'sb-hint' }, c.visitor.email) : null) },
        { label: 'Status', cell: (c) => statusBadge(c.status) },
        { label: 'Agent', cell: (c) => (c.assignedAgentId ? agents.get(c.assignedAgentId) ?? 'Agent' : h('span', { class: 'sb-muted' }, '–')) },
        { label: 'Channel', cell: (c) => (c.channel === 'api' ? 'API' : 'Widget') },
        { label: 'Started', cell: (c) => h('span', { title: dateTime(c.createdAt) }, relative(c.createdAt)) },
        { label: 'Duration', cell: (c) => (c.resolvedAt ? duration((Date.parse(c.resolvedAt) - Date.parse(c.createdAt)) / 1000) : '–'), className: 'num' },
      ], { onRowClick: (c) => openConversation(c.id, agents), rowLabel: (c) => `Open conversation with ${visitorLabel(c.visitor, c.id)}`, caption: 'Conversations' }),
      pager(page.total ?? rows.length, offset, LIMIT, (o) => { offset = o; void reload(); }),
    ];
  });
}

/** The conversation in a dialog: messages, escalations (reason, confidence, draft, sources) and the rating. */
export function openConversation(id: string, agents = new Map<string, string>()): void {
  const body = h('div');
  openDialog('Conversation', body, (close) => button('Close', close, { variant: 'secondary' }), { wide: true });
  asyncSection(body, () => api<ConversationDetail>(`/api/conversations/${id}`), (c) => {
    const name = visitorLabel(c.visitor, c.id);
    return h('div', { class: 'sb-stack', 'data-testid': 'conversation-detail' },
      h('div', { class: 'sb-row sb-row--wrap' }, h('strong', { style: { fontSize: '16px' } }, name), statusBadge(c.status), c.visitor.email ? h('span', { class: 'sb-muted' }, c.visitor.email) : null),
      h('dl', { class: 'sb-kv' },
        h('dt', null, 'Started'), h('dd', null, dateTime(c.createdAt)),
        h('dt', null, 'Agent'), h('dd', null, c.assignedAgentId ? agents.get(c.assignedAgentId) ?? 'Assigned' : '–'),
        h('dt', null, 'Resolved'), h('dd', null, c.resolvedAt ? dateTime(c.resolvedAt) : '–'),
        h('dt', null, 'Rating'), h('dd', null, c.feedback ? h('span', null, stars(c.feedback.rating), c.feedback.comment ? h('span', { class: 'sb-muted' }, ` “${c.feedback.comment}”`) : null) : 'Not rated')),
      c.escalations.length ? h('div', { class: 'sb-stack sb-stack--sm' }, h('h3', null, 'Escalations'),
        c.escalations.map((e) => h('div', { class: 'sb-card', style: { padding: '12px 14px' } },
          h('div', { class: 'sb-row sb-row--wrap' }, badge(reasonLabel(e.reason), 'warning'), confidenceMeter(e.confidence), h('span', { class: 'sb-muted' }, dateTime(e.createdAt))),
          e.draft ? h('p', { class: 'sb-pre', style: { marginTop: '8px' } }, h('span', { class: 'sb-hint' }, 'AI draft: '), e.draft) : null,
          e.sources?.length ? h('div', { class: 'sb-row sb-row--wrap', style: { marginTop: '8px' } }, sourceChips(e.sources)) : null))) : null,
      h('h3', null, 'Messages'),
      h('ol', { class: 'drawer-thread', 'aria-label': 'Messages' }, threadItems(c.messages, { visitorName: name })));
  });
}
