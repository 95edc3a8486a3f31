/** Ratings: the CSAT summary, its distribution, and every rating with its comment. */
import { api, itemsOf } from '../../shared/api';
import { h, mount } from '../../shared/dom';
import { dateTime, number, relative } from '../../shared/format';
import { iStar } from '../../shared/icons';
import type { AgentPresence } from '../../shared/types';
import { asyncSection, emptyState, errorState, loadingState, pager, table } from '../../shared/ui';
import { card, stars } from '../kit';
import type { PageContext } from '../shell';
import { openConversation } from './conversations';

interface FeedbackPage {
  items: { id: string; conversationId: string; agentId: string | null; rating: number; comment: string | null; createdAt: number }[];
  total: number;
  summary: { count: number; average: number | null; distribution: Record<string, number> };
}

const LIMIT = 25;

export async function render(ctx: PageContext): Promise<void> {
  let offset = 0;
  const agents = new Map<string, string>();
  try {
    for (const a of itemsOf<AgentPresence>(await api('/api/agents'))) agents.set(a.id, a.name);
  } catch {
    /* optional */
  }
  const summary = h('div', null, loadingState('Loading the summary', 2));
  const list = h('div');
  mount(ctx.body, card('Satisfaction', summary, { testId: 'ratings-summary' }), card('All ratings', list, { flush: true, testId: 'ratings-table' }));

  const reload = asyncSection(list, () => api<FeedbackPage>('/api/feedback', { query: { limit: LIMIT, offset } }).catch((error) => {
    mount(summary, errorState(error, undefined, { compact: true }));
    throw error;
  }), (page) => {
    const s = page.summary;
    const max = Math.max(1, ...Object.values(s?.distribution ?? {}));
    mount(summary, s?.count
      ? h('div', { class: 'adm-grid adm-grid--2', style: { alignItems: 'center' } },
        h('div', null, h('div', { class: 'kpi__value' }, s.average === null ? '–' : s.average.toFixed(2)), h('div', { class: 'sb-muted' }, `average of ${number(s.count)} rating${s.count === 1 ? '' : 's'}`), s.average !== null ? stars(Math.round(s.average)) : null),
        h('div', { class: 'sb-stack sb-stack--sm' }, [5, 4, 3, 2, 1].map((r) => h('div', { class: 'sb-row' },
          h('span', { style: { width: '48px' } }, `${r} ★`),
          h('div', { class: 'usage-bar', style: { flex: '1' } }, h('span', { style: { width: `${((s.distribution[r] ?? 0) / max) * 100}%`, background: '#f5a524' } })),
          h('span', { class: 'sb-muted', style: { width: '32px', textAlign: 'right' } }, String(s.distribution[r] ?? 0))))))
      : emptyState('No ratings yet', 'After an agent resolves a conversation, the customer is asked to rate it.', { icon: iStar, compact: true }));
    if (!page.items.length) return emptyState('No ratings yet', undefined, { icon: iStar, compact: true });
    return [
      table(page.items, [
        { label: 'Rating', cell: (f) => stars(f.rating) },
        { label: 'Comment', cell: (f) => (f.comment ? h('span', { class: 'sb-pre' }, f.comment) : h('span', { class: 'sb-muted' }, 'No comment')) },
        { label: 'Agent', cell: (f) => (f.agentId ? agents.get(f.agentId) ?? 'Agent' : 'Bot only') },
        { label: 'When', cell: (f) => h('span', { title: dateTime(f.createdAt) }, relative(f.createdAt)) },
      ], { onRowClick: (f) => openConversation(f.conversationId, agents), rowLabel: () => 'Open the rated conversation', caption: 'Ratings' }),
      pager(page.total, offset, LIMIT, (o) => { offset = o; void reload(); }),
    ];
  });
}
