/**
 * `client()`: a workload node that issues operations one at a time, sends
 * each as a request, and records its invocation and completion in the run's
 * history (for linearizability and the other history checkers).
 */
import { define } from './node';
import type { Context, ErasedNodeSpec, Message, NodeDefinition, NodeId, NodeSpec } from './types';

/** The operation a client issues, and the request that carries it. */
export interface ClientRequest<Req extends Message> {
  /** Operation name in the history: `'read'`, `'write'`, `'deposit'`, … */
  f: string;
  input?: unknown;
  key?: unknown;
  /** The request message. */
  msg: Req;
  /** Server to send it to (default: the servers of `server` in turn). */
  to?: NodeId;
}

/** What a response says about the operation it answers. */
export interface ClientResponse {
  /** The `id` given to `request` for that operation. */
  id: string;
  /** Default `'ok'`. */
  status?: 'ok' | 'fail';
  output?: unknown;
}

/** The behaviour of a client: what to ask, whom, how often, and how to read answers. */
export interface ClientSpec<Req extends Message, Res extends Message> {
  name?: string;
  /** The server(s) requests go to, in turn. */
  server: NodeId | readonly NodeId[];
  /** Number of operations to issue. Default 10. */
  ops?: number;
  /** Pause between the end of one operation and the start of the next. Default 10. */
  every?: number;
  /** An operation without an answer after this long completes as `'info'` (outcome unknown). Default 100. */
  timeout?: number;
  /** Resend the request every `retry` units until answered (at-least-once). Default: never resend. */
  retry?: number;
  /** Operation number `i` (from 0); `id` is unique in the run: put it in the request so the answer can name it. */
  request(i: number, id: string, ctx: Pick<Context, 'random' | 'randomInt' | 'pick' | 'self'>): ClientRequest<Req>;
  /** Reads an answer; return undefined for messages that answer nothing. */
  response(msg: Res): ClientResponse | undefined;
}

/** The state of a client node (visible to properties as `w.state.<client id>`). */
export interface ClientState<Req extends Message = Message> {
  /** Operations issued so far. */
  issued: number;
  /** Operations answered ok or fail. */
  completed: number;
  /** Operations that timed out. */
  timedOut: number;
  /** The outstanding operation (at most one), by id. */
  pending: Map<string, { op: number; msg: Req; to: NodeId }>;
  /** History process name (changes after a timeout: a process has one operation outstanding at a time). */
  process: string;
}

/**
 * Defines a client that issues `ops` operations, one at a time, and records
 * each one's invocation and completion in the run's history.
 *
 * @example
 * const Writer = client<Msg, Msg>({
 *   server: 'kv', ops: 5, timeout: 50,
 *   request: (i, id) => ({ f: 'write', key: 'x', input: i, msg: { type: 'write', id, key: 'x', value: i } }),
 *   response: (msg) => (msg.type === 'write_ok' ? { id: msg.id } : undefined),
 * });
 */
export function client<Req extends Message, Res extends Message = Req>(spec: ClientSpec<Req, Res>): NodeDefinition<ClientState<Req>, Req | Res> {
  const servers = typeof spec.server === 'string' ? [spec.server] : [...spec.server];
  if (servers.length === 0) throw new TypeError('client(): `server` names no node');
  const ops = spec.ops ?? 10;
  const every = spec.every ?? 10;
  const timeout = spec.timeout ?? 100;
  type S = ClientState<Req>;
  type C = Context<Req | Res>;

  const finish = (state: S, ctx: C) => {
    state.pending.clear();
    ctx.cancelTimer('timeout');
    ctx.cancelTimer('retry');
    if (state.issued < ops) ctx.setTimer('issue', every);
  };
  const behaviour: NodeSpec<S, Req | Res> = {
    name: spec.name ?? 'Client',
    init: ({ self }) => ({ issued: 0, completed: 0, timedOut: 0, pending: new Map(), process: self }),
    on: {},
    start: (_state, ctx) => ctx.setTimer('issue', 0),
    timers: {
      issue(state, ctx) {
        if (state.issued >= ops || state.pending.size > 0) return;
        const i = state.issued++;
        const id = `${ctx.self}:${i}`;
        const request = spec.request(i, id, ctx);
        const to = request.to ?? servers[i % servers.length];
        const op = ctx.invoke({ f: request.f, input: request.input, key: request.key, process: state.process, node: to });
        state.pending.set(id, { op, msg: request.msg, to });
        ctx.send(to, request.msg);
        ctx.setTimer('timeout', timeout);
        if (spec.retry !== undefined) ctx.setTimer('retry', spec.retry);
      },
      retry(state, ctx) {
        for (const { msg, to } of state.pending.values()) ctx.send(to, msg);
        if (state.pending.size > 0 && spec.retry !== undefined) ctx.setTimer('retry', spec.retry);
      },
      timeout(state, ctx) {
        for (const { op } of state.pending.values()) ctx.complete(op, 'info');
        state.timedOut++;
        state.process = `${ctx.self}/${state.timedOut}`;
        finish(state, ctx);
      },
    },
  };
  const definition = define(behaviour, 'client');
  const onAny = (state: S, msg: Res, ctx: C) => {
    const answer = spec.response(msg);
    if (!answer) return;
    const pending = state.pending.get(answer.id);
    if (!pending) return; // a late or duplicate answer: the operation is already complete
    ctx.complete(pending.op, answer.status ?? 'ok', answer.output);
    state.completed++;
    finish(state, ctx);
  };
  const erased: ErasedNodeSpec = { ...definition.spec, onAny: onAny as unknown as ErasedNodeSpec['onAny'] };
  return { ...definition, spec: erased };
}
