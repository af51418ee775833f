/**
 * The notebook analysis as a service: plain-data requests and responses, so
 * that it can run off the editor's thread (see analysisWorker.ts) and be
 * tested without one. One warm notebook program per notebook, kept between
 * requests; every request carries the notebook's current code cells.
 */
import type { CellRange, ProgramCell } from './cellMap';
import type { IdempotencyFinding } from './idempotency/finding';
import { idempotencyFindings } from './idempotency/idempotencyFindings';
import { dedupeFix } from './idempotency/dedupeFix';
import { type CellEdit, ignoreHandlerEdits } from './idempotency/quickFixEdits';
import { answerLanguageFeatureQuery, type LanguageFeatureAnswer, type LanguageFeatureQuery } from './languageFeatures';
import { createNotebookProgram, type NotebookProgram } from './notebookProgram';

/** Which quick fix to build: deduplicate with the record in the node's state or in `ctx.durable`, or mark the handler idempotent. */
export type QuickFixKind = 'dedupe-in-memory' | 'dedupe-durably' | 'ignore-handler';

export type AnalysisRequest =
  | { id: number; kind: 'findings'; notebook: string; cells: ProgramCell[] }
  | { id: number; kind: 'quick-fix'; notebook: string; cells: ProgramCell[]; handlerRange: CellRange; fix: QuickFixKind }
  | { id: number; kind: 'language-feature'; notebook: string; cells: ProgramCell[]; query: LanguageFeatureQuery }
  | { id: number; kind: 'close'; notebook: string };

export type AnalysisResponse =
  | { id: number; kind: 'findings'; findings: IdempotencyFinding[] }
  /** `unavailable` says why there is no such fix (then `edits` is empty). */
  | { id: number; kind: 'quick-fix'; edits: CellEdit[]; unavailable?: string }
  | { id: number; kind: 'language-feature'; answer: LanguageFeatureAnswer }
  | { id: number; kind: 'closed' }
  | { id: number; kind: 'error'; message: string };

/** The programs of the notebooks a service has seen, by notebook key. */
export type AnalysisPrograms = Map<string, NotebookProgram>;

/** Answers one request, creating or updating the notebook's program as needed. */
export function answerAnalysisRequest(programs: AnalysisPrograms, request: AnalysisRequest): AnalysisResponse {
  try {
    if (request.kind === 'close') {
      programs.get(request.notebook)?.dispose();
      programs.delete(request.notebook);
      return { id: request.id, kind: 'closed' };
    }
    let program = programs.get(request.notebook);
    if (!program) programs.set(request.notebook, (program = createNotebookProgram()));
    program.update(request.cells);
    if (request.kind === 'findings') return { id: request.id, kind: 'findings', findings: idempotencyFindings(program) };
    if (request.kind === 'language-feature') return { id: request.id, kind: 'language-feature', answer: answerLanguageFeatureQuery(program, request.query) };
    if (request.fix === 'ignore-handler') return { id: request.id, kind: 'quick-fix', edits: ignoreHandlerEdits(program, request.handlerRange) ?? [] };
    const fix = dedupeFix(program, request.handlerRange, request.fix === 'dedupe-durably' ? 'durable' : 'memory');
    if (fix && 'unavailable' in fix) return { id: request.id, kind: 'quick-fix', edits: [], unavailable: fix.unavailable };
    return { id: request.id, kind: 'quick-fix', edits: fix?.edits ?? [] };
  } catch (error) {
    return { id: request.id, kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}
