import { RollupBuffer } from './rollup-buffer';

const Q = 15 * 60 * 1000;

describe('RollupBuffer', () => {
  it('sums increments of the same company, metric, slot and dimension', () => {
    const buffer = new RollupBuffer();
    buffer.add('c1', 'messages', Q, 'customer');
    buffer.add('c1', 'messages', Q, 'customer', 2);
    buffer.add('c1', 'messages', Q, 'bot');
    buffer.add('c1', 'messages', 2 * Q, 'customer');
    buffer.add('c2', 'messages', Q, 'customer');
    buffer.add('c1', 'handled', Q, 'customer');
    expect(buffer.size).toBe(5);
    expect(buffer.take()).toEqual([
      { companyId: 'c1', metric: 'messages', slot: Q, dimension: 'customer', by: 3 },
      { companyId: 'c1', metric: 'messages', slot: Q, dimension: 'bot', by: 1 },
      { companyId: 'c1', metric: 'messages', slot: 2 * Q, dimension: 'customer', by: 1 },
      { companyId: 'c2', metric: 'messages', slot: Q, dimension: 'customer', by: 1 },
      { companyId: 'c1', metric: 'handled', slot: Q, dimension: 'customer', by: 1 },
    ]);
  });

  it('take empties the buffer, and later increments do not change what was taken', () => {
    const buffer = new RollupBuffer();
    buffer.add('c1', 'messages', Q, 'customer');
    const taken = buffer.take();
    expect(buffer.size).toBe(0);
    buffer.add('c1', 'messages', Q, 'customer');
    expect(taken).toEqual([{ companyId: 'c1', metric: 'messages', slot: Q, dimension: 'customer', by: 1 }]);
    expect(buffer.take()).toEqual([{ companyId: 'c1', metric: 'messages', slot: Q, dimension: 'customer', by: 1 }]);
    expect(buffer.take()).toEqual([]);
  });

  it('puts back a failed write, summed with what arrived meanwhile', () => {
    const buffer = new RollupBuffer();
    buffer.add('c1', 'messages', Q, 'customer', 2);
    buffer.add('c1', 'messages', Q, 'bot');
    const failed = buffer.take();
    buffer.add('c1', 'messages', Q, 'customer');
    buffer.putBack(failed);
    expect(buffer.take()).toEqual([
      { companyId: 'c1', metric: 'messages', slot: Q, dimension: 'customer', by: 3 },
      { companyId: 'c1', metric: 'messages', slot: Q, dimension: 'bot', by: 1 },
    ]);
  });
});
