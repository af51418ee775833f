/** A test node that sends a list of messages to `server`, one every 10 time units, and ignores what comes back. */
import * as engine from '../../../src/api/index';

export function sendingDriver(messages: readonly engine.Message[]): engine.NodeDefinition {
  return engine.node<{ next: number }, engine.Message>({
    name: 'Driver',
    init: () => ({ next: 0 }),
    on: {},
    start(_state, ctx) {
      ctx.setTimer('send', 1);
    },
    timers: {
      send(state, ctx) {
        if (state.next >= messages.length) return;
        ctx.send('server', messages[state.next++]);
        ctx.setTimer('send', 10);
      },
    },
  }) as unknown as engine.NodeDefinition;
}
