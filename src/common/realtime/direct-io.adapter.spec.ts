import { Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import { of } from 'rxjs';
import { DirectIoAdapter } from './direct-io.adapter';

type Handler = (...args: unknown[]) => void;

function bind(callback: (data: unknown, ack?: unknown) => unknown, isAckHandledManually = false) {
  const socket = Object.assign(new EventEmitter(), { sent: [] as unknown[][] });
  const adapter = new DirectIoAdapter();
  adapter.bindMessageHandlers(socket as never, [{ message: 'ping', callback: callback as never, methodName: 'ping', isAckHandledManually }], (() => undefined) as never);
  const fire = (...args: unknown[]) => (socket.listeners('ping')[0] as Handler)(...args);
  return { socket, fire };
}
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('DirectIoAdapter', () => {
  it("answers the client's ack with the handler's result, payload and ack split as Nest does", async () => {
    const seen: unknown[] = [];
    const { fire } = bind(async (data) => { seen.push(data); return { ok: true, echo: data }; });
    const ack = jest.fn();
    fire({ text: 'hi' }, ack);
    await settle();
    expect(seen).toEqual([{ text: 'hi' }]);
    expect(ack).toHaveBeenCalledWith({ ok: true, echo: { text: 'hi' } });
  });

  it('passes several arguments as an array and an ack-only event as no data', async () => {
    const seen: unknown[] = [];
    const { fire } = bind((data) => { seen.push(data); return {}; });
    fire('a', 'b', jest.fn());
    fire(jest.fn());
    await settle();
    expect(seen).toEqual([['a', 'b'], undefined]);
  });

  it('emits a result that names an event, sends nothing for null, and leaves a manual ack alone', async () => {
    const { socket, fire } = bind(async (data) => (data === 'event' ? { event: 'pong', data: 1 } : data === 'null' ? null : { ok: true }));
    const emitted = jest.spyOn(socket, 'emit');
    const ack = jest.fn();
    fire('event', ack);
    fire('null', ack);
    await settle();
    expect(emitted).toHaveBeenCalledWith('pong', 1);
    expect(ack).not.toHaveBeenCalled();
    const manual = bind(() => ({ ok: true }), true);
    manual.fire('x', ack);
    await settle();
    expect(ack).not.toHaveBeenCalled();
  });

  it('takes an Observable result too', async () => {
    const { fire } = bind(() => of({ ok: true, n: 2 }));
    const ack = jest.fn();
    fire({}, ack);
    await settle();
    expect(ack).toHaveBeenCalledWith({ ok: true, n: 2 });
  });

  it('logs a handler that throws instead of crashing the process', async () => {
    const log = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const { fire } = bind(async () => { throw new Error('boom'); });
    fire({}, jest.fn());
    const sync = bind(() => { throw new Error('sync boom'); });
    expect(() => sync.fire({}, jest.fn())).not.toThrow();
    await settle();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ping: Error: boom'));
    expect(log).toHaveBeenCalledWith(expect.stringContaining('ping: Error: sync boom'));
    log.mockRestore();
  });
});
