import { turnOfEventLoop } from './turn-of-event-loop';

describe('turnOfEventLoop, the pause of a long catch-up', () => {
  it('lets work already waiting on the event loop run before the catch-up goes on', async () => {
    const order: string[] = [];
    setImmediate(() => order.push('waiting work'));
    await turnOfEventLoop();
    order.push('catch-up');
    expect(order).toEqual(['waiting work', 'catch-up']);
  });
});
