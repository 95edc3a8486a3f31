/** Overview: KPIs and the charts of the analytics API, plus the latest conversations and ratings. */
import { api, itemsOf } from '../../shared/api';
import { h, mount } from '../../shared/dom';
import { duration, number, percent, reasonLabel, relative, visitorLabel } from '../../shared/format';
import { iChat, iClock, iHeadset, iSparkles, iStar, iZap } from '../../shared/icons';
import type { ConversationSummary } from '../../shared/types';
import { asyncSection, emptyState, statusBadge, table } from '../../shared/ui';
import { alpha, palette } from '../charts';
import { ChartCard } from '../charts';
import { card, isNotAvailable, kpi, Range, rangePicker, stars } from '../kit';
import type { PageContext } from '../shell';
import { openConversation } from './conversations';

interface Duration { count: number; p50Seconds: number | null; p90Seconds: number | null }
interface Summary {
  conversations: number;
  botResolved: { count: number; rate: number | null };
  escalations: { total: number; byReason: Record<string, number> };
  firstResponseTime: Duration;
  resolutionTime: Duration;
  queueWait: Duration;
  csat: { count: number; average: number | null; responseRate: number | null };
  agents: { agentId: string; name: string | null; conversationsHandled: number; medianFirstResponseSeconds: number | null; csat: { count: number; average: number | null }; workedHours: number; idleHours: number }[];
}
interface Point { start: string; label: string; value: number | null; [k: string]: unknown }
interface Series { metric: string; points: Point[] }

const series = (metric: string, range: Range) => api<Series>('/api/analytics/timeseries', { query: { metric, from: range.from, to: range.to, interval: 'day' } });

