import { describe, expect, it } from 'vitest';
import { LatestValueChannel, NOTHING_NEW } from './latest-value-channel.js';

describe('LatestValueChannel lazy values', () => {
  it('builds a lazy value only when the consumer takes it, once for many publishes', async () => {
    const channel = new LatestValueChannel<number>();
    let built = 0;
    for (let i = 1; i <= 100; i++) {
      const n = i;
      channel.publishLazy(() => {
        built++;
        return n;
      });
    }
    expect(built).toBe(0);
    expect(await channel.next()).toEqual({ done: false, value: 100 });
    expect(built).toBe(1);
  });

  it('hands a waiting consumer the value in the same turn it is published', async () => {
    const channel = new LatestValueChannel<string>();
    const next = channel.next();
    channel.publishLazy(() => 'a');
    expect(await next).toEqual({ done: false, value: 'a' });
  });

  it('keeps waiting when the lazy value turns out unchanged', async () => {
    const channel = new LatestValueChannel<string>();
    const next = channel.next();
    channel.publishLazy(() => NOTHING_NEW);
    await Promise.resolve();
    channel.publish('b');
    expect(await next).toEqual({ done: false, value: 'b' });
  });

  it('flush builds the pending value so that it comes before what is published next', async () => {
    const channel = new LatestValueChannel<string>();
    channel.publishLazy(() => 'partial');
    channel.flush();
    channel.close();
    expect(await channel.next()).toEqual({ done: false, value: 'partial' });
    expect(await channel.next()).toEqual({ done: true, value: undefined });
  });

  it('drops a pending lazy value on cancel without building it', async () => {
    const channel = new LatestValueChannel<string>();
    let built = false;
    channel.publishLazy(() => {
      built = true;
      return 'x';
    });
    channel.cancel();
    expect(await channel.next()).toEqual({ done: true, value: undefined });
    expect(built).toBe(false);
  });
});
