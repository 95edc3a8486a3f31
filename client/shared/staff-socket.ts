/** The /staff Socket.IO connection the console and the live board share. */
import { io, Socket } from 'socket.io-client';
import { getToken } from './session';
import type { Ack } from './types';

export type StaffSocket = Socket;

export function connectStaff(): StaffSocket {
  return io('/staff', {
    auth: (cb) => cb({ token: getToken() ?? '' }),
    transports: ['websocket', 'polling'],
    reconnectionDelay: 500,
    reconnectionDelayMax: 8000,
  });
}

/** Emits and resolves with the server's ack, or with a timeout error if none comes. */
export async function emitAck<T = Record<string, unknown>>(socket: StaffSocket, event: string, payload: unknown, timeoutMs = 8000): Promise<Ack<T>> {
  try {
    return (await socket.timeout(timeoutMs).emitWithAck(event, payload)) as Ack<T>;
  } catch {
    return { ok: false, error: { code: 'timeout', message: socket.connected ? 'The server did not answer in time' : 'You are offline: reconnecting…' } };
  }
}
