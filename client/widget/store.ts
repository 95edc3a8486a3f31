/**
 * What the widget remembers across reloads, per widget key, in the host page's localStorage:
 * the visitor token, the conversation, its recent history and the messages not yet acknowledged.
 */
import type { Attachment, ConversationStatus, MessageView } from '../shared/types';

export interface Outgoing {
  clientMessageId: string;
  text: string;
  attachments?: Attachment[];
  createdAt: string;
  failed?: string;
}

export interface WidgetState {
  visitorToken?: string;
  conversationId?: string;
  status?: ConversationStatus;
  messages: MessageView[];
  outbox: Outgoing[];
  assistantName?: string;
  agent?: { id: string; name: string } | null;
  queue?: { position?: number; wait?: number } | null;
  rated?: number;
  prechatDone?: boolean;
  name?: string;
  email?: string;
  offlineEmail?: string;
  offline?: boolean;
  open?: boolean;
  unread?: number;
}

const HISTORY_KEPT = 150;

export class Store {
  private readonly key: string;
  private memory: WidgetState | null = null;

  constructor(widgetKey: string) {
    this.key = `switchboard:${widgetKey}`;
  }

  load(): WidgetState {
    if (this.memory) return this.memory;
    let state: WidgetState = { messages: [], outbox: [] };
    try {
      const raw = localStorage.getItem(this.key);
      if (raw) state = { ...state, ...JSON.parse(raw) };
    } catch {
      /* blocked or corrupt storage: start fresh, in memory */
    }
    if (!Array.isArray(state.messages)) state.messages = [];
    if (!Array.isArray(state.outbox)) state.outbox = [];
    this.memory = state;
    return state;
  }

  save(): void {
    if (!this.memory) return;
    const state = { ...this.memory, messages: this.memory.messages.slice(-HISTORY_KEPT) };
    try {
      localStorage.setItem(this.key, JSON.stringify(state));
    } catch {
      /* storage full or blocked: the widget still works for this page view */
    }
  }
}

/** Merges messages by id, keeps them in seq order, and drops outgoing ones the server has stored. */
export function mergeMessages(state: WidgetState, incoming: MessageView[]): MessageView[] {
  const fresh: MessageView[] = [];
  const byId = new Map(state.messages.map((m) => [m.id, m]));
  for (const m of incoming) {
    if (!m || m.conversationId !== state.conversationId) continue;
    if (!byId.has(m.id)) fresh.push(m);
    byId.set(m.id, m);
  }
  state.messages = [...byId.values()].sort((a, b) => a.seq - b.seq);
  const stored = new Set(state.messages.map((m) => m.clientMessageId).filter(Boolean));
  state.outbox = state.outbox.filter((o) => !stored.has(o.clientMessageId));
  return fresh;
}

export function lastSeq(state: WidgetState): number {
  return state.messages.length ? state.messages[state.messages.length - 1].seq : 0;
}
