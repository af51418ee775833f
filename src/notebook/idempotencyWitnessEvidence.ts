/**
 * What a run proved about its handlers' idempotency, as plain data: the
 * handlers a replayed delivery showed not to be idempotent (with the witness
 * and where the handler is defined), and the handlers whose replayed
 * deliveries all left state, effects and sends unchanged. Read from a run
 * output (the engine's RunResult, as the kernel posts it); no vscode here.
 */
import type { HandlerLocation } from '../common/traceFormat';

/** Where a handler is defined: cell index in the notebook, 0-based line and column in that cell. */
export interface HandlerPlace {
  cell: number;
  line: number;
  column: number;
}

/** A handler a replayed delivery showed not to be idempotent. */
export interface HandlerWitness {
  nodeKind: string;
  msgType: string;
  /** e.g. "delivering `deposit` #17 twice changed `balance` from 10 to 20 — seed 1, t=27". */
  witness: string;
  /** The delivery event that was replayed. */
  event: number;
  place?: HandlerPlace;
}

/** A handler whose replayed deliveries all showed it idempotent. */
export interface HandlerHeldUp {
  nodeKind: string;
  msgType: string;
  replays: number;
  place?: HandlerPlace;
}

export interface RunEvidence {
  seed: number;
  witnesses: HandlerWitness[];
  heldUp: HandlerHeldUp[];
}

interface RunData {
  seed?: unknown;
  idempotency?: unknown;
  idempotencyReplays?: unknown;
  trace?: { handlers?: unknown };
}

/** The evidence of one run output's data; undefined when it is not a run or the check was off. */
export function runEvidenceOf(data: unknown): RunEvidence | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const run = data as RunData;
  const findings = Array.isArray(run.idempotency) ? run.idempotency.filter(isFinding) : [];
  const replays = Array.isArray(run.idempotencyReplays) ? run.idempotencyReplays.filter(isReplays) : [];
  if (findings.length === 0 && replays.length === 0) return undefined;
  const locations = Array.isArray(run.trace?.handlers) ? (run.trace.handlers as unknown[]).filter(isLocation) : [];
  const placeOf = (nodeKind: string, msgType: string): HandlerPlace | undefined => {
    const here = locations.find((l) => l.kind === nodeKind && l.handler === msgType && l.cell !== undefined);
    return here ? { cell: here.cell!, line: here.line, column: here.column } : undefined;
  };
  const withPlace = <T extends { nodeKind: string; msgType: string }>(item: T): T & { place?: HandlerPlace } => {
    const place = placeOf(item.nodeKind, item.msgType);
    return place ? { ...item, place } : item;
  };
  return {
    seed: typeof run.seed === 'number' ? run.seed : 0,
    witnesses: findings.map((f) => withPlace({ nodeKind: f.nodeKind, msgType: f.msgType, witness: f.witness, event: f.event })),
    heldUp: replays.filter((r) => r.idempotent && r.replays > 0).map((r) => withPlace({ nodeKind: r.nodeKind, msgType: r.msgType, replays: r.replays })),
  };
}

/** What a hint says about the run that contradicts a static warning. */
export function heldUpNote(seed: number, replays: number): string {
  return `the run with seed ${seed} replayed ${replays} ${replays === 1 ? 'delivery' : 'deliveries'} twice and saw no change`;
}

function isFinding(value: unknown): value is { nodeKind: string; msgType: string; witness: string; event: number } {
  const f = value as Record<string, unknown> | null;
  return !!f && typeof f.nodeKind === 'string' && typeof f.msgType === 'string' && typeof f.witness === 'string' && typeof f.event === 'number';
}

function isReplays(value: unknown): value is { nodeKind: string; msgType: string; replays: number; idempotent: boolean } {
  const r = value as Record<string, unknown> | null;
  return !!r && typeof r.nodeKind === 'string' && typeof r.msgType === 'string' && typeof r.replays === 'number' && typeof r.idempotent === 'boolean';
}

function isLocation(value: unknown): value is HandlerLocation {
  const l = value as Record<string, unknown> | null;
  return !!l && typeof l.kind === 'string' && typeof l.handler === 'string' && typeof l.line === 'number' && typeof l.column === 'number';
}