function shortLabel(p: Point): string {
  const d = new Date(p.start);
  return Number.isNaN(d.getTime()) ? p.label : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

export async function render(ctx: PageContext): Promise<void> {
  const colors = palette();
  const k = {
    conversations: kpi('Conversations', iChat, 'kpi-conversations'),
    bot: kpi('Bot-resolved', iSparkles, 'kpi-bot'),
    escalated: kpi('Escalated', iHeadset, 'kpi-escalated'),
    frt: kpi('First response', iZap, 'kpi-frt'),
    resolution: kpi('Resolution', iClock, 'kpi-resolution'),
    csat: kpi('CSAT', iStar, 'kpi-csat'),
  };
  const volume = new ChartCard('Conversations', 'New conversations per day', { wide: true, testId: 'chart-volume' });
  const botVsHuman = new ChartCard('Bot-resolved vs escalated', 'Per day', { testId: 'chart-bot-vs-escalated' });
  const reasons = new ChartCard('Escalations by reason', 'Why conversations went to a person', { testId: 'chart-reasons' });
  const times = new ChartCard('Response and resolution times', 'Median per day, in minutes', { testId: 'chart-times' });
  const csat = new ChartCard('CSAT trend', 'Average rating per day (1–5)', { testId: 'chart-csat' });
  const hours = new ChartCard('Agent hours', 'Online time in the period', { wide: true, testId: 'chart-hours' });
  const agentsTable = h('div');
  const recent = h('div');
  const ratings = h('div');

  const picker = rangePicker((range) => void load(range));
  ctx.actions.append(picker.el);
  mount(ctx.body,
    h('div', { class: 'adm-grid adm-grid--kpi6' }, Object.values(k).map((x) => x.el)),
    h('div', { class: 'adm-grid adm-grid--2' }, volume.el, botVsHuman.el, reasons.el, times.el, csat.el, hours.el),
    h('div', { class: 'adm-grid adm-grid--2' },
      card('Latest conversations', recent, { flush: true, actions: h('a', { href: '#/conversations', class: 'sb-btn sb-btn--ghost sb-btn--sm' }, 'View all'), testId: 'recent-conversations' }),
      card('Latest ratings', ratings, { flush: true, actions: h('a', { href: '#/ratings', class: 'sb-btn sb-btn--ghost sb-btn--sm' }, 'View all'), testId: 'recent-ratings' })),
    card('Agents in this period', agentsTable, { flush: true }));
  ctx.onLeave(() => [volume, botVsHuman, reasons, times, csat, hours].forEach((c) => c.destroy()));

  let generation = 0;
  async function load(range: Range): Promise<void> {
    const mine = ++generation;
    const stale = () => mine !== generation;
    Object.values(k).forEach((x) => x.loading());
    [volume, botVsHuman, reasons, times, csat, hours].forEach((c) => c.loading());

    const summaryP = api<Summary>('/api/analytics/summary', { query: { from: range.from, to: range.to } });
    summaryP.then((s) => {
      if (stale()) return;
      const escalatedShare = s.conversations ? s.escalations.total / s.conversations : null;
      k.conversations.set(number(s.conversations), `last ${range.days} days`);
      k.bot.set(percent(s.botResolved.rate), `${number(s.botResolved.count)} without a person`);
      k.escalated.set(number(s.escalations.total), escalatedShare === null ? undefined : `${percent(escalatedShare)} of all`);
      k.frt.set(duration(s.firstResponseTime.p50Seconds), s.firstResponseTime.p90Seconds !== null ? `median · p90 ${duration(s.firstResponseTime.p90Seconds)}` : 'no escalations yet');
      k.resolution.set(duration(s.resolutionTime.p50Seconds), s.resolutionTime.p90Seconds !== null ? `median · p90 ${duration(s.resolutionTime.p90Seconds)}` : 'none resolved yet');
      k.csat.set(s.csat.average === null ? '–' : `${s.csat.average.toFixed(1)} / 5`, `${number(s.csat.count)} rating${s.csat.count === 1 ? '' : 's'}`);

      const byReason = Object.entries(s.escalations.byReason ?? {}).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
      if (!byReason.length) reasons.empty('No escalations in this period');
      else reasons.draw({
        type: 'doughnut',
        data: { labels: byReason.map(([r]) => reasonLabel(r)), datasets: [{ data: byReason.map(([, n]) => n), backgroundColor: colors, borderWidth: 2, borderColor: '#fff' }] },
        options: { cutout: '62%', plugins: { legend: { position: window.innerWidth < 640 ? 'bottom' : 'right' } } },
      });

      const agents = s.agents.filter((a) => a.workedHours > 0 || a.conversationsHandled > 0);
      if (!agents.length) hours.empty('Nobody was online in this period');
      else hours.draw({
        type: 'bar',
        data: {
          labels: agents.map((a) => a.name ?? 'Former agent'),
          datasets: [
            { label: 'Busy', data: agents.map((a) => Math.max(0, a.workedHours - a.idleHours)), backgroundColor: colors[0], borderRadius: 4, stack: 'h' },
            { label: 'Online, idle', data: agents.map((a) => a.idleHours), backgroundColor: alpha(colors[0], 0.3), borderRadius: 4, stack: 'h' },
          ],
        },
        options: { indexAxis: 'y', scales: { x: { stacked: true, title: { display: true, text: 'hours' }, beginAtZero: true }, y: { stacked: true, grid: { display: false } } } },
      });

      mount(agentsTable, s.agents.length ? table(s.agents, [
        { label: 'Agent', cell: (a) => a.name ?? 'Former agent' },
        { label: 'Handled', cell: (a) => number(a.conversationsHandled), className: 'num' },
        { label: 'First response', cell: (a) => duration(a.medianFirstResponseSeconds), className: 'num' },
        { label: 'CSAT', cell: (a) => (a.csat.average === null ? '–' : `${a.csat.average.toFixed(1)} (${a.csat.count})`), className: 'num' },
        { label: 'Hours online', cell: (a) => a.workedHours.toFixed(2), className: 'num' },
      ], { caption: 'Agents in this period' }) : emptyState('No agents yet', 'Add agents under Team → Agents.', { compact: true }));
    }, (error) => {
      if (stale()) return;
      Object.values(k).forEach((x) => x.set('–', isNotAvailable(error) ? 'analytics not available yet' : 'could not load'));
      reasons.error(error, () => void load(range));
      hours.error(error, () => void load(range));
      mount(agentsTable, h('div', { style: { padding: '16px' } }, isNotAvailable(error) ? 'Analytics are not available on this server yet.' : 'Could not load the agents.'));
    });

    const [conv, rate, esc, frt, res, cs] = await Promise.allSettled([
      series('conversations', range), series('bot_resolved_rate', range), series('escalations', range),
      series('first_response_time', range), series('resolution_time', range), series('csat_average', range),
    ]);
    if (stale()) return;

    if (conv.status === 'rejected') volume.error(conv.reason, () => void load(range));
    else if (!conv.value.points.some((p) => p.value)) volume.empty('No conversations in this period');
    else volume.draw({
      type: 'bar',
      data: { labels: conv.value.points.map(shortLabel), datasets: [{ label: 'Conversations', data: conv.value.points.map((p) => p.value ?? 0), backgroundColor: colors[0], borderRadius: 5, maxBarThickness: 36 }] },
      options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { grid: { display: false } } } },
    });

    if (rate.status === 'rejected' || esc.status === 'rejected') botVsHuman.error(rate.status === 'rejected' ? rate.reason : (esc as PromiseRejectedResult).reason, () => void load(range));
    else {
      const bot = rate.value.points.map((p) => Number(p.botResolved ?? 0));
      const escalated = esc.value.points.map((p) => p.value ?? 0);
      if (!bot.some(Boolean) && !escalated.some(Boolean)) botVsHuman.empty('Nothing resolved or escalated yet');
      else botVsHuman.draw({
        type: 'bar',
        data: {
          labels: rate.value.points.map(shortLabel),
          datasets: [
            { label: 'Resolved by the bot', data: bot, backgroundColor: colors[1], borderRadius: 4, stack: 's' },
            { label: 'Escalated', data: escalated, backgroundColor: colors[2], borderRadius: 4, stack: 's' },
          ],
        },
        options: { scales: { x: { stacked: true, grid: { display: false } }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
      });
    }

    if (frt.status === 'rejected' || res.status === 'rejected') times.error(frt.status === 'rejected' ? frt.reason : (res as PromiseRejectedResult).reason, () => void load(range));
    else {
      const minutes = (v: number | null) => (v === null ? null : Math.round((v / 60) * 10) / 10);
      const a = frt.value.points.map((p) => minutes(p.value));
      const b = res.value.points.map((p) => minutes(p.value));
      if (![...a, ...b].some((v) => v !== null)) times.empty('No escalated or resolved conversations yet');
      else times.draw({
        type: 'line',
        data: {
          labels: frt.value.points.map(shortLabel),
          datasets: [
            { label: 'First response', data: a, borderColor: colors[4], backgroundColor: colors[4], tension: 0.3, spanGaps: true, pointRadius: 3 },
            { label: 'Resolution', data: b, borderColor: colors[5], backgroundColor: colors[5], tension: 0.3, spanGaps: true, pointRadius: 3 },
          ],
        },
        options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'minutes' } }, x: { grid: { display: false } } } },
      });
    }

    if (cs.status === 'rejected') csat.error(cs.reason, () => void load(range));
    else if (!cs.value.points.some((p) => p.value !== null)) csat.empty('No ratings in this period');
    else csat.draw({
      type: 'line',
      data: {
        labels: cs.value.points.map(shortLabel),
        datasets: [{ label: 'Average rating', data: cs.value.points.map((p) => p.value), borderColor: '#f5a524', backgroundColor: alpha('#f5a524', 0.15), fill: true, tension: 0.3, spanGaps: true, pointRadius: 4, pointBackgroundColor: '#f5a524' }],
      },
      options: { plugins: { legend: { display: false }, tooltip: { callbacks: { afterLabel: (item) => `${cs.value.points[item.dataIndex]?.count ?? 0} rating(s)` } } }, scales: { y: { min: 1, max: 5, ticks: { stepSize: 1 } }, x: { grid: { display: false } } } },
    });
  }

  asyncSection(recent, () => api<{ items: ConversationSummary[] }>('/api/conversations', { query: { limit: 6 } }), (page) => {
    const rows = itemsOf<ConversationSummary>(page);
    return rows.length
      ? table(rows, [
        { label: 'Visitor', cell: (c) => visitorLabel(c.visitor, c.id) },
        { label: 'Status', cell: (c) => statusBadge(c.status) },
        { label: 'Started', cell: (c) => relative(c.createdAt) },
      ], { onRowClick: (c) => openConversation(c.id), rowLabel: (c) => `Open conversation with ${visitorLabel(c.visitor, c.id)}`, caption: 'Latest conversations' })
      : emptyState('No conversations yet', 'Put the widget on your site (API keys & embed) to get the first one.', { compact: true });
  }, { compact: true });

  asyncSection(ratings, () => api<{ items: { id: string; conversationId: string; rating: number; comment: string | null; createdAt: number }[] }>('/api/feedback', { query: { limit: 6 } }), (page) => {
    const rows = page.items ?? [];
    return rows.length
      ? table(rows, [
        { label: 'Rating', cell: (f) => stars(f.rating) },
        { label: 'Comment', cell: (f) => h('span', { class: 'clip' }, f.comment || '–'), className: 'clip' },
        { label: 'When', cell: (f) => relative(f.createdAt) },
      ], { onRowClick: (f) => openConversation(f.conversationId), rowLabel: () => 'Open the rated conversation', caption: 'Latest ratings' })
      : emptyState('No ratings yet', 'Customers can rate a conversation once it is resolved.', { compact: true, icon: iStar });
  }, { compact: true });

  await load(picker.range);
}
