/**
 * Static warnings meet run evidence: a static finding on a handler that a run
 * exercised (replayed deliveries twice) and found idempotent is downgraded to
 * a hint that says so — the analysis over-approximates (a monotone update, a
 * guard it does not recognise), the run is a concrete observation. A handler
 * any run showed not to be idempotent keeps its warning. Plain function.
 */
import type { IdempotencyFinding } from '../analysis/idempotency/finding';
import { heldUpNote, type HandlerPlace, type RunEvidence } from './idempotencyWitnessEvidence';

export interface RankedFinding {
  finding: IdempotencyFinding;
  severity: 'warning' | 'hint';
  /** The finding's message, with the run's evidence appended for a hint. */
  message: string;
}

interface HandlerEvidence {
  nodeKind: string;
  msgType: string;
  place?: HandlerPlace;
}

/** True when a run's handler is the one a static finding is in: same cell and line when the run knows where it is, else the same names. */
export function isSameHandler(finding: IdempotencyFinding, evidence: HandlerEvidence): boolean {
  if (evidence.msgType !== finding.handler.messageType) return false;
  if (evidence.place) return evidence.place.cell === finding.handlerRange.cellIndex && evidence.place.line === finding.handlerRange.range.start.line;
  return evidence.nodeKind === finding.handler.nodeName;
}

/** Each static finding with the severity the runs' evidence gives it. `runs` are the current evidence of every run of the notebook. */
export function rankFindings(findings: readonly IdempotencyFinding[], runs: readonly RunEvidence[]): RankedFinding[] {
  return findings.map((finding) => {
    const refuted = runs.some((run) => run.witnesses.some((w) => isSameHandler(finding, w)));
    let best: { seed: number; replays: number } | undefined;
    if (!refuted) {
      for (const run of runs) {
        for (const held of run.heldUp) {
          if (isSameHandler(finding, held) && (!best || held.replays > best.replays)) best = { seed: run.seed, replays: held.replays };
        }
      }
    }
    if (!best) return { finding, severity: 'warning', message: finding.message };
    return { finding, severity: 'hint', message: `${finding.message} (but ${heldUpNote(best.seed, best.replays)})` };
  });
}
