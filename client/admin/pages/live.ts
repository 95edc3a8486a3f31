/** Live: the agent board (presence and load), the queue, and the live numbers, pushed over /staff. */
import { api, itemsOf } from '../../shared/api';
import { h, mount } from '../../shared/dom';
import { duration, initials, reasonLabel, visitorLabel } from '../../shared/format';
import { iActivity, iCheck, iClock, iHeadset, iInbox, iUsers } from '../../shared/icons';
import type { AgentPresence, QueueEntry } from '../../shared/types';
import { emptyState, errorState, loadingState, table } from '../../shared/ui';
import { card, kpi } from '../kit';
import type { PageContext } from '../shell';

export async function render(ctx: PageContext): Promise<void> {
  const agents = new Map<string, AgentPresence>();
  let queue: QueueEntry[] | null = null;
  const board = h('div', { 'data-testid': 'agent-board' }, loadingState('Loading the team'));
  const queueBox = h('div', { 'data-testid': 'live-queue' }, loadingState('Loading the queue'));
  const k = { online: kpi('Agents online', iUsers, 'live-online'), queue: kpi('Waiting', iInbox, 'live-queue-length'), wait: kpi('Longest wait', iClock), active: kpi('Active conversations', iHeadset) };
  mount(ctx.body,
    h('div', { class: 'adm-grid adm-grid--kpi' }, Object.values(k).map((x) => x.el)),
    card('Agent board', board, { flush: true, sub: 'Updates live as agents go online, take and finish conversations', actions: h('span', { class: 'sb-badge sb-badge--success' }, h('span', { class: 'sb-dot sb-dot--online', style: { width: '6px', height: '6px' } }), 'Live') }),
    card('Queue', queueBox, { flush: true }));

  const renderAll = () => {
    const list = [...agents.values()].sort((a, b) => (a.status === b.status ? a.name.localeCompare(b.name) : a.status === 'online' ? -1 : 1));
    mount(board, list.length
      ? h('div', { class: 'board' }, list.map((a) => h('div', { class: 'board-card', 'data-status': a.status },
        h('span', { class: 'sb-avatar' }, initials(a.name)),
        h('div', { class: 'board-card__who' }, h('strong', null, a.name), h('span', { class: 'sb-row' }, h('span', { class: `sb-dot${a.status === 'online' ? ' sb-dot--online' : ''}` }), a.status === 'online' ? 'Online' : 'Offline', a.role === 'admin' ? ' · admin' : '')),
        h('div', { class: 'board-card__load' }, h('strong', null, String(a.activeConversations)), 'active'))))
      : emptyState('No agents yet', 'Add agents under Team → Agents.', { icon: iUsers, compact: true }));
    const online = list.filter((a) => a.status === 'online');
    k.online.set(String(online.length), `of ${list.length} people`);
    k.active.set(String(list.reduce((n, a) => n + a.activeConversations, 0)));
    if (queue === null) return;
    const longest = queue.reduce((m, q) => Math.max(m, (Date.now() - Date.parse(q.queuedAt)) / 1000), 0);
    k.queue.set(String(queue.length), queue.length ? 'conversations waiting' : 'nobody waiting');
    k.wait.set(queue.length ? duration(longest) : '–');
    mount(queueBox, queue.length
      ? table(queue, [
        { label: '#', cell: (q) => String(q.position), className: 'num' },
        { label: 'Visitor', cell: (q) => q.visitorName || visitorLabel(null, q.conversationId) },
        { label: 'Reason', cell: (q) => reasonLabel(q.reason) },
        { label: 'Waiting', cell: (q) => duration((Date.now() - Date.parse(q.queuedAt)) / 1000), className: 'num' },
      ], { caption: 'Queue' })
      : emptyState('Nobody is waiting', 'Escalated conversations wait here until an agent is free.', { icon: iCheck, compact: true }));
  };

  const loadAgents = async () => {
    try {
      for (const a of itemsOf<AgentPresence>(await api('/api/agents'))) agents.set(a.id, a);
      renderAll();
    } catch (error) {
      mount(board, errorState(error, () => void loadAgents(), { compact: true }));
    }
  };
  await loadAgents();

  const socket = ctx.socket;
  if (!socket) {
    // Super admins have no company socket: poll the board, and the queue is not pushed to them.
    queue = null;
    mount(queueBox, emptyState('The live queue is shown to company admins', 'Sign in as an admin of this company to watch its queue live.', { icon: iActivity, compact: true }));
    const timer = setInterval(() => void loadAgents(), 5000);
    ctx.onLeave(() => clearInterval(timer));
    return;
  }
  const onQueue = (p: { waiting: QueueEntry[] }) => { queue = p.waiting ?? []; renderAll(); };
  const onPresence = (p: { agentId: string; name: string; status: 'online' | 'offline'; activeConversations: number }) => {
    const known = agents.get(p.agentId);
    agents.set(p.agentId, { id: p.agentId, name: p.name, email: known?.email ?? '', role: known?.role ?? 'agent', status: p.status, activeConversations: p.activeConversations, connected: known?.connected ?? false });
    renderAll();
  };
  const onMetrics = (m: { agentsOnline: number; queueLength: number; longestWaitSeconds: number; activeConversations: number }) => {
    k.wait.set(m.queueLength ? duration(m.longestWaitSeconds) : '–');
    k.active.set(String(m.activeConversations));
  };
  socket.on('queue:updated', onQueue);
  socket.on('agent:presence', onPresence);
  socket.on('metrics:live', onMetrics);
  queue = ctx.live.queue;
  for (const p of ctx.live.presence.values()) onPresence(p);
  renderAll();
  const tick = setInterval(renderAll, 5000);
  ctx.onLeave(() => {
    socket.off('queue:updated', onQueue);
    socket.off('agent:presence', onPresence);
    socket.off('metrics:live', onMetrics);
    clearInterval(tick);
  });
}
