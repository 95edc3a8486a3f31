/**
 * The agent console: presence with the live session timer and today's hours, the queue and my
 * conversations (live over /staff), and the conversation with its escalation, the AI draft and the
 * sources, reply, typing, attachments, canned responses, transfer and resolve.
 */
import { api, ApiError, errorMessage, itemsOf } from '../shared/api';
import { logo } from '../shared/brand';
import { h, icon, mount } from '../shared/dom';
import { clock, dateTime, duration, initials, reasonLabel, relative, startOfToday, visitorLabel } from '../shared/format';
import { iArrowLeft, iCheck, iEdit, iHeadset, iInbox, iInfo, iList, iLogout, iPaperclip, iSearch, iSend, iSparkles, iTransfer, iTrash, iWifiOff, iX } from '../shared/icons';
import { logout } from '../shared/login';
import { clearSession } from '../shared/session';
import { connectStaff, emitAck, StaffSocket } from '../shared/staff-socket';
import { sourceChips, threadItems } from '../shared/thread';
import type { AgentPresence, Attachment, ConversationDetail, ConversationSummary, EscalationView, MessageView, QueueEntry, User } from '../shared/types';
import { badge, button, busy, confidenceMeter, confirmDialog, emptyState, errorState, loadingState, openDialog, statusBadge, toast } from '../shared/ui';
import { openCannedPopover } from './canned';
import { chime, setTitleCount, unlockSound } from './notify';

interface Conv {
  summary: ConversationSummary;
  messages: MessageView[];
  escalation: EscalationView | null;
  loaded: boolean;
  loading?: Promise<void>;
  error?: unknown;
  unread: number;
  customerTyping: boolean;
  typingTimer?: ReturnType<typeof setTimeout>;
  /** Messages arrive over the socket for it (else we poll while it is open: see watch()). */
  live: boolean;
  fresh: boolean;
  mine: boolean;
  feedback?: ConversationDetail['feedback'];
}

interface Session {
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number;
  open: boolean;
}

const DISMISSED_KEY = 'switchboard.console.dismissedDrafts';

export class ConsoleApp {
  private socket: StaffSocket | null = null;
  private connected = false;
  private online = false;
  private togglingStatus = false;
  private sessionStartedAt: number | null = null;
  /** Seconds worked today in closed sessions (the open one is added live). */
  private closedTodaySeconds = 0;
  private hoursKnown = false;
  private queue: QueueEntry[] = [];
  private readonly convs = new Map<string, Conv>();
  private selected: string | null = null;
  private tab: 'mine' | 'queue' = 'mine';
  private mineLoaded: 'loading' | 'ok' | unknown = 'loading';
  private showDetails = false;
  private pendingFiles: Attachment[] = [];
  private uploading = false;
  private typingSent = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private closeCanned: (() => void) | null = null;
  private readonly dismissed = new Set<string>(JSON.parse(sessionStorage.getItem(DISMISSED_KEY) ?? '[]') as string[]);
  private drafts = new Map<string, string>();

  // Stable elements
  private readonly root: HTMLElement;
  private readonly presence = h('div', { class: 'con-presence', 'aria-label': 'Your status' });
  private readonly connBanner = h('div', { class: 'con-conn', role: 'status', hidden: true });
  private readonly work = h('div', { class: 'con-work', 'data-view': 'list' });
  private readonly listPane = h('nav', { class: 'con-list', 'aria-label': 'Conversations' });
  private readonly mainPane = h('main', { class: 'con-main', id: 'main' });
  private readonly detailsPane = h('aside', { class: 'con-details', 'aria-label': 'Conversation details' });
  private readonly sessionValue = h('span', { class: 'con-stat__value', 'data-testid': 'session-timer' }, '–');
  private readonly todayValue = h('span', { class: 'con-stat__value', 'data-testid': 'today-hours' }, '–');
  private readonly announcer = h('div', { class: 'sb-visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true' });

  // Conversation view elements (rebuilt on selection)
  private thread: HTMLOListElement | null = null;
  private scroller: HTMLElement | null = null;
  private typingLine: HTMLElement | null = null;
  private textarea: HTMLTextAreaElement | null = null;

  constructor(root: HTMLElement, private readonly me: User, private readonly onSignedOut: () => void) {
    this.root = root;
  }

  start(): void {
    mount(
      this.root,
      h('a', { class: 'sb-skip-link', href: '#main' }, 'Skip to the conversation'),
      h('div', { class: 'con' },
        h('div', null,
          h('header', { class: 'con-top' },
            logo('Console', '/console/'),
            this.presence,
            h('div', { class: 'con-user' },
              h('span', { class: 'sb-avatar', 'aria-hidden': 'true' }, initials(this.me.name)),
              h('span', { class: 'con-user__name' }, this.me.name, h('span', null, this.me.role === 'admin' ? 'Admin' : 'Agent')),
              this.me.role === 'admin' ? h('a', { class: 'sb-btn sb-btn--ghost sb-btn--sm', href: '/admin/' }, 'Dashboard') : null,
              button('Sign out', () => void this.signOut(), { variant: 'ghost', icon: iLogout, iconOnly: true, title: 'Sign out' }))),
          this.connBanner),
        this.work),
      this.announcer,
    );
    mount(this.work, this.listPane, this.mainPane, this.detailsPane);
    // Touching the open conversation acknowledges it: the title badge counts only what is still new.
    const acknowledge = () => {
      const conv = this.current();
      if (conv && (conv.fresh || conv.unread)) {
        conv.fresh = false;
        conv.unread = 0;
        this.notifyNew();
        this.renderList();
      }
    };
    this.mainPane.addEventListener('pointerdown', acknowledge);
    this.mainPane.addEventListener('focusin', acknowledge);
    document.addEventListener('visibilitychange', () => { if (!document.hidden && document.hasFocus()) acknowledge(); });
    this.renderPresence();
    this.renderList();
    this.renderMain();
    setInterval(() => this.tick(), 1000);
    window.addEventListener('pointerdown', unlockSound, { once: true });
    window.addEventListener('keydown', unlockSound, { once: true });
    void this.loadMine();
    void this.loadPresence();
    this.connect();
  }

