/**
 * What `File > New File… > Protocol Notebook` starts from: a short notebook
 * that runs as it is (two nodes and a simulation) and shows the shape of one.
 */
export const newNotebookTemplate = `# A new protocol

Prose goes in Markdown cells; the protocol goes in \`\`\`ts cells. Run a cell with
the ▷ button (or Shift+Enter): a run is drawn as a sequence chart with each
property's verdict, and the same seed always gives the same run.

\`\`\`ts
import { node, simulate, always } from 'protocol-notebook';

type Msg = { type: 'ping'; n: number } | { type: 'pong'; n: number };

/** Sends one ping when it starts and counts the pongs that come back. */
const Pinger = node<{ pongs: number }, Msg>({
  init: () => ({ pongs: 0 }),
  start(_state, ctx) {
    ctx.send('ponger', { type: 'ping', n: 1 });
  },
  on: {
    pong(state) {
      state.pongs += 1;
    },
  },
});

/** Answers every ping with a pong. */
const Ponger = node<{ pings: number }, Msg>({
  init: () => ({ pings: 0 }),
  on: {
    ping(state, msg, ctx) {
      state.pings += 1;
      ctx.reply(msg, { type: 'pong', n: msg.n });
    },
  },
});
\`\`\`

The network below duplicates one message in five. Can the pinger ever count
more pongs than the pings it sent? Change the seed or the fault knobs and run
it again.

\`\`\`ts
simulate({
  nodes: { pinger: Pinger, ponger: Ponger },
  network: { latency: [1, 10], duplicate: 0.2 },
  properties: {
    'at most one pong per ping sent': always<{ pinger: { pongs: number } }>((w) => w.state.pinger.pongs <= 1),
  },
  seed: 1,
  until: 100,
});
\`\`\`
`;
