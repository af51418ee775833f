/**
 * The `protocol-notebook` module as the notebook's TypeScript program sees it:
 * an ambient declaration of the API that cells import. It describes the shape
 * cells are written against (nodes with `init`, `on`, `timers`; handlers that
 * talk to the world only through `ctx`), so that names, parameters and types
 * resolve while the user types, without loading the engine itself.
 */
export const protocolApiFileName = '/protocol-notebook.d.ts';

export const protocolApiDeclaration = `declare module 'protocol-notebook' {
  /** A message: plain data with a \`type\` that picks its handler. */
  export interface Message { type: string }

  /** What a handler may do. Every effect on the world goes through here. */
  export interface Context<M extends Message = Message> {
    /** This node's name. */
    readonly self: string;
    /** The simulator's virtual time. */
    now(): number;
    /** Sends \`msg\` to node \`to\`; the network may lose, delay, duplicate or reorder it. */
    send(to: string, msg: M | Message): void;
    /** Sends \`msg\` back to the sender of \`request\`. */
    reply(request: Message, msg: M | Message): void;
    /** Sends \`msg\` to every other node. */
    broadcast(msg: M | Message): void;
    /** Arms the timer \`name\` to fire after \`delay\` units of virtual time. */
    setTimer(name: string, delay: number): void;
    /** Disarms the timer \`name\`. */
    cancelTimer(name: string): void;
    /** A number in [0, 1) from the simulator's seeded random source. */
    random(): number;
    /** Records an externally visible side effect (a charge, an e-mail): checked for exactly-once. */
    effect(kind: string, data?: unknown): void;
    /** Writes a line to the run's log. */
    log(...values: unknown[]): void;
    /** Durable storage: survives a crash of this node. */
    readonly storage: Map<string, unknown>;
  }

  /** A message handler: updates \`state\` in place and talks through \`ctx\`. */
  export type Handler<S, M extends Message> = (state: S, msg: M, ctx: Context<M>) => void;
  /** A timer handler. */
  export type TimerHandler<S, M extends Message> = (state: S, ctx: Context<M>) => void;

  /** A node's definition. */
  export interface NodeSpec<S, M extends Message> {
    name?: string;
    init: () => S;
    on: { [K in M['type']]?: Handler<S, Extract<M, { type: K }>> };
    timers?: Record<string, TimerHandler<S, M>>;
    start?: (state: S, ctx: Context<M>) => void;
    recover?: (state: S, ctx: Context<M>) => void;
  }

  export interface NodeDefinition<S, M extends Message> extends NodeSpec<S, M> { readonly kind: 'node' }

  /** Defines a node: its initial state, its message handlers and its timers. */
  export function node<S, M extends Message = Message>(spec: NodeSpec<S, M>): NodeDefinition<S, M>;

  /** Runs a simulation and returns its trace. */
  export function simulate(config: Record<string, unknown>): unknown;
  export function explore(config: Record<string, unknown>): unknown;
  export function check(config: Record<string, unknown>): unknown;
  export function partition(a: string[], b: string[], when?: { from: number; to: number }): unknown;
  export function crash(node: string, when?: { at: number; restart?: number }): unknown;
  export function always<W = any>(predicate: (world: W) => boolean): unknown;
  export function eventually<W = any>(predicate: (world: W) => boolean): unknown;
}
`;
