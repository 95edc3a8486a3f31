/**
 * The baseline: a bare Socket.IO server that relays customer → agent messages through rooms, with
 * the hub's event names, payload shapes and ack pattern, and nothing else — no persistence, no
 * validation pipe, no auth beyond naming the agent, no rate limiter, ids and seqs in memory.
 *
 * Fair on purpose: same socket.io version and server options as the hub's gateways (Nest's
 * IoAdapter attaches `new Server(httpServer, {cors})` to an HTTP server on port 0), same rooms
 * (`conv:<id>` for both sides, `agent:<id>` for assignments), `message:new` to the customer's room on
 * both namespaces exactly like SocketPushListener.onMessage, and the `{ok: true, message}` ack.
 *
 *   node -r ts-node/register/transpile-only bench/bare-relay.ts   → prints BENCH_READY {"port"}
 *
 * Namespace /customer (handshake auth ignored): `conversation:open`, `handoff:request`, `message:send`.
 * Namespace /staff (handshake `auth: {agentId, name?}`): `agent:status`.
 */
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Server, Socket } from 'socket.io';
import { announceReady, serveBenchChild } from './lib/child-ipc';

type Ack = (response: unknown) => void;

interface RelayConversation {
  id: string;
  ownerSocketId: string;
  visitorName: string | null;
  seq: number;
  status: 'bot' | 'assigned';
  agentId: string | null;
}

interface RelayAgent {
  id: string;
  name: string;
  sockets: number;
  online: boolean;
  active: number;
  lastAssignedAt: number;
}

const fail = (ack: unknown, code: string, message: string) => {
  if (typeof ack === 'function') (ack as Ack)({ ok: false, error: { code, message } });
};

export async function startBareRelay(port = 0, host = '127.0.0.1'): Promise<{ port: number; close(): Promise<void> }> {
  const httpServer = http.createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const io = new Server(httpServer, { cors: { origin: true } });
  const customers = io.of('/customer');
  const staff = io.of('/staff');
  const conversations = new Map<string, RelayConversation>();
  const agents = new Map<string, RelayAgent>();

  staff.use((socket, next) => {
    const { agentId, name } = (socket.handshake.auth ?? {}) as { agentId?: unknown; name?: unknown };
    if (typeof agentId !== 'string' || !agentId) return next(new Error('auth.agentId required'));
    socket.data.agentId = agentId;
    let agent = agents.get(agentId);
    if (!agent) agents.set(agentId, (agent = { id: agentId, name: typeof name === 'string' ? name : agentId, sockets: 0, online: false, active: 0, lastAssignedAt: Date.now() }));
    next();
  });

  staff.on('connection', (socket: Socket) => {
    const agent = agents.get(socket.data.agentId as string) as RelayAgent;
    agent.sockets += 1;
    void socket.join(`agent:${agent.id}`);
    socket.on('agent:status', (dto: { status?: string }, ack: Ack) => {
      if (dto?.status !== 'online' && dto?.status !== 'offline') return fail(ack, 'validation_failed', "status must be 'online' or 'offline'");
      agent.online = dto.status === 'online';
      if (agent.online) agent.lastAssignedAt = Date.now();
      ack({ ok: true, status: dto.status, workedSecondsToday: 0 });
    });
    socket.on('disconnect', () => {
      agent.sockets -= 1;
      if (agent.sockets === 0) agent.online = false;
    });
  });

  customers.on('connection', (socket: Socket) => {
    socket.on('conversation:open', (dto: { name?: string }, ack: Ack) => {
      const conversation: RelayConversation = { id: randomUUID(), ownerSocketId: socket.id, visitorName: dto?.name ?? null, seq: 0, status: 'bot', agentId: null };
      conversations.set(conversation.id, conversation);
      void socket.join(`conv:${conversation.id}`);
      ack({ ok: true, conversationId: conversation.id, status: conversation.status, messages: [], lastSeq: 0 });
    });

    socket.on('handoff:request', (dto: { conversationId?: string }, ack: Ack) => {
      const conversation = conversations.get(dto?.conversationId ?? '');
      if (!conversation || conversation.ownerSocketId !== socket.id) return fail(ack, 'not_found', 'Conversation not found');
      if (conversation.status === 'bot') {
        // Fewest active conversations, then longest idle — the hub's routing rule, in memory.
        let best: RelayAgent | null = null;
        for (const a of agents.values()) {
          if (!a.online) continue;
          if (!best || a.active < best.active || (a.active === best.active && a.lastAssignedAt < best.lastAssignedAt)) best = a;
        }
        if (best) {
          best.active += 1;
          best.lastAssignedAt = Date.now();
          Object.assign(conversation, { status: 'assigned', agentId: best.id });
          const room = `conv:${conversation.id}`;
          staff.in(`agent:${best.id}`).socketsJoin(room);
          staff.to(`agent:${best.id}`).emit('conversation:assigned', {
            conversation: { id: conversation.id, status: 'assigned', assignedAgentId: best.id, visitorName: conversation.visitorName },
            messages: [], escalation: { reason: 'customer_request', confidence: null },
          });
          customers.to(room).emit('conversation:updated', { conversationId: conversation.id, status: 'assigned', agent: { id: best.id, name: best.name } });
        }
      }
      ack({ ok: true, status: conversation.status === 'assigned' ? 'assigned' : 'queued' });
    });

    socket.on('message:send', (dto: { conversationId?: string; clientMessageId?: string; text?: string }, ack: Ack) => {
      const conversation = conversations.get(dto?.conversationId ?? '');
      if (!conversation || conversation.ownerSocketId !== socket.id) return fail(ack, 'not_found', 'Conversation not found');
      if (typeof dto.text !== 'string' || !dto.text) return fail(ack, 'validation_failed', 'text is required');
      conversation.seq += 1;
      const message = {
        id: randomUUID(), conversationId: conversation.id, seq: conversation.seq,
        sender: { type: 'customer', ...(conversation.visitorName ? { name: conversation.visitorName } : {}) },
        text: dto.text, createdAt: new Date().toISOString(), ...(dto.clientMessageId ? { clientMessageId: dto.clientMessageId } : {}),
      };
      const room = `conv:${conversation.id}`;
      customers.to(room).emit('message:new', message);
      staff.to(room).emit('message:new', message);
      ack({ ok: true, message, duplicate: false });
    });
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  return {
    port: (httpServer.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => io.close(() => resolve())),
  };
}

if (require.main === module) {
  let relay: { port: number; close(): Promise<void> } | null = null;
  serveBenchChild('bare', async () => {
    if (relay) await relay.close();
  });
  startBareRelay().then(
    (started) => {
      relay = started;
      announceReady({ port: started.port, pid: process.pid });
    },
    (error) => {
      process.stderr.write(`[bare] failed to start: ${(error as Error).stack ?? error}\n`);
      process.exit(1);
    },
  );
}
