/**
 * The chat widget: one conversation per visitor, over the /customer socket. It remembers the
 * conversation across reloads, queues what the visitor types while the network is away and sends it
 * once (the server is idempotent on clientMessageId), and merges history by message id, so nothing is
 * ever shown twice.
 */
import { io, Socket } from 'socket.io-client';
import { h, icon, mount, safeUrl } from '../shared/dom';
import { initials, waitEstimate } from '../shared/format';
import { iAlert, iChat, iChevronDown, iCheckCircle, iHeadset, iMail, iPaperclip, iSend, iSparkles, iWifiOff, iX } from '../shared/icons';
import type { Ack, Attachment, ConversationStatus, ConversationUpdate, MessageView } from '../shared/types';
import { lastSeq, mergeMessages, Outgoing, Store, WidgetState } from './store';
import { messageNode, outgoingNode, senderKey, starRating } from './view';

export interface WidgetConfig {
  widgetKey: string;
  server: string;
  prechat: boolean;
  title?: string;
}

interface OpenAck {
  conversationId: string;
  visitorToken: string;
  status: ConversationStatus;
  messages: MessageView[];
  lastSeq: number;
  assistantName?: string;
  queuePosition?: number;
  estimatedWaitSeconds?: number;
  offline?: boolean;
  offlineMessage?: string;
}

const SEND_TIMEOUT_MS = 10_000;
const TYPING_IDLE_MS = 2500;
const MAX_FILE_BYTES = 10 * 1024 * 1024;
// The company's offline message is a system message; until the server marks it (kind: 'offline'), recognise it by its wording.
const OFFLINE_TEXT = /\boffline\b|outside (of )?(our )?(business|opening|office) hours|leave (us )?your e-?mail/i;

function newClientId(): string {
  const random = typeof crypto !== 'undefined' && 'getRandomValues' in crypto
    ? Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('')
    : Math.random().toString(16).slice(2, 14);
  return `w-${Date.now().toString(36)}-${random}`;
}

export class Widget {
  private readonly store: Store;
  private readonly state: WidgetState;
  private socket: Socket | null = null;
  private connected = false;
  private opening = false;
  private fatal: string | null = null;
  private notice: string | null = null;
  private noticeTimer: ReturnType<typeof setTimeout> | undefined;
  private typingSent = false;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private agentTyping: string | null = null;
  private agentTypingTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly inflight = new Set<string>();
  private pendingFiles: Attachment[] = [];
  private cardsSignature = '';
  private stick = true;
  private uploading = 0;
  private readonly nodes = new Map<string, { node: HTMLLIElement; version: string }>();
  private readonly files = new Map<string, Promise<string | null>>();
  private readonly loadFile = (file: Attachment): Promise<string | null> => {
    let pending = this.files.get(file.id);
    if (!pending) {
      const url = safeUrl(file.url, this.config.server);
      pending = !url ? Promise.resolve(null) : fetch(url, { headers: { 'X-Widget-Key': this.config.widgetKey, 'X-Visitor-Token': this.state.visitorToken ?? '' } })
        .then((r) => (r.ok ? r.blob() : null))
        .then((blob) => (blob ? URL.createObjectURL(blob) : null))
        .catch(() => null);
      this.files.set(file.id, pending);
    }
    return pending;
  };

  // Elements
  private readonly launcher: HTMLButtonElement;
  private readonly badge: HTMLSpanElement;
  private readonly panel: HTMLDivElement;
  private readonly headAvatar: HTMLDivElement;
  private readonly headTitle: HTMLDivElement;
  private readonly headSub: HTMLDivElement;
  private readonly banner: HTMLDivElement;
  private readonly body: HTMLDivElement;
  private readonly log: HTMLOListElement;
  private readonly typing: HTMLDivElement;
  private readonly cards: HTMLDivElement;
  private readonly dock: HTMLDivElement;
  private readonly composer: HTMLFormElement;
  private readonly textarea: HTMLTextAreaElement;
  private readonly sendButton: HTMLButtonElement;
  private readonly fileInput: HTMLInputElement;
  private readonly filesRow: HTMLDivElement;
  private readonly ended: HTMLDivElement;
  private readonly live: HTMLDivElement;
  private readonly main: HTMLDivElement;
  private readonly unavailable: HTMLDivElement;

