/**
 * The history of client operations of a world: invocations and completions
 * recorded by `ctx.invoke` and `ctx.complete`, in the shape the history
 * checkers read (`HistoryOperation`).
 */
import type { HistoryOperation } from '../../common/history';
import { encodeValue } from '../../common/valueEncoding';
import type { Operation, OperationStatus } from '../api/types';

export class HistoryLog {
  readonly operations: HistoryOperation[] = [];
  /** Operations by the id `ctx.invoke` returned. */
  private readonly byId = new Map<number, HistoryOperation>();

  /** Records an invocation by `process` at time `t`, event `event`. */
  invoke(id: number, process: string, operation: Operation, t: number, event: number): HistoryOperation {
    const { f, input, key, node } = operation;
    const op: HistoryOperation = { process: operation.process ?? process, f, ...(typeof node === 'string' ? { node } : {}), ...(key === undefined ? {} : { key: encodeValue(key) }), input: encodeValue(input ?? null), call: t, status: 'info', callEvent: event };
    this.operations.push(op);
    this.byId.set(id, op);
    return op;
  }

  /** The open operation `id`, or undefined when it is unknown or already complete. */
  open(id: number): HistoryOperation | undefined {
    const op = this.byId.get(id);
    return op && op.return === undefined ? op : undefined;
  }

  /** Records the completion of operation `op` (from `open`). */
  complete(op: HistoryOperation, status: OperationStatus, output: unknown, t: number, event: number): void {
    op.status = status;
    if (output !== undefined) op.output = encodeValue(output);
    op.return = t;
    op.returnEvent = event;
  }

  /** Copies `from`'s operations into this (empty) log: operations are mutable until complete, so each is copied. */
  copyFrom(from: HistoryLog): void {
    const copies = new Map<HistoryOperation, HistoryOperation>();
    for (const op of from.operations) {
      const copy = { ...op };
      copies.set(op, copy);
      this.operations.push(copy);
    }
    for (const [id, op] of from.byId) this.byId.set(id, copies.get(op) as HistoryOperation);
  }
}
