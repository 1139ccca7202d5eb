import { PositionWatch } from './position-watch';

describe('PositionWatch', () => {
  it('wakes waiters and listeners when a reset moves it forward (a resubscription from a checkpoint a swap moved on)', async () => {
    const watch = new PositionWatch();
    watch.advance(10);
    const heard: number[] = [];
    watch.onAdvance((p) => heard.push(p));
    const waiting = watch.waitFor(20, 60_000);
    watch.reset(25);
    await expect(waiting).resolves.toBe(true);
    expect(heard).toEqual([25]);
    expect(watch.position).toBe(25);
  });

  it('only moves the mark back on a backward reset: waiters above it keep waiting, listeners are not called', async () => {
    const watch = new PositionWatch();
    watch.advance(30);
    const heard: number[] = [];
    watch.onAdvance((p) => heard.push(p));
    watch.reset(12);
    expect(watch.position).toBe(12);
    const waiting = watch.waitFor(20, 60_000);
    let settled = false;
    void waiting.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    watch.advance(20);
    await expect(waiting).resolves.toBe(true);
    expect(heard).toEqual([20]);
  });
});