  constructor(private readonly root: ShadowRoot, private readonly host: HTMLElement, private readonly config: WidgetConfig) {
    this.store = new Store(config.widgetKey);
    this.state = this.store.load();
    const panelId = 'sb-panel';

    this.badge = h('span', { class: 'launcher__badge', hidden: true, 'aria-hidden': 'true' });
    this.launcher = h('button', {
      type: 'button', class: 'launcher', 'aria-controls': panelId, 'aria-expanded': 'false', 'aria-label': 'Open chat',
      onclick: () => (this.state.open ? this.close() : this.open()),
    }, icon(iChat), this.badge);

    this.headAvatar = h('div', { class: 'head__avatar', 'aria-hidden': 'true' });
    this.headTitle = h('div', { class: 'head__title', id: 'sb-title' });
    this.headSub = h('div', { class: 'head__sub', 'data-testid': 'widget-status' });
    this.banner = h('div', { class: 'banner', role: 'status', hidden: true });
    this.log = h('ol', { class: 'log', 'aria-label': 'Messages', 'data-testid': 'widget-log' });
    this.typing = h('div', { class: 'typing', hidden: true, 'data-testid': 'typing' });
    this.cards = h('div', { class: 'cards' });
    this.body = h('div', { class: 'body', tabindex: '-1' }, this.log, this.typing, this.cards);
    this.dock = h('div', { class: 'dock', hidden: true });

    this.textarea = h('textarea', {
      rows: 1, placeholder: 'Write a message…', 'aria-label': 'Message', maxlength: 5000,
      oninput: () => this.onInput(),
      onkeydown: (e: KeyboardEvent) => {
        if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
          e.preventDefault();
          this.submit();
        }
      },
    });
    this.fileInput = h('input', { type: 'file', hidden: true, tabindex: '-1', 'aria-hidden': 'true', onchange: () => void this.upload() });
    this.sendButton = h('button', { type: 'submit', class: 'icon-btn send', 'aria-label': 'Send message', disabled: true }, icon(iSend));
    this.filesRow = h('div', { class: 'pending-files', hidden: true });
    this.composer = h(
      'form',
      { class: 'composer', onsubmit: (e: Event) => { e.preventDefault(); this.submit(); } },
      this.filesRow,
      h(
        'div',
        { class: 'composer__box' },
        this.textarea,
        h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Attach a file', title: 'Attach a file', onclick: () => this.fileInput.click() }, icon(iPaperclip)),
        this.sendButton,
      ),
      this.fileInput,
    );
    this.ended = h('div', { class: 'ended', hidden: true });
    this.live = h('div', { class: 'sr', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'announcer' });
    this.main = h('div', { style: 'display:contents' }, this.banner, this.body, this.dock, this.composer, this.ended);
    this.unavailable = h('div', { class: 'unavailable', hidden: true });

