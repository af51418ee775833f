/**
 * Operation histories: what clients asked of a system and what they were told.
 * Recorded by the simulator's workload clients, read from Jepsen/Porcupine
 * logs, and checked by the history checkers (linearizability, workloads).
 */
import type { JsonValue } from './traceFormat';

export interface HistoryOperation {
  /** The client (process) that issued the operation; a process has at most one operation outstanding. */
  process: string;
  /** Operation name: 'read' | 'write' | 'cas' | 'add' | 'append' | … */
  f: string;
  /**
   * The server node that handled the operation, when known (a workload client
   * bound to one node). The broadcast and counter checkers take each node's
   * final read by it, falling back to `process`.
   */
  node?: string;
  /** For key–value histories: the key, so checkers can split the history per key. */
  key?: JsonValue;
  /** The operation's argument(s). */
  input: JsonValue;
  /** What the system answered, when the operation completed with status 'ok'. */
  output?: JsonValue;
  /** Invocation time. */
  call: number;
  /** Completion time; absent when the client never heard back. */
  return?: number;
  /**
   * ok: completed, took effect, `output` holds the answer.
   * fail: definitely did not take effect.
   * info: unknown (timed out or the client crashed): it may or may not have taken effect, at any time after `call`.
   */
  status: 'ok' | 'fail' | 'info';
  /** Trace event indexes of the invocation and completion, when recorded from a simulation. */
  callEvent?: number;
  returnEvent?: number;
}

export type History = HistoryOperation[];
