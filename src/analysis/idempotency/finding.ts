/** What the idempotency analysis reports: plain data, positions in cells. */
import type { CellRange, CellTextRange } from '../cellMap';

/** The diagnostic code of every finding. */
export const nonIdempotentHandlerCode = 'non-idempotent-handler';

/** Which rule a finding comes from: what kind of expression a duplicate would repeat. */
export type IdempotencyRule =
  /** `state.x += …`, `-=`, `*=` … */
  | 'compound-assignment'
  /** `state.x++`, `--state.x` */
  | 'increment'
  /** `state.x = state.x + …`, `state.on = !state.on`, `state.xs = [...state.xs, v]` */
  | 'self-derived-assignment'
  /** `push`, `unshift`, `splice`, `pop`, `shift` on an array in state, or `xs[xs.length] = v` */
  | 'array-mutation'
  /** `state.m.set(k, f(state.m.get(k)))` */
  | 'map-set-derived'
  /** `ctx.effect(…)` with no deduplication guard */
  | 'unguarded-effect'
  /** a send whose content is fresh on every delivery (random ids, the time) */
  | 'fresh-send'
  /** `ctx.random()` or the time stored into state */
  | 'nondeterministic-state'
  /** `ctx.setTimer(…)` with no guard: a late duplicate re-arms it relative to its own time */
  | 'timer-rearm'
  /** a reply behind a deduplication guard: a duplicate (a retry) is not answered */
  | 'dropped-reply'
  /** a guard whose duplicate branch answers with another message type than the first delivery's */
  | 'different-reply'
  /** a reply computed from state before the handler changed it (`cas`): a duplicate is answered differently */
  | 'state-dependent-reply';

/** The handler a finding is in. */
export interface HandlerRef {
  /** The node's name: its `name` field, or the variable it is assigned to. */
  nodeName: string;
  /** The message type the handler is for (its key in `on`). */
  messageType: string;
}

/** Further places that explain a finding (the handler, a helper's expression). */
export interface RelatedLocation {
  location: CellRange;
  message: string;
}

/** One expression that a duplicate delivery would apply twice. */
export interface IdempotencyFinding {
  cellIndex: number;
  /** The expression, in its cell. */
  range: CellTextRange;
  /** What a duplicate would do, e.g. "a duplicate `deposit` adds `msg.amount` to `balance` again". */
  message: string;
  code: typeof nonIdempotentHandlerCode;
  nodeKind: IdempotencyRule;
  handler: HandlerRef;
  /** The handler's name in `on: { … }`. */
  handlerRange: CellRange;
  /** The handler, then (for findings reached through helpers) the expression inside the helper. */
  related: RelatedLocation[];
}
