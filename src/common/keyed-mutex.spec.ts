import { KeyedMutex } from './keyed-mutex';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KeyedMutex', () => {
  it('serialises tasks of one key in submission order', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    await Promise.all([
      mutex.run('a', async () => { await sleep(20); order.push('a1'); }),
      mutex.run('a', async () => { order.push('a2'); }),
      mutex.run('a', async () => { await sleep(5); order.push('a3'); }),
    ]);
    expect(order).toEqual(['a1', 'a2', 'a3']);
  });

  it('runs different keys concurrently', async () => {
    const mutex = new KeyedMutex();
    const order: string[] = [];
    await Promise.all([
      mutex.run('a', async () => { await sleep(30); order.push('a'); }),
      mutex.run('b', async () => { order.push('b'); }),
    ]);
    expect(order).toEqual(['b', 'a']);
  });

  it('keeps going after a failed task and forgets idle keys', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('a', async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(mutex.run('a', async () => 42)).resolves.toBe(42);
    await sleep(0);
    expect(mutex.size).toBe(0);
  });
});