    this.panel = h(
      'div',
      { class: 'panel', id: panelId, role: 'dialog', 'aria-labelledby': 'sb-title', hidden: true, onkeydown: (e: KeyboardEvent) => e.key === 'Escape' && this.close() },
      h('header', { class: 'head' }, this.headAvatar, h('div', { class: 'head__text' }, this.headTitle, this.headSub),
        h('button', { type: 'button', class: 'icon-btn', 'aria-label': 'Minimize chat', title: 'Minimize', onclick: () => this.close() }, icon(iChevronDown))),
      this.main,
      this.unavailable,
      h('div', { class: 'foot' }, 'Powered by ', h('b', null, 'Switchboard')),
      this.live,
    );
    this.log.addEventListener('click', (e) => {
      const retry = (e.target as HTMLElement).closest<HTMLElement>('[data-retry]');
      if (retry) this.retry(retry.getAttribute('data-retry') ?? '');
    });
    mount(root.querySelector('.w') as HTMLElement, this.panel, this.launcher);
  }

  start(): void {
    this.render();
    if (this.state.open) this.open(false);
    else if (this.state.conversationId) this.connect();
  }

  // ---------- Panel ----------

  open(focus = true): void {
    this.state.open = true;
    this.state.unread = 0;
    this.store.save();
    this.panel.hidden = false;
    this.host.setAttribute('data-open', 'true');
    this.launcher.setAttribute('aria-expanded', 'true');
    this.launcher.setAttribute('aria-label', 'Close chat');
    mount(this.launcher, icon(iX), this.badge);
    this.connect();
    if (this.connected && !this.state.conversationId && this.canStart()) void this.openConversation();
    this.render();
    this.scrollToEnd(true);
    if (focus) {
      const first = this.cards.querySelector<HTMLElement>('input:not([type=radio]), textarea');
      (first ?? (this.composer.hidden ? this.body : this.textarea)).focus();
    }
  }

  close(): void {
    this.state.open = false;
    this.store.save();
    this.panel.hidden = true;
    this.host.removeAttribute('data-open');
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.setAttribute('aria-label', 'Open chat');
    mount(this.launcher, icon(iChat), this.badge);
    this.stopTyping();
    this.render();
    this.launcher.focus();
  }

  // ---------- Connection ----------

  private connect(): void {
    if (this.socket || this.fatal) return;
    const socket = io(`${this.config.server}/customer`, {
      auth: (cb) => cb({ widgetKey: this.config.widgetKey, ...(this.state.visitorToken ? { visitorToken: this.state.visitorToken } : {}) }),
      transports: ['websocket', 'polling'],
      reconnectionDelay: 700,
      reconnectionDelayMax: 8000,
      timeout: 10_000,
    });
    this.socket = socket;
    socket.on('connect', () => {
      this.connected = true;
      this.render();
      void this.resume();
    });
    socket.on('disconnect', () => {
      this.connected = false;
      this.inflight.clear();
      this.render();
    });
    socket.on('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
      const data = error.data;
      if (!data || data.code !== 'unauthorized') return; // network trouble: socket.io keeps retrying
      if (/visitor token/i.test(data.message ?? '') && this.state.visitorToken) {
        // Our token is no longer valid: start over as a new visitor.
        this.resetConversation(true);
        socket.connect();
      } else {
        this.fatal = 'Chat is not available on this site right now.';
        socket.disconnect();
        this.render();
      }
    });
    // The browser knows first when the network goes: do not wait for the heartbeat to time out.
    window.addEventListener('offline', () => {
      if (socket.connected) socket.disconnect();
    });
    window.addEventListener('online', () => {
      if (!socket.connected && !this.fatal) socket.connect();
    });
    socket.on('message:new', (m: MessageView) => this.receive([m]));
    socket.on('conversation:updated', (u: ConversationUpdate) => this.onUpdated(u));
    socket.on('typing', (t: { conversationId: string; sender: { type: string; name?: string }; isTyping: boolean }) => {
      if (t.conversationId !== this.state.conversationId || t.sender.type === 'customer') return;
      clearTimeout(this.agentTypingTimer);
      this.agentTyping = t.isTyping ? t.sender.name || 'Support' : null;
      if (t.isTyping) this.agentTypingTimer = setTimeout(() => { this.agentTyping = null; this.render(); }, 8000);
      this.render();
      if (t.isTyping) this.scrollToEnd();
    });
  }

  private async emit<T>(event: string, payload: unknown, timeoutMs = SEND_TIMEOUT_MS): Promise<Ack<T>> {
    if (!this.socket || !this.connected) return { ok: false, error: { code: 'offline', message: 'Not connected' } };
    try {
      return (await this.socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
    } catch {
      return { ok: false, error: { code: 'timeout', message: 'No answer from the server' } };
    }
  }

  /** After every (re)connect: catch up on what we missed, then send what waited. */
  private async resume(): Promise<void> {
    const s = this.state;
    if (s.conversationId) {
      const ack = await this.emit<{ messages: MessageView[]; status: ConversationStatus }>('conversation:sync', { conversationId: s.conversationId, afterSeq: lastSeq(s) });
      if (ack.ok) {
        this.receive(ack.messages, false);
        this.setStatus(ack.status);
        if (ack.status !== 'resolved') await this.openConversation();
      } else if (ack.error.code === 'not_found' || ack.error.code === 'validation_failed') {
        this.resetConversation(false);
        if (s.open && this.canStart()) await this.openConversation();
      }
    } else if (s.open && this.canStart()) {
      await this.openConversation();
    }
    await this.flushOutbox();
  }

  private canStart(): boolean {
    return !this.config.prechat || !!this.state.prechatDone;
  }

  /** Opens (or resumes) the visitor's conversation: the server answers with its history. */
  private async openConversation(extra: { email?: string } = {}): Promise<boolean> {
    if (this.opening) return false;
    this.opening = true;
    this.render();
    const s = this.state;
    const ack = await this.emit<OpenAck>('conversation:open', {
      ...(s.name ? { name: s.name } : {}),
      ...(extra.email ?? s.email ? { email: extra.email ?? s.email } : {}),
    });
    this.opening = false;
    if (!ack.ok) {
      this.flash(ack.error.code === 'offline' || ack.error.code === 'timeout' ? 'Connecting…' : ack.error.message);
      this.render();
      return false;
    }
    if (s.conversationId !== ack.conversationId) {
      s.messages = [];
      s.agent = null;
      s.rated = undefined;
      s.offline = false;
      s.offlineEmail = undefined;
      this.nodes.clear();
    }
    s.conversationId = ack.conversationId;
    s.visitorToken = ack.visitorToken;
    if (ack.assistantName) s.assistantName = ack.assistantName;
    if (ack.offline) s.offline = true;
    this.receive(ack.messages, false);
    this.setStatus(ack.status);
    s.queue = ack.queuePosition ? { position: ack.queuePosition, wait: ack.estimatedWaitSeconds } : s.status === 'queued' ? s.queue : null;
    this.store.save();
    this.render();
    this.scrollToEnd(true);
    return true;
  }

  private resetConversation(dropToken: boolean): void {
    const s = this.state;
    if (dropToken) s.visitorToken = undefined;
    s.conversationId = undefined;
    s.status = undefined;
    s.messages = [];
    s.agent = null;
    s.queue = null;
    s.rated = undefined;
    s.offline = false;
    s.offlineEmail = undefined;
    this.nodes.clear();
    this.store.save();
  }

  // ---------- Incoming ----------

  private receive(messages: MessageView[], announce = true): void {
    const s = this.state;
    const fresh = mergeMessages(s, messages);
    for (const m of fresh) {
      if (m.sender.type === 'agent') {
        this.agentTyping = null;
        if (m.sender.name && (!s.agent || s.agent.name !== m.sender.name)) s.agent = { id: m.sender.id ?? '', name: m.sender.name };
      }
      if (m.sender.type === 'system' && (m.kind === 'offline' || OFFLINE_TEXT.test(m.text)) && s.status !== 'assigned') s.offline = true;
      if (announce && m.sender.type !== 'customer') {
        const who = m.sender.type === 'system' ? '' : `${m.sender.name || (m.sender.type === 'bot' ? s.assistantName || 'Assistant' : 'Support')}: `;
        this.announce(`${who}${m.text}`);
        if (!s.open) s.unread = (s.unread ?? 0) + 1;
      }
    }
    if (fresh.length || messages.length) {
      this.store.save();
      this.render();
      if (fresh.length) this.scrollToEnd();
    }
  }

  private onUpdated(u: ConversationUpdate): void {
    const s = this.state;
    if (u.conversationId !== s.conversationId) return;
    const before = s.queue?.position;
    this.setStatus(u.status);
    if (u.status === 'queued') {
      s.queue = { position: u.queuePosition ?? s.queue?.position, wait: u.estimatedWaitSeconds ?? s.queue?.wait };
      if (u.queuePosition && u.queuePosition !== before) this.announce(`You are number ${u.queuePosition} in the queue. ${waitEstimate(u.estimatedWaitSeconds)}`);
    }
    if (u.agent) s.agent = u.agent;
    if (u.status === 'resolved') this.announce('The conversation has ended. You can rate it below.');
    this.store.save();
    this.render();
    this.scrollToEnd();
  }

  private setStatus(status: ConversationStatus): void {
    const s = this.state;
    s.status = status;
    if (status !== 'queued') s.queue = null;
    if (status === 'assigned') s.offline = false;
    if (status === 'bot') s.agent = null;
    if (status === 'assigned' && !s.agent) {
      const last = [...s.messages].reverse().find((m) => m.sender.type === 'agent' && m.sender.name);
      if (last) s.agent = { id: last.sender.id ?? '', name: last.sender.name as string };
    }
  }

  // ---------- Outgoing ----------

  private submit(): void {
    const text = this.textarea.value.trim();
    if ((!text && !this.pendingFiles.length) || this.uploading) return;
    const files = this.pendingFiles;
    const o: Outgoing = {
      clientMessageId: newClientId(),
      text: text || files.map((f) => f.name).join(', '),
      ...(files.length ? { attachments: files } : {}),
      createdAt: new Date().toISOString(),
    };
    this.pendingFiles = [];
    this.textarea.value = '';
    this.autosize();
    this.stopTyping();
    this.state.outbox.push(o);
    this.store.save();
    this.render();
    this.scrollToEnd(true);
    if (!this.state.conversationId) {
      this.connect();
      if (this.connected) void this.openConversation().then(() => this.flushOutbox());
      return;
    }
    void this.deliver(o);
  }

  private async deliver(o: Outgoing): Promise<void> {
    const s = this.state;
    if (!this.connected || !s.conversationId || this.inflight.has(o.clientMessageId) || o.failed) return;
    this.inflight.add(o.clientMessageId);
    const ack = await this.emit<{ message: MessageView; duplicate: boolean }>('message:send', {
      conversationId: s.conversationId,
      clientMessageId: o.clientMessageId,
      text: o.text,
      ...(o.attachments?.length ? { attachmentIds: o.attachments.map((a) => a.id) } : {}),
    });
    this.inflight.delete(o.clientMessageId);
    if (ack.ok) {
      this.receive([ack.message], false);
    } else if (ack.error.code === 'rate_limited') {
      setTimeout(() => void this.deliver(o), 3000);
    } else if (ack.error.code !== 'timeout' && ack.error.code !== 'offline') {
      o.failed = ack.error.code === 'conversation_resolved' ? 'Not sent: this conversation has ended' : `Not sent: ${ack.error.message}`;
      this.store.save();
      this.render();
    }
  }

  private async flushOutbox(): Promise<void> {
    for (const o of [...this.state.outbox]) await this.deliver(o);
  }

  private retry(clientMessageId: string): void {
    const o = this.state.outbox.find((x) => x.clientMessageId === clientMessageId);
    if (!o) return;
    if (this.state.status === 'resolved') {
      this.state.outbox = this.state.outbox.filter((x) => x !== o);
      this.textarea.value = o.text;
      this.store.save();
      this.render();
      return;
    }
    o.failed = undefined;
    this.render();
    void this.deliver(o);
  }

  private onInput(): void {
    this.autosize();
    this.render();
    const s = this.state;
    if (!s.conversationId || !this.connected || s.status === 'resolved') return;
    if (!this.typingSent && this.textarea.value.trim()) {
      this.typingSent = true;
      this.socket?.emit('typing', { conversationId: s.conversationId, isTyping: true }, () => undefined);
    }
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (!this.typingSent) return;
    this.typingSent = false;
    if (this.connected && this.state.conversationId) this.socket?.emit('typing', { conversationId: this.state.conversationId, isTyping: false }, () => undefined);
  }

  private autosize(): void {
    this.textarea.style.height = 'auto';
    this.textarea.style.height = `${Math.min(120, this.textarea.scrollHeight)}px`;
  }

  /** Attachments go up first (POST /api/attachments), then travel with the message as ids. */
  private async upload(): Promise<void> {
    const file = this.fileInput.files?.[0];
    this.fileInput.value = '';
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) return this.flash('That file is larger than 10 MB.');
    if (!this.state.conversationId) {
      const ok = this.connected && (await this.openConversation());
      if (!ok) return this.flash('Connect to the chat before attaching a file.');
    }
    this.uploading++;
    this.render();
    try {
      const form = new FormData();
      form.append('file', file);
      form.append('conversationId', this.state.conversationId as string);
      const response = await fetch(`${this.config.server}/api/attachments`, {
        method: 'POST',
        body: form,
        headers: { 'X-Widget-Key': this.config.widgetKey, 'X-Visitor-Token': this.state.visitorToken ?? '' },
      });
      if (response.status === 404) return this.flash('File uploads are not available on this chat yet.');
      const body = await response.json().catch(() => null);
      if (!response.ok || !body?.id) return this.flash(`Upload failed: ${body?.message ?? response.statusText}`);
      this.pendingFiles.push({ id: String(body.id), name: String(body.name ?? file.name), type: String(body.type ?? file.type), size: Number(body.size ?? file.size), url: String(body.url ?? '') });
    } catch {
      this.flash('Upload failed: check your connection.');
    } finally {
      this.uploading--;
      this.render();
      this.textarea.focus();
    }
  }

  private async handoff(button: HTMLButtonElement): Promise<void> {
    const s = this.state;
    if (!s.conversationId) return;
    button.disabled = true;
    const ack = await this.emit<{ status: ConversationStatus; queuePosition?: number; estimatedWaitSeconds?: number }>('handoff:request', { conversationId: s.conversationId });
    button.disabled = false;
    if (!ack.ok) return this.flash(ack.error.message);
    this.setStatus(ack.status);
    if (ack.status === 'queued') s.queue = { position: ack.queuePosition, wait: ack.estimatedWaitSeconds };
    this.store.save();
    this.render();
    this.scrollToEnd(true);
  }

  private async rate(rating: number, comment: string, button: HTMLButtonElement): Promise<void> {
    const s = this.state;
    if (!s.conversationId || !rating) return;
    button.disabled = true;
    const ack = await this.emit('feedback:submit', { conversationId: s.conversationId, rating, ...(comment.trim() ? { comment: comment.trim() } : {}) });
    button.disabled = false;
    if (!ack.ok && ack.error.code !== 'already_rated') return this.flash(ack.error.message);
    s.rated = rating;
    this.store.save();
    this.announce('Thank you for your feedback.');
    this.render();
    this.scrollToEnd(true);
  }

  private async leaveEmail(email: string, button: HTMLButtonElement, error: HTMLElement): Promise<void> {
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
      error.textContent = 'Enter a valid email address.';
      return;
    }
    button.disabled = true;
    const ok = await this.openConversation({ email });
    button.disabled = false;
    if (!ok) {
      error.textContent = 'Could not save your email. Try again in a moment.';
      return;
    }
    this.state.offlineEmail = email;
    this.state.email = this.state.email ?? email;
    this.store.save();
    (this.root.activeElement as HTMLElement | null)?.blur();
    this.announce(`Thanks. We will reply to ${email}.`);
    this.render();
  }

  private startOver(): void {
    this.resetConversation(false);
    this.state.outbox = [];
    this.render();
    void this.openConversation().then(() => this.textarea.focus());
  }

  // ---------- Rendering ----------

  private announce(text: string): void {
    this.live.textContent = '';
    setTimeout(() => (this.live.textContent = text), 60);
  }

  private flash(message: string): void {
    this.notice = message;
    clearTimeout(this.noticeTimer);
    this.noticeTimer = setTimeout(() => { this.notice = null; this.render(); }, 5000);
    this.render();
  }

  private scrollToEnd(force = false): void {
    const b = this.body;
    if (force || this.stick) requestAnimationFrame(() => (b.scrollTop = b.scrollHeight));
  }

  private render(): void {
    const s = this.state;
    // Measured before anything changes: follow new messages only if the visitor was at the bottom.
    const b = this.body;
    this.stick = b.clientHeight === 0 || b.scrollHeight - b.scrollTop - b.clientHeight < 80;
    const status = s.status;
    const unread = s.unread ?? 0;
    this.badge.hidden = s.open || unread === 0;
    this.badge.textContent = unread > 9 ? '9+' : String(unread);
    if (!s.open && unread) this.launcher.setAttribute('aria-label', `Open chat, ${unread} new message${unread > 1 ? 's' : ''}`);

    // Header
    const agent = status === 'assigned' || status === 'resolved' ? s.agent : null;
    const title = agent?.name ?? s.assistantName ?? this.config.title ?? 'Chat with us';
    this.headTitle.textContent = title;
    mount(this.headAvatar, agent ? initials(agent.name) : icon(iSparkles));
    this.headAvatar.setAttribute('data-presence', status === 'resolved' || (this.socket && !this.connected) ? 'off' : status === 'queued' ? 'away' : 'on');
    this.headSub.textContent = !this.connected && this.socket
      ? 'Reconnecting…'
      : status === 'assigned' ? 'Support team · here to help'
        : status === 'queued' ? (s.offline ? 'Our team is offline' : `Waiting for a person${s.queue?.position ? ` · #${s.queue.position} in line` : ''}`)
          : status === 'resolved' ? 'Conversation ended'
            : 'AI assistant · replies instantly';

    if (this.fatal) {
      this.main.hidden = true;
      this.unavailable.hidden = false;
      mount(this.unavailable, icon(iAlert, { size: 'lg' }), h('div', null, this.fatal));
      return;
    }

    // Banner: connection state or a passing notice
    const offlineBanner = this.socket && !this.connected;
    this.banner.hidden = !offlineBanner && !this.notice;
    this.banner.className = `banner${this.notice && !offlineBanner ? ' banner--error' : ''}`;
    if (offlineBanner) mount(this.banner, icon(iWifiOff, { size: 'sm' }), 'You are offline. Reconnecting… Messages will be sent when you are back.');
    else if (this.notice) mount(this.banner, icon(iAlert, { size: 'sm' }), this.notice);

    this.renderLog();

    this.typing.hidden = !this.agentTyping;
    if (this.agentTyping) mount(this.typing, h('span', { class: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i')), `${this.agentTyping} is typing…`);

    this.renderCards();

    // Dock: the way to a person, while the bot has the conversation
    const canHandoff = status === 'bot' && !!s.conversationId;
    this.dock.hidden = !canHandoff;
    if (canHandoff && !this.dock.firstChild) {
      const btn: HTMLButtonElement = h('button', { type: 'button', class: 'handoff', 'data-testid': 'handoff', onclick: () => void this.handoff(btn) }, icon(iHeadset, { size: 'sm' }), 'Talk to a person');
      mount(this.dock, btn);
    }

    // Composer or "ended"
    const needsPrechat = !s.conversationId && this.config.prechat && !s.prechatDone;
    const resolved = status === 'resolved';
    this.composer.hidden = needsPrechat || resolved;
    this.ended.hidden = !resolved;
    if (resolved && !this.ended.firstChild) {
      mount(this.ended, h('span', null, 'This conversation has ended.'), h('button', { type: 'button', class: 'btn btn--ghost', onclick: () => this.startOver() }, icon(iChat, { size: 'sm' }), 'Start a new conversation'));
    } else if (!resolved) this.ended.replaceChildren();
    this.sendButton.disabled = (!this.textarea.value.trim() && !this.pendingFiles.length) || this.uploading > 0;
    this.filesRow.hidden = !this.pendingFiles.length && !this.uploading;
    mount(
      this.filesRow,
      this.pendingFiles.map((f) => h('span', { class: 'pending-file' }, icon(iPaperclip, { size: 'sm' }), h('span', null, f.name),
        h('button', { type: 'button', 'aria-label': `Remove ${f.name}`, onclick: () => { this.pendingFiles = this.pendingFiles.filter((x) => x !== f); this.render(); } }, icon(iX, { size: 'sm' })))),
      this.uploading ? h('span', { class: 'pending-file' }, 'Uploading…') : null,
    );
  }

  private renderLog(): void {
    const s = this.state;
    const assistantName = s.assistantName ?? 'Assistant';
    const wanted: HTMLLIElement[] = [];
    let previous = '';
    const keep = new Set<string>();
    for (const m of s.messages) {
      const who = senderKey(m);
      const continues = who === previous && who !== 'system';
      previous = who;
      const key = `m:${m.id}`;
      const version = `${continues}`;
      keep.add(key);
      let cached = this.nodes.get(key);
      if (!cached || cached.version !== version) {
        cached = { node: messageNode(m, { assistantName, server: this.config.server, continues, loadFile: this.loadFile }), version };
        this.nodes.set(key, cached);
      }
      wanted.push(cached.node);
    }
    for (const o of s.outbox) {
      const key = `o:${o.clientMessageId}`;
      const version = `${this.connected}:${o.failed ?? ''}`;
      keep.add(key);
      let cached = this.nodes.get(key);
      if (!cached || cached.version !== version) {
        const node = outgoingNode(o, this.connected, this.config.server, this.loadFile);
        if (o.failed) node.querySelector('.msg__meta')?.append(' · ', h('button', { type: 'button', class: 'btn btn--link', 'data-retry': o.clientMessageId }, s.status === 'resolved' ? 'Edit' : 'Retry'));
        cached = { node, version };
        this.nodes.set(key, cached);
      }
      wanted.push(cached.node);
    }
    for (const key of [...this.nodes.keys()]) if (!keep.has(key)) this.nodes.delete(key);
    const current = Array.from(this.log.children);
    if (current.length !== wanted.length || current.some((node, i) => node !== wanted[i])) this.log.replaceChildren(...wanted);
  }

  private renderCards(): void {
    const s = this.state;
    const signature = JSON.stringify([!s.conversationId && this.config.prechat && !s.prechatDone, !s.conversationId && this.opening, s.status, s.queue, s.offline, s.offlineEmail, s.rated,
      s.messages.filter((m) => m.sender.type === 'system').length]);
    if (signature === this.cardsSignature) return;
    const focused = this.root.activeElement && this.cards.contains(this.root.activeElement);
    if (focused) return; // never rebuild a form under the visitor's fingers
    this.cardsSignature = signature;
    const cards: HTMLElement[] = [];

    if (!s.conversationId && this.config.prechat && !s.prechatDone) {
      cards.push(this.prechatCard());
    } else if (!s.conversationId && this.opening) {
      cards.push(h('div', { class: 'card card--welcome' }, h('p', { class: 'card__text', style: 'margin:0' }, 'Connecting…')));
    }
    if (s.status === 'queued' && !s.offline) {
      cards.push(
        h('div', { class: 'card card--queue', 'data-testid': 'queue-card' },
          h('div', { class: 'pos', 'aria-hidden': 'true' }, s.queue?.position ? `#${s.queue.position}` : icon(iHeadset)),
          h('div', { style: 'flex:1;min-width:0' },
            h('div', { class: 'card__title' }, s.queue?.position ? `You are #${s.queue.position} in line` : 'Finding someone for you'),
            h('p', { class: 'card__text' }, s.queue?.wait !== undefined ? `Estimated wait: ${waitEstimate(s.queue.wait)}. Stay on this page or come back later: your conversation is kept.` : 'A member of our team will be with you shortly.'),
            h('div', { class: 'progress', 'aria-hidden': 'true' }, h('i')))),
      );
    }
    if (s.offline && s.status !== 'resolved' && s.status !== 'assigned') cards.push(this.offlineCard());
    if (s.status === 'resolved') cards.push(this.ratingCard());
    mount(this.cards, cards);
  }

  private prechatCard(): HTMLElement {
    const s = this.state;
    const name = h('input', { class: 'input', id: 'sb-name', name: 'name', autocomplete: 'name', maxlength: 120, value: s.name ?? '' });
    const email = h('input', { class: 'input', id: 'sb-email', name: 'email', type: 'email', autocomplete: 'email', maxlength: 254, value: s.email ?? '' });
    const error = h('div', { class: 'error', role: 'alert' });
    const form = h('form', { class: 'card card--welcome', 'data-testid': 'prechat', 'aria-label': 'Before we start', novalidate: true },
      h('div', { class: 'card__title' }, 'Hi there!'),
      h('p', { class: 'card__text' }, 'Tell us who you are so we can follow up if we get disconnected. Both fields are optional.'),
      h('div', { class: 'field' }, h('label', { for: 'sb-name' }, 'Name'), name),
      h('div', { class: 'field' }, h('label', { for: 'sb-email' }, 'Email'), email),
      error,
      h('button', { type: 'submit', class: 'btn btn--primary btn--block' }, 'Start chat', icon(iSend, { size: 'sm' })));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const emailValue = email.value.trim();
      if (emailValue && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(emailValue)) {
        error.textContent = 'That email address does not look right.';
        email.focus();
        return;
      }
      s.name = name.value.trim() || undefined;
      s.email = emailValue || undefined;
      s.prechatDone = true;
      this.store.save();
      (this.root.activeElement as HTMLElement | null)?.blur();
      this.render();
      this.textarea.focus();
      if (this.connected) void this.openConversation();
      else this.connect();
    });
    return form;
  }

  private offlineCard(): HTMLElement {
    const s = this.state;
    const offlineText = [...s.messages].reverse().find((m) => m.sender.type === 'system' && (m.kind === 'offline' || OFFLINE_TEXT.test(m.text)))?.text;
    if (s.offlineEmail) {
      return h('div', { class: 'card', 'data-testid': 'offline-card' },
        h('div', { class: 'card__title' }, icon(iCheckCircle), 'We will get back to you'),
        h('p', { class: 'card__text', style: 'margin:0' }, `We will reply to ${s.offlineEmail} as soon as our team is back.`));
    }
    const email = h('input', { class: 'input', id: 'sb-offline-email', type: 'email', autocomplete: 'email', placeholder: 'you@example.com', value: s.email ?? '' });
    const error = h('div', { class: 'error', role: 'alert' });
    const btn = h('button', { type: 'submit', class: 'btn btn--primary' }, 'Notify me');
    const form = h('form', { class: 'card', 'data-testid': 'offline-card', 'aria-label': 'Leave your email', novalidate: true },
      h('div', { class: 'card__title' }, icon(iMail), 'We are away right now'),
      h('p', { class: 'card__text' }, offlineText ? 'Leave your email and we will reply as soon as someone is back.' : 'Our team is offline right now. Leave your email and we will get back to you.'),
      h('label', { for: 'sb-offline-email', class: 'sr' }, 'Your email'),
      h('div', { class: 'row' }, email, btn),
      error);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.leaveEmail(email.value.trim(), btn, error);
    });
    return form;
  }

  private ratingCard(): HTMLElement {
    const s = this.state;
    if (s.rated) {
      return h('div', { class: 'card', 'data-testid': 'rating-thanks' },
        h('div', { class: 'card__title' }, icon(iCheckCircle), 'Thanks for your feedback!'),
        h('p', { class: 'card__text', style: 'margin:0' }, `You rated this conversation ${s.rated} out of 5.`));
    }
    let value = 0;
    const comment = h('textarea', { class: 'textarea', id: 'sb-comment', maxlength: 2000, placeholder: 'Anything we could do better? (optional)' });
    const btn = h('button', { type: 'submit', class: 'btn btn--primary btn--block', disabled: true }, 'Send rating');
    const form = h('form', { class: 'card', 'data-testid': 'rating', 'aria-label': 'Rate this conversation' },
      h('div', { class: 'card__title' }, 'How did we do?'),
      h('p', { class: 'card__text' }, 'Your rating helps us improve.'),
      starRating((v) => {
        value = v;
        btn.disabled = false;
      }),
      h('div', { class: 'field' }, h('label', { for: 'sb-comment' }, 'Comment'), comment),
      btn);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      (this.root.activeElement as HTMLElement | null)?.blur();
      void this.rate(value, comment.value, btn);
    });
    return form;
  }
}