  // ---------- Data ----------

  private connect(): void {
    const socket = connectStaff();
    this.socket = socket;
    socket.on('connect', () => {
      this.connected = true;
      this.renderConnection();
    });
    socket.on('disconnect', () => {
      this.connected = false;
      for (const c of this.convs.values()) c.live = false;
      this.renderConnection();
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code === 'unauthorized') {
        clearSession();
        this.onSignedOut();
      }
    });
    socket.on('queue:updated', (payload: { waiting: QueueEntry[] }) => {
      const before = new Set(this.queue.map((q) => q.conversationId));
      this.queue = payload.waiting ?? [];
      const added = this.queue.filter((q) => !before.has(q.conversationId)).length;
      if (added && this.tab === 'queue') this.announce(`${added} new in the queue`);
      this.renderList();
      if (this.selected && !this.convs.get(this.selected)?.mine) this.renderHead();
    });
    socket.on('conversation:assigned', (payload: { conversation: ConversationSummary; messages: MessageView[]; escalation: EscalationView | null }) => {
      const id = payload.conversation.id;
      const existing = this.convs.get(id);
      const conv: Conv = {
        summary: payload.conversation, messages: mergeById(existing?.messages ?? [], payload.messages), escalation: payload.escalation ?? existing?.escalation ?? null,
        loaded: true, unread: existing?.unread ?? 0, customerTyping: false, live: true, fresh: this.selected !== id, mine: true,
      };
      this.convs.set(id, conv);
      this.queue = this.queue.filter((q) => q.conversationId !== id);
      this.tab = 'mine';
      this.notifyNew();
      chime();
      this.announce(`New conversation assigned: ${visitorLabel(conv.summary.visitor, id)}`);
      if (!this.selected || window.innerWidth >= 768) {
        if (!this.selected || !this.convs.get(this.selected)?.mine) this.select(id, true);
      }
      this.renderList();
      if (this.selected === id) this.renderMain();
    });
    socket.on('conversation:unassigned', (payload: { conversationId: string; reason: string }) => {
      const conv = this.convs.get(payload.conversationId);
      if (!conv) return;
      conv.mine = false;
      conv.live = false;
      if (payload.reason !== 'resolved') toast(`${visitorLabel(conv.summary.visitor, conv.summary.id)}: conversation ${payload.reason === 'transferred' ? 'transferred' : 'returned to the queue'}`);
      if (this.selected !== payload.conversationId) this.convs.delete(payload.conversationId);
      this.notifyNew();
      this.renderList();
      if (this.selected === payload.conversationId) this.renderMain();
    });
    socket.on('conversation:updated', (u: { conversationId: string; status: ConversationSummary['status'] }) => {
      const conv = this.convs.get(u.conversationId);
      if (!conv) return;
      conv.summary = { ...conv.summary, status: u.status };
      this.renderList();
      if (this.selected === u.conversationId) this.renderHead();
    });
    socket.on('message:new', (m: MessageView) => {
      const conv = this.convs.get(m.conversationId);
      if (!conv) return;
      conv.live = true;
      if (conv.messages.some((x) => x.id === m.id)) return;
      conv.messages = mergeById(conv.messages, [m]);
      if (m.sender.type === 'customer') {
        conv.customerTyping = false;
        if (this.selected !== m.conversationId || document.hidden) {
          conv.unread += 1;
          this.notifyNew();
        }
        if (this.selected === m.conversationId) this.announce(`${visitorLabel(conv.summary.visitor)} says: ${m.text}`);
      }
      this.renderList();
      if (this.selected === m.conversationId) this.renderThread();
    });
    socket.on('typing', (t: { conversationId: string; sender: { type: string }; isTyping: boolean }) => {
      const conv = this.convs.get(t.conversationId);
      if (!conv || t.sender.type !== 'customer') return;
      conv.customerTyping = t.isTyping;
      clearTimeout(conv.typingTimer);
      if (t.isTyping) conv.typingTimer = setTimeout(() => { conv.customerTyping = false; if (this.selected === conv.summary.id) this.renderTyping(); }, 8000);
      if (this.selected === t.conversationId) this.renderTyping();
    });
  }

  private async loadMine(): Promise<void> {
    this.mineLoaded = 'loading';
    this.renderList();
    try {
      const page = await api<{ items: ConversationSummary[] }>('/api/conversations', { query: { assignedTo: 'me', status: 'assigned', limit: 100 } });
      for (const summary of itemsOf<ConversationSummary>(page)) {
        if (!this.convs.has(summary.id)) {
          this.convs.set(summary.id, { summary, messages: [], escalation: null, loaded: false, unread: 0, customerTyping: false, live: false, fresh: false, mine: true });
        }
      }
      this.mineLoaded = 'ok';
    } catch (error) {
      this.mineLoaded = error;
    }
    this.renderList();
    if (!this.selected && window.innerWidth >= 768) {
      const first = this.mineList()[0];
      if (first) this.select(first.summary.id, true);
    }
  }

  /** My presence and today's hours: the open work session (if any) and the sessions since local midnight. */
  private async loadPresence(): Promise<void> {
    try {
      const agents = itemsOf<AgentPresence>(await api('/api/agents'));
      this.online = agents.find((a) => a.id === this.me.id)?.status === 'online';
    } catch {
      /* the toggle still works */
    }
    await this.loadHours();
    this.renderPresence();
  }

  private async loadHours(): Promise<void> {
    try {
      const from = startOfToday();
      const res = await api<{ sessions: Session[] }>(`/api/agents/${this.me.id}/work-sessions`, { query: { from: new Date(from).toISOString(), to: new Date().toISOString() } });
      let closed = 0;
      let openStart: number | null = null;
      for (const s of res.sessions ?? []) {
        const start = Math.max(Date.parse(s.startedAt), from);
        if (s.open || !s.endedAt) openStart = Date.parse(s.startedAt);
        else closed += Math.max(0, (Date.parse(s.endedAt) - start) / 1000);
      }
      this.closedTodaySeconds = closed;
      this.sessionStartedAt = this.online ? openStart ?? this.sessionStartedAt ?? Date.now() : null;
      this.hoursKnown = true;
    } catch {
      this.hoursKnown = false;
    }
  }

  private async ensureLoaded(conv: Conv): Promise<void> {
    if (conv.loaded) return;
    if (!conv.loading) {
      conv.loading = (async () => {
        try {
          const detail = await api<ConversationDetail>(`/api/conversations/${conv.summary.id}`);
          conv.summary = { ...conv.summary, ...pickSummary(detail) };
          conv.messages = mergeById(conv.messages, detail.messages ?? []);
          conv.escalation = latestEscalation(detail.escalations) ?? conv.escalation;
          conv.feedback = detail.feedback;
          conv.loaded = true;
          conv.error = undefined;
        } catch (error) {
          conv.error = error;
        } finally {
          conv.loading = undefined;
        }
      })();
    }
    await conv.loading;
  }

  /**
   * The server joins an agent's sockets to a conversation's room when it is assigned; a console
   * opened later (a reload) is not in that room, so while such a conversation is open we poll it.
   */
  private watch(conv: Conv | undefined): void {
    clearInterval(this.pollTimer);
    if (!conv) return;
    this.pollTimer = setInterval(async () => {
      if (conv.live || this.selected !== conv.summary.id || conv.summary.status === 'resolved') return;
      try {
        const detail = await api<ConversationDetail>(`/api/conversations/${conv.summary.id}`);
        const before = conv.messages.length;
        conv.messages = mergeById(conv.messages, detail.messages ?? []);
        conv.summary = { ...conv.summary, ...pickSummary(detail) };
        if (conv.messages.length !== before && this.selected === conv.summary.id) this.renderThread();
      } catch {
        /* next tick */
      }
    }, 4000);
  }

  // ---------- Actions ----------

  private async setOnline(online: boolean, input: HTMLInputElement): Promise<void> {
    unlockSound();
    if (!online) {
      const active = this.mineList().length;
      if (active > 0 && !(await confirmDialog('Go offline?', `Your ${active} open conversation${active > 1 ? 's go' : ' goes'} back to the front of the queue for the next free agent.`, 'Go offline', 'primary'))) {
        input.checked = true;
        return;
      }
    }
    this.togglingStatus = true;
    this.renderPresence();
    const ack = await emitAck<{ status: 'online' | 'offline'; workedSecondsToday: number }>(this.requireSocket(), 'agent:status', { status: online ? 'online' : 'offline' });
    this.togglingStatus = false;
    if (!ack.ok) {
      toast(ack.error.message, 'danger');
    } else {
      const wasOnline = this.online;
      this.online = ack.status === 'online';
      if (this.online && !wasOnline) this.sessionStartedAt = Date.now();
      if (!this.online && wasOnline && this.sessionStartedAt) {
        this.closedTodaySeconds += (Date.now() - Math.max(this.sessionStartedAt, startOfToday())) / 1000;
        this.sessionStartedAt = null;
      }
      this.announce(this.online ? 'You are online. Conversations will be assigned to you.' : 'You are offline.');
      void this.loadHours().then(() => this.renderPresence());
    }
    this.renderPresence();
  }

  private async claim(id: string, btn: HTMLButtonElement): Promise<void> {
    await busy(btn, async () => {
      const ack = await emitAck<{ conversation: ConversationSummary }>(this.requireSocket(), 'conversation:claim', { conversationId: id });
      if (!ack.ok) throw new Error(ack.error.code === 'agent_offline' ? 'Go online before taking conversations.' : ack.error.message);
      const conv = this.convs.get(id);
      if (conv) {
        conv.summary = ack.conversation;
        conv.mine = true;
      }
      this.tab = 'mine';
      this.renderList();
      this.renderMain();
    });
  }

  private async resolve(id: string, btn: HTMLButtonElement): Promise<void> {
    await busy(btn, async () => {
      const ack = await emitAck<{ conversation: ConversationSummary }>(this.requireSocket(), 'conversation:resolve', { conversationId: id });
      if (!ack.ok) throw new Error(ack.error.message);
      toast(`Resolved: ${visitorLabel(ack.conversation.visitor, id)}`, 'success');
      this.convs.delete(id);
      this.selected = null;
      this.work.setAttribute('data-view', 'list');
      const next = this.mineList()[0];
      if (next && window.innerWidth >= 768) this.select(next.summary.id, true);
      this.renderList();
      this.renderMain();
    });
  }

  private async openTransfer(conv: Conv): Promise<void> {
    let agents: AgentPresence[] = [];
    const list = h('div', { class: 'sb-stack sb-stack--sm', role: 'radiogroup', 'aria-label': 'Transfer to' }, loadingState('Loading agents', 2));
    let choice = '';
    const dialog = openDialog('Transfer conversation', list, (close) => [
      button('Cancel', close),
      button('Transfer', async (e) => {
        const btn = e.currentTarget as HTMLButtonElement;
        await busy(btn, async () => {
          const ack = await emitAck(this.requireSocket(), 'conversation:transfer', { conversationId: conv.summary.id, ...(choice ? { agentId: choice } : {}) });
          if (!ack.ok) throw new Error(ack.error.message);
          toast(choice ? `Transferred to ${agents.find((a) => a.id === choice)?.name ?? 'a colleague'}` : 'Returned to the front of the queue', 'success');
          this.convs.delete(conv.summary.id);
          this.selected = null;
          this.work.setAttribute('data-view', 'list');
          close();
          this.renderList();
          this.renderMain();
        });
      }, { variant: 'primary', icon: iTransfer }),
    ], { description: 'Hand this conversation to an online colleague, or put it back at the front of the queue for the next free agent.' });
    try {
      agents = itemsOf<AgentPresence>(await api('/api/agents')).filter((a) => a.id !== this.me.id);
      const option = (value: string, label: string, sub: string, disabled = false) => {
        const id = `tr-${value || 'queue'}`;
        const radio = h('input', { type: 'radio', name: 'transfer', id, value, disabled, checked: value === '', onchange: () => (choice = value) });
        return h('label', { class: 'sb-card', for: id, style: { display: 'flex', gap: '12px', alignItems: 'center', padding: '12px 14px', cursor: disabled ? 'not-allowed' : 'pointer', opacity: disabled ? '0.6' : '1' } },
          radio, h('span', { style: { flex: '1' } }, h('strong', null, label), h('div', { class: 'sb-hint' }, sub)));
      };
      mount(list,
        option('', 'Back to the queue', 'The next free agent takes it; it goes to the front.'),
        agents.length
          ? agents.map((a) => option(a.id, a.name, a.status === 'online' ? `Online · ${a.activeConversations} active` : 'Offline', a.status !== 'online'))
          : h('p', { class: 'sb-muted' }, 'No colleagues in your company yet.'));
    } catch (error) {
      mount(list, errorState(error, undefined, { compact: true }));
    }
    void dialog;
  }

  private async send(text: string, btn?: HTMLButtonElement): Promise<boolean> {
    const conv = this.current();
    if (!conv || (!text.trim() && !this.pendingFiles.length)) return false;
    const files = this.pendingFiles;
    const payload = {
      conversationId: conv.summary.id,
      clientMessageId: `a-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      text: text.trim() || files.map((f) => f.name).join(', '),
      ...(files.length ? { attachmentIds: files.map((f) => f.id) } : {}),
    };
    if (btn) btn.disabled = true;
    this.stopTyping();
    const ack = await emitAck<{ message: MessageView }>(this.requireSocket(), 'message:send', payload);
    if (btn) btn.disabled = false;
    if (!ack.ok) {
      toast(`Not sent: ${ack.error.message}`, 'danger');
      return false;
    }
    this.pendingFiles = [];
    conv.messages = mergeById(conv.messages, [ack.message]);
    this.renderThread();
    this.renderComposerFiles();
    return true;
  }

  private onTyping(): void {
    const conv = this.current();
    if (!conv?.mine || !this.socket?.connected) return;
    this.drafts.set(conv.summary.id, this.textarea?.value ?? '');
    if (!this.typingSent) {
      this.typingSent = true;
      this.socket.emit('typing', { conversationId: conv.summary.id, isTyping: true }, () => undefined);
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), 2500);
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    const conv = this.current();
    if (!this.typingSent || !conv) return;
    this.typingSent = false;
    this.socket?.emit('typing', { conversationId: conv.summary.id, isTyping: false }, () => undefined);
  }

  private async upload(file: File): Promise<void> {
    const conv = this.current();
    if (!conv) return;
    this.uploading = true;
    this.renderComposerFiles();
    try {
      const form = new FormData();
      form.append('file', file);
      form.append('conversationId', conv.summary.id);
      const a = await api<Attachment>('/api/attachments', { form });
      this.pendingFiles.push(a);
    } catch (error) {
      toast(error instanceof ApiError && error.notAvailable ? 'Attachments are not available on this server yet.' : `Upload failed: ${errorMessage(error)}`, 'danger');
    } finally {
      this.uploading = false;
      this.renderComposerFiles();
    }
  }

  private async signOut(): Promise<void> {
    if (this.online && this.socket) await emitAck(this.socket, 'agent:status', { status: 'offline' }, 3000);
    await logout();
    clearSession();
    this.socket?.disconnect();
    location.reload();
  }

  // ---------- Helpers ----------

  private requireSocket(): StaffSocket {
    if (!this.socket) throw new Error('Not connected');
    return this.socket;
  }

  private current(): Conv | undefined {
    return this.selected ? this.convs.get(this.selected) : undefined;
  }

  private mineList(): Conv[] {
    return [...this.convs.values()].filter((c) => c.mine).sort((a, b) => (b.summary.assignedAt ?? b.summary.updatedAt).localeCompare(a.summary.assignedAt ?? a.summary.updatedAt));
  }

  private notifyNew(): void {
    const count = [...this.convs.values()].filter((c) => c.mine && (c.fresh || c.unread > 0)).length;
    setTitleCount(count);
  }

  private announce(text: string): void {
    this.announcer.textContent = '';
    setTimeout(() => (this.announcer.textContent = text), 50);
  }

  /** `auto`: opened for the agent, not by them, so it still counts as new until they touch it. */
  private select(id: string, auto = false): void {
    if (this.selected && this.selected !== id) {
      this.stopTyping();
      this.closeCanned?.();
    }
    this.selected = id;
    this.pendingFiles = [];
    let conv = this.convs.get(id);
    if (!conv) {
      const q = this.queue.find((e) => e.conversationId === id);
      const now = new Date().toISOString();
      conv = {
        summary: { id, companyId: '', status: 'queued', channel: 'widget', visitor: { id: '', name: q?.visitorName ?? null, email: null }, assignedAgentId: null, createdAt: q?.queuedAt ?? now, updatedAt: now, queuedAt: q?.queuedAt ?? null, assignedAt: null, resolvedAt: null },
        messages: [], escalation: null, loaded: false, unread: 0, customerTyping: false, live: false, fresh: false, mine: false,
      };
      this.convs.set(id, conv);
    }
    conv.unread = 0;
    if (!auto) conv.fresh = false;
    this.notifyNew();
    this.work.setAttribute('data-view', 'conversation');
    this.renderList();
    this.renderMain();
    this.watch(conv);
    const loaded = conv;
    void this.ensureLoaded(conv).then(() => {
      if (this.selected === loaded.summary.id) this.renderMain();
    });
  }

  private tick(): void {
    if (this.online && this.sessionStartedAt) {
      const session = (Date.now() - this.sessionStartedAt) / 1000;
      this.sessionValue.textContent = clock(session);
      this.todayValue.textContent = duration(Math.floor(this.closedTodaySeconds + (Date.now() - Math.max(this.sessionStartedAt, startOfToday())) / 1000));
    }
    // Waiting times in the queue count up.
    for (const el of Array.from(this.listPane.querySelectorAll<HTMLElement>('[data-since]'))) {
      el.textContent = duration((Date.now() - Number(el.dataset.since)) / 1000);
    }
  }

  // ---------- Rendering ----------

  private renderConnection(): void {
    this.connBanner.hidden = this.connected;
    mount(this.connBanner, icon(iWifiOff, { size: 'sm' }), 'Connection lost. Reconnecting… New messages will appear when you are back.');
  }

  private renderPresence(): void {
    const toggle = h('input', { type: 'checkbox', role: 'switch', checked: this.online, disabled: this.togglingStatus, 'data-testid': 'online-toggle', onchange: (e: Event) => void this.setOnline((e.target as HTMLInputElement).checked, e.target as HTMLInputElement) });
    this.presence.setAttribute('data-online', String(this.online));
    if (!this.online) {
      this.sessionValue.textContent = 'Not on shift';
      this.todayValue.textContent = this.hoursKnown ? duration(this.closedTodaySeconds) : '–';
    }
    mount(this.presence,
      h('label', { class: 'sb-switch' }, toggle, h('span', { class: 'sb-switch__track', 'aria-hidden': 'true' }),
        h('span', { 'data-testid': 'presence-label' }, this.online ? 'Online' : 'Offline')),
      h('div', { class: 'con-stat' }, h('span', { class: 'con-stat__label' }, 'Session'), this.sessionValue),
      h('div', { class: 'con-stat' }, h('span', { class: 'con-stat__label' }, 'Today'), this.todayValue));
    this.tick();
  }

  private renderList(): void {
    const mine = this.mineList();
    const tabs = h('div', { class: 'sb-segmented', role: 'tablist', 'aria-label': 'Conversation lists' },
      h('button', { type: 'button', role: 'tab', id: 'tab-mine', 'aria-selected': String(this.tab === 'mine'), 'aria-controls': 'list-items', onclick: () => { this.tab = 'mine'; this.renderList(); } },
        'My chats', h('span', { class: `sb-count${mine.some((c) => c.unread || c.fresh) ? ' sb-count--hot' : ''}`, 'data-testid': 'mine-count' }, String(mine.length))),
      h('button', { type: 'button', role: 'tab', id: 'tab-queue', 'aria-selected': String(this.tab === 'queue'), 'aria-controls': 'list-items', onclick: () => { this.tab = 'queue'; this.renderList(); } },
        'Queue', h('span', { class: `sb-count${this.queue.length ? ' sb-count--hot' : ''}`, 'data-testid': 'queue-count' }, String(this.queue.length))));
    const items = h('ul', { class: 'con-list__items', id: 'list-items', role: 'tabpanel', 'aria-labelledby': this.tab === 'mine' ? 'tab-mine' : 'tab-queue' });
    if (this.tab === 'mine') {
      if (this.mineLoaded === 'loading' && !mine.length) mount(items, h('li', null, loadingState('Loading your conversations')));
      else if (this.mineLoaded !== 'ok' && this.mineLoaded !== 'loading' && !mine.length) mount(items, h('li', null, errorState(this.mineLoaded, () => void this.loadMine(), { compact: true })));
      else if (!mine.length) mount(items, h('li', null, emptyState(this.online ? 'No conversations yet' : 'You are offline', this.online ? 'New conversations are assigned to you automatically. You can also take one from the queue.' : 'Go online to receive conversations.', { icon: iInbox, compact: true })));
      else mount(items, mine.map((c) => h('li', null, this.mineItem(c))));
    } else if (!this.connected && !this.queue.length) {
      mount(items, h('li', null, loadingState('Connecting to the queue')));
    } else if (!this.queue.length) {
      mount(items, h('li', null, emptyState('The queue is empty', 'Everyone waiting has been helped.', { icon: iCheck, compact: true })));
    } else {
      mount(items, this.queue.map((q) => h('li', null, this.queueItem(q))));
    }
    mount(this.listPane, h('div', { class: 'con-list__head' }, h('h2', { class: 'sb-visually-hidden' }, 'Conversations'), tabs), items);
  }

  private mineItem(c: Conv): HTMLElement {
    const last = [...c.messages].reverse().find((m) => m.sender.type !== 'system');
    const name = visitorLabel(c.summary.visitor, c.summary.id);
    return h('button', {
      type: 'button', class: 'con-item', 'aria-current': String(this.selected === c.summary.id), 'data-unread': String(c.unread > 0 || c.fresh), 'data-testid': 'mine-item',
      'aria-label': `${name}${c.unread ? `, ${c.unread} unread` : ''}`, onclick: () => this.select(c.summary.id),
    },
    h('span', { class: 'sb-avatar' }, initials(name)),
    h('span', { class: 'con-item__name' }, name),
    h('span', { class: 'con-item__time' }, relative(last?.createdAt ?? c.summary.assignedAt ?? c.summary.updatedAt)),
    h('span', { class: 'con-item__sub' },
      c.escalation && !last ? badge(reasonLabel(c.escalation.reason), 'warning') : null,
      h('span', null, last ? `${last.sender.type === 'agent' ? 'You: ' : ''}${last.text}` : c.escalation ? '' : 'Open to read')));
  }

  private queueItem(q: QueueEntry): HTMLElement {
    const name = q.visitorName || visitorLabel(null, q.conversationId);
    const since = Date.parse(q.queuedAt);
    return h('button', {
      type: 'button', class: 'con-item', 'aria-current': String(this.selected === q.conversationId), 'data-testid': 'queue-item', onclick: () => this.select(q.conversationId),
    },
    h('span', { class: 'sb-avatar' }, initials(name)),
    h('span', { class: 'con-item__name' }, name),
    h('span', { class: 'con-item__time con-item__wait', 'data-since': String(since), title: 'Waiting' }, duration((Date.now() - since) / 1000)),
    h('span', { class: 'con-item__sub' }, h('span', { class: 'sb-badge' }, `#${q.position}`), h('span', null, reasonLabel(q.reason))));
  }

  private renderMain(): void {
    this.thread = null;
    this.scroller = null;
    this.typingLine = null;
    this.textarea = null;
    const conv = this.current();
    this.work.setAttribute('data-details', String(this.showDetails && !!conv));
    if (!conv) {
      this.work.setAttribute('data-view', 'list');
      mount(this.mainPane, h('div', { class: 'con-empty' }, emptyState(
        this.online ? 'Pick a conversation' : 'Go online to start',
        this.online ? 'Choose one of your chats or take one from the queue. New assignments ring and show in the tab title.' : 'Switch the toggle to Online: conversations waiting in the queue are assigned to you automatically.',
        { icon: iHeadset },
      )));
      mount(this.detailsPane, emptyState('No conversation selected', undefined, { icon: iInfo, compact: true }));
      return;
    }
    const head = h('header', { class: 'con-head' });
    const scroller = h('div', { class: 'con-scroll' });
    mount(this.mainPane, head, scroller);
    this.scroller = scroller;
    this.renderHead(head);
    if (!conv.loaded) {
      mount(scroller, conv.error ? errorState(conv.error, () => { conv.error = undefined; this.select(conv.summary.id); }) : loadingState('Loading the conversation', 5));
      this.renderDetails(conv);
      return;
    }
    const escalation = this.escalationPanel(conv);
    this.thread = h('ol', { class: 'con-thread', 'aria-label': 'Messages', 'data-testid': 'thread' });
    this.typingLine = h('div', { class: 'cm__typing', hidden: true, 'data-testid': 'customer-typing' });
    mount(scroller, this.thread, this.typingLine);
    this.renderThread(true);
    this.renderTyping();
    // The escalation (reason, confidence, the AI draft, sources) sits just above the reply box.
    if (escalation) this.mainPane.appendChild(h('div', { class: 'con-tray' }, escalation));
    this.mainPane.appendChild(this.composer(conv));
    this.renderDetails(conv);
  }

  private renderHead(head = this.mainPane.querySelector<HTMLElement>('.con-head')): void {
    const conv = this.current();
    if (!conv || !head) return;
    const name = visitorLabel(conv.summary.visitor, conv.summary.id);
    const actions = h('div', { class: 'con-head__actions' });
    if (conv.mine && conv.summary.status !== 'resolved') {
      actions.append(
        button('Transfer', () => void this.openTransfer(conv), { icon: iTransfer, size: 'sm' }),
        button('Resolve', (e) => void this.resolve(conv.summary.id, e.currentTarget as HTMLButtonElement), { icon: iCheck, size: 'sm', variant: 'success', attrs: { 'data-testid': 'resolve' } }),
      );
    } else if (conv.summary.status === 'queued' || conv.summary.status === 'bot') {
      actions.append(button('Take conversation', (e) => void this.claim(conv.summary.id, e.currentTarget as HTMLButtonElement), { icon: iHeadset, size: 'sm', variant: 'primary', disabled: !this.online, title: this.online ? undefined : 'Go online first' }));
    }
    actions.append(button('Details', () => { this.showDetails = !this.showDetails; this.work.setAttribute('data-details', String(this.showDetails)); }, { icon: iInfo, size: 'sm', variant: 'ghost', iconOnly: true, title: 'Customer details', attrs: { class: 'sb-btn sb-btn--ghost sb-btn--sm sb-btn--icon con-details-toggle' } }));
    mount(head,
      button('Back to the list', () => { this.work.setAttribute('data-view', 'list'); this.selected = null; this.renderList(); this.renderMain(); }, { variant: 'ghost', icon: iArrowLeft, iconOnly: true, size: 'sm', attrs: { class: 'sb-btn sb-btn--ghost sb-btn--sm sb-btn--icon con-back' } }),
      h('span', { class: 'sb-avatar sb-avatar--lg', 'aria-hidden': 'true' }, initials(name)),
      h('div', { class: 'con-head__who' },
        h('h2', null, h('span', { 'data-testid': 'conversation-title' }, name), statusBadge(conv.mine || conv.summary.status !== 'assigned' ? conv.summary.status : 'assigned'), !conv.mine && conv.summary.status === 'assigned' ? badge('Another agent', 'neutral') : null),
        h('div', { class: 'con-head__meta' }, [conv.summary.visitor.email, `Started ${relative(conv.summary.createdAt)}`, conv.summary.channel === 'api' ? 'via API' : 'via widget'].filter(Boolean).join(' · '))),
      actions);
  }

  private escalationPanel(conv: Conv): HTMLElement | null {
    const e = conv.escalation;
    if (!e) return null;
    const dismissed = this.dismissed.has(e.id) || !conv.mine;
    const body = h('div', { class: 'esc__body' });
    if (e.draft && !dismissed) {
      const draftText = e.draft;
      body.append(
        h('div', { class: 'esc__label' }, icon(iSparkles, { size: 'sm' }), 'Suggested reply from the assistant'),
        h('div', { class: 'esc__draft', 'data-testid': 'draft' }, draftText),
        h('div', { class: 'sb-row sb-row--wrap' },
          button('Send draft', async (ev) => {
            if (await this.send(draftText, ev.currentTarget as HTMLButtonElement)) this.dismissDraft(conv, e.id);
          }, { variant: 'primary', icon: iSend, size: 'sm', attrs: { 'data-testid': 'send-draft' } }),
          button('Edit', () => {
            if (this.textarea) {
              this.textarea.value = draftText;
              this.textarea.focus();
              this.textarea.dispatchEvent(new Event('input'));
            }
            this.dismissDraft(conv, e.id);
          }, { icon: iEdit, size: 'sm', attrs: { 'data-testid': 'edit-draft' } }),
          button('Discard', () => this.dismissDraft(conv, e.id), { variant: 'ghost', icon: iTrash, size: 'sm', attrs: { 'data-testid': 'discard-draft' } })),
      );
    } else if (!e.draft) {
      body.append(h('div', { class: 'esc__none' }, 'The assistant had no draft for this one.'));
    }
    if (e.sources?.length) body.append(h('div', { class: 'esc__sources' }, h('span', { class: 'sb-hint' }, 'Sources the bot used:'), sourceChips(e.sources)));
    if (!body.childElementCount) return null;
    return h('section', { class: 'esc', 'aria-label': 'Escalation', 'data-testid': 'escalation' },
      h('div', { class: 'esc__head' },
        h('strong', null, 'Escalated'),
        badge(reasonLabel(e.reason), 'warning'),
        h('span', { class: 'sb-row' }, h('span', { class: 'sb-muted' }, 'Confidence'), confidenceMeter(e.confidence)),
        h('span', { class: 'sb-muted', style: { marginLeft: 'auto' } }, relative(e.createdAt))),
      body);
  }

  private dismissDraft(conv: Conv, escalationId: string): void {
    this.dismissed.add(escalationId);
    sessionStorage.setItem(DISMISSED_KEY, JSON.stringify([...this.dismissed].slice(-200)));
    const tray = this.mainPane.querySelector('.con-tray');
    const fresh = this.escalationPanel(conv);
    if (tray) fresh ? tray.replaceChildren(fresh) : tray.remove();
  }

  private renderThread(forceScroll = false): void {
    const conv = this.current();
    if (!conv || !this.thread || !this.scroller) return;
    const s = this.scroller;
    const nearBottom = s.scrollHeight - s.scrollTop - s.clientHeight < 160;
    if (!conv.messages.length) mount(this.thread, h('li', null, emptyState('No messages yet', undefined, { compact: true })));
    else mount(this.thread, threadItems(conv.messages, { visitorName: visitorLabel(conv.summary.visitor, conv.summary.id), myId: this.me.id }));
    if (forceScroll || nearBottom) requestAnimationFrame(() => (s.scrollTop = s.scrollHeight));
  }

  private renderTyping(): void {
    const conv = this.current();
    if (!conv || !this.typingLine) return;
    this.typingLine.hidden = !conv.customerTyping;
    mount(this.typingLine, h('span', { class: 'cm__dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), `${visitorLabel(conv.summary.visitor, conv.summary.id)} is typing…`);
  }

  private composer(conv: Conv): HTMLElement {
    if (!conv.mine || conv.summary.status === 'resolved') {
      return h('div', { class: 'con-composer' }, h('div', { class: 'con-readonly' },
        h('span', null, conv.summary.status === 'resolved' ? 'This conversation is resolved.' : conv.summary.status === 'assigned' ? 'Another agent has this conversation.' : 'Take this conversation to reply.'),
        conv.summary.status === 'queued' || conv.summary.status === 'bot'
          ? button('Take conversation', (e) => void this.claim(conv.summary.id, e.currentTarget as HTMLButtonElement), { variant: 'primary', icon: iHeadset, disabled: !this.online, title: this.online ? undefined : 'Go online first' })
          : null));
    }
    const textarea = h('textarea', { placeholder: 'Reply to the customer…  Type / for canned responses', 'aria-label': 'Reply', maxlength: 5000, 'data-testid': 'reply', value: this.drafts.get(conv.summary.id) ?? '' });
    this.textarea = textarea;
    const fileInput = h('input', { type: 'file', hidden: true, onchange: () => { const f = fileInput.files?.[0]; fileInput.value = ''; if (f) void this.upload(f); } });
    const sendBtn = button('Send', null, { variant: 'primary', icon: iSend, size: 'sm', type: 'submit', attrs: { 'data-testid': 'send' } });
    const box = h('div', { class: 'con-composer__box' });
    const openCanned = (query = '') => {
      if (this.closeCanned) return;
      this.closeCanned = openCannedPopover(box, query, (text) => {
        textarea.value = textarea.value.replace(/(^|\s)\/\S*$/, '$1').trimEnd();
        textarea.value = textarea.value ? `${textarea.value} ${text}` : text;
        textarea.focus();
        this.drafts.set(conv.summary.id, textarea.value);
      }, () => {
        this.closeCanned = null;
        textarea.focus();
      });
    };
    const form = h('form', { class: 'con-composer', 'aria-label': 'Reply' }, box);
    mount(box,
      h('div', { class: 'con-files', hidden: true }),
      textarea,
      h('div', { class: 'con-composer__bar' },
        button('Canned responses', () => openCanned(), { variant: 'ghost', icon: iList, iconOnly: true, size: 'sm', title: 'Canned responses (/)' }),
        button('Attach a file', () => fileInput.click(), { variant: 'ghost', icon: iPaperclip, iconOnly: true, size: 'sm', title: 'Attach a file' }),
        button('Search knowledge', () => (this.detailsPane.querySelector('input[type=search]') as HTMLInputElement | null)?.focus(), { variant: 'ghost', icon: iSearch, iconOnly: true, size: 'sm', title: 'Search the knowledge base' }),
        h('span', { class: 'con-composer__hint' }, 'Enter to send · Shift+Enter for a new line'),
        sendBtn),
      fileInput);
    textarea.addEventListener('input', () => {
      this.onTyping();
      if (/^\/\S*$/.test(textarea.value)) openCanned(textarea.value.slice(1));
    });
    textarea.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      if (this.uploading) return;
      if (await this.send(textarea.value, sendBtn)) {
        textarea.value = '';
        this.drafts.delete(conv.summary.id);
        textarea.focus();
      }
    });
    queueMicrotask(() => this.renderComposerFiles());
    return form;
  }

  private renderComposerFiles(): void {
    const row = this.mainPane.querySelector<HTMLElement>('.con-files');
    if (!row) return;
    row.hidden = !this.pendingFiles.length && !this.uploading;
    mount(row,
      this.pendingFiles.map((f) => h('span', { class: 'sb-chip' }, icon(iPaperclip, { size: 'sm' }), h('span', null, f.name),
        h('button', { type: 'button', class: 'sb-btn sb-btn--ghost sb-btn--sm sb-btn--icon', 'aria-label': `Remove ${f.name}`, onclick: () => { this.pendingFiles = this.pendingFiles.filter((x) => x !== f); this.renderComposerFiles(); } }, icon(iX, { size: 'sm' })))),
      this.uploading ? h('span', { class: 'sb-chip' }, h('span', { class: 'sb-spinner', style: { width: '12px', height: '12px' } }), 'Uploading…') : null);
  }

  private renderDetails(conv: Conv): void {
    const v = conv.summary.visitor;
    const results = h('ul', { class: 'kb-results', 'aria-live': 'polite' });
    const search = h('input', { class: 'sb-input', type: 'search', placeholder: 'Search the knowledge base', 'aria-label': 'Search the knowledge base' });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      const q = search.value.trim();
      if (!q) return results.replaceChildren();
      mount(results, h('li', null, loadingState('Searching', 2)));
      try {
        const res = await api<{ results: { id: string; title: string; text: string; score: number }[] }>('/api/knowledge/search', { query: { q, limit: 5 } });
        mount(results, res.results.length
          ? res.results.map((r) => h('li', { class: 'kb-result' }, h('strong', null, r.title), h('p', null, r.text),
            conv.mine ? button('Insert', () => {
              if (this.textarea) {
                this.textarea.value = this.textarea.value ? `${this.textarea.value}\n${r.text}` : r.text;
                this.textarea.focus();
              }
            }, { size: 'sm', icon: iEdit }) : null))
          : [h('li', null, emptyState('Nothing found', 'Try other words.', { compact: true, icon: iSearch }))]);
      } catch (error) {
        mount(results, h('li', null, errorState(error, () => void run(), { compact: true })));
      }
    };
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void run(), 250);
    });
    const escalationSources = conv.escalation?.sources ?? [];
    mount(this.detailsPane,
      h('div', { class: 'sb-row' }, h('h2', { class: 'sb-visually-hidden' }, 'Details'), h('span', { class: 'sb-spacer' }),
        button('Close details', () => { this.showDetails = false; this.work.setAttribute('data-details', 'false'); }, { variant: 'ghost', icon: iX, iconOnly: true, size: 'sm', attrs: { class: 'sb-btn sb-btn--ghost sb-btn--sm sb-btn--icon con-details-toggle' } })),
      h('section', null, h('h3', null, 'Customer'),
        h('dl', { class: 'sb-kv' },
          h('dt', null, 'Name'), h('dd', null, v.name || 'Not given'),
          h('dt', null, 'Email'), h('dd', null, v.email || 'Not given'),
          h('dt', null, 'Channel'), h('dd', null, conv.summary.channel === 'api' ? 'API' : 'Website widget'),
          h('dt', null, 'Started'), h('dd', null, dateTime(conv.summary.createdAt)))),
      conv.escalation ? h('section', null, h('h3', null, 'Escalation'),
        h('dl', { class: 'sb-kv' },
          h('dt', null, 'Reason'), h('dd', null, reasonLabel(conv.escalation.reason)),
          h('dt', null, 'Confidence'), h('dd', null, confidenceMeter(conv.escalation.confidence)),
          h('dt', null, 'When'), h('dd', null, dateTime(conv.escalation.createdAt))),
        escalationSources.length ? h('div', { class: 'sb-stack sb-stack--sm', style: { marginTop: '12px' } }, h('span', { class: 'sb-hint' }, 'Sources the bot used'), h('div', { class: 'esc__sources' }, sourceChips(escalationSources))) : null) : null,
      conv.feedback ? h('section', null, h('h3', null, 'Rating'), h('p', null, `${'★'.repeat(conv.feedback.rating)}${'☆'.repeat(5 - conv.feedback.rating)}`), conv.feedback.comment ? h('p', { class: 'sb-muted sb-pre' }, conv.feedback.comment) : null) : null,
      h('section', null, h('h3', null, 'Knowledge base'), search, results),
    );
  }
}

function mergeById(a: MessageView[], b: MessageView[]): MessageView[] {
  const map = new Map(a.map((m) => [m.id, m]));
  for (const m of b) map.set(m.id, m);
  return [...map.values()].sort((x, y) => x.seq - y.seq);
}

function pickSummary(d: ConversationDetail): ConversationSummary {
  const { messages: _m, escalations: _e, feedback: _f, ...summary } = d;
  return summary;
}

function latestEscalation(list: EscalationView[] | undefined): EscalationView | null {
  if (!list?.length) return null;
  // The one with a draft matters most to the agent; otherwise the latest.
  const sorted = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return sorted.find((e) => e.draft) ?? sorted[0];
}
