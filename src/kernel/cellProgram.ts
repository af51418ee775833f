/**
 * The notebook as one program: cells run in order in one sandbox context, and
 * a cell sees the declarations of the cells above it. The program remembers
 * which cells (id and source) ran in its context; asked to run cell k, it
 * first runs the cells above k that have not run yet, and when what ran is
 * not the start of the cells above k (a re-run, or an edit above) it starts a
 * fresh context and replays all of them. So a cell's result always equals
 * running the notebook from the top.
 */
import type * as vm from 'node:vm';
import { formatWithOptions } from 'node:util';
import { MIME, type CellError, type CellOutput, type CellResult, type KernelCell } from '../common/kernelMessages';
import type { HandlerLocation } from '../common/traceFormat';
import { compileCell, CellCompileError, type CompiledCell } from './compileCell';
import { FAST_BUILTINS } from './fastBuiltins';
import { kernelThrownInfo, toCellError, type ScriptRecord } from './cellErrors';
import { isRunResult, shownValue, toCellOutputs, type RunOutputData } from './cellOutputs';
import type { Outcome, ThrownInfo } from './sandboxRuntime';
import { decodeValue } from '../common/valueEncoding';
import type { JsonValue } from '../common/traceFormat';
import { MAX_VALUE_CHARS, Sandbox } from './sandbox';
import type { SweepBridge } from './sweepBridge';

export interface CellProgramOptions {
  /** The compiled engine bundle, evaluated in each fresh context. */
  engine?: vm.Script;
  /** Overrides the seed of every simulation. */
  seed?: number;
  /** Loop iterations plus function calls one cell may make; 0 turns step checks off. */
  stepBudget: number;
  /** What explore() in a cell reports to and runs helpers through; absent: sweeps run alone, silently. */
  sweep?: SweepBridge;
}

/** A cell's result before the host adds its wall-clock duration. */
export type ProgramResult = Omit<CellResult, 'durationMs'>;

export class CellProgram {
  private sandbox: Sandbox | undefined;
  private history: { id: string; source: string }[] = [];
  private readonly scripts = new Map<number, ScriptRecord>();
  private nextScriptId = 1;

  constructor(private readonly options: CellProgramOptions) {
    options.sweep?.watchBudget(() => {
      const hit = this.sandbox?.stepBudgetHit();
      return hit && this.stepBudgetError(hit, undefined);
    });
    options.sweep?.watchSharedState(() => this.topLevelState());
  }

  /** The JSON of every top-level binding the cells that ran declared (as the sandbox reads it). */
  private topLevelState(): Map<string, string> {
    const names = new Set<string>();
    for (const record of this.scripts.values()) for (const declaration of record.compiled.declarations) names.add(declaration.name);
    const values = this.sandbox?.readBindings([...names]) ?? [];
    return new Map([...names].map((name, i) => [name, values[i] ?? '']));
  }

  /**
   * Runs `cells[target]` once the context holds exactly `cells[0..target)`,
   * running or replaying what is missing. `cells` are the notebook's code
   * cells in order. When a cell above fails on the way, the target does not
   * run, and the next request replays again.
   */
  async execute(cells: readonly KernelCell[], target: number): Promise<ProgramResult> {
    const cell = cells[target];
    if (!cell) throw new RangeError(`no code cell at ${target} (of ${cells.length})`);
    const replayed: string[] = [];
    // The context may hold the cells above only in part (a cell was skipped): run the rest.
    // Anything else (a re-run, an edit above) needs a fresh context.
    if (!this.holdsPrefixOf(cells, target)) this.reset();
    for (let i = this.history.length; i < target; i++) {
      const above = await this.run(cells[i], i);
      replayed.push(cells[i].id);
      if (!above.ok) {
        this.reset();
        return replayFailure(cell, cells[i], above, replayed);
      }
    }
    const result = await this.run(cell, target);
    return replayed.length ? { ...result, replayed } : result;
  }

  /** How many cells (from the top) the context holds. */
  get heldCount(): number {
    return this.history.length;
  }

  /** Creates the context now (loading the engine), so the first cell does not pay for it. */
  prepare(): void {
    this.sandbox ??= new Sandbox({ engine: this.options.engine, seed: this.options.seed, sweep: this.options.sweep?.call });
  }

  /** Forgets every declaration: the next cell starts from a fresh context. */
  reset(): void {
    this.sandbox = undefined;
    this.history = [];
    this.scripts.clear();
  }

  /** True when the cells that ran in the context are, in order, the first of `cells[0..count)`. */
  private holdsPrefixOf(cells: readonly KernelCell[], count: number): boolean {
    if (this.history.length > count) return false;
    return this.history.every((ran, i) => ran.id === cells[i].id && ran.source === cells[i].source);
  }

  private async run(cell: KernelCell, position: number): Promise<ProgramResult> {
    this.prepare();
    const sandbox = this.sandbox as Sandbox;
    this.history.push({ id: cell.id, source: cell.source });
    const scriptId = this.nextScriptId++;
    const outputs: CellOutput[] = [];
    let error: CellError | undefined;
    let compiled: CompiledCell | undefined;
    let outcome: Outcome | undefined;
    const sweep = this.options.sweep;
    sweep?.cellStarted(position);
    try {
      compiled = compileCell(cell.source, scriptId, this.options.stepBudget > 0);
      this.scripts.set(scriptId, { cellId: cell.id, cellIndex: cell.index, compiled });
      const budget = this.options.stepBudget > 0 ? this.options.stepBudget : Number.MAX_SAFE_INTEGER;
      outcome = sandbox.evaluate(compiled.code, scriptId, budget, randomSeedFor(position, this.options.seed));
    } catch (thrown) {
      // Made in the kernel's realm: the cell did not compile (here or in V8).
      error =
        thrown instanceof CellCompileError
          ? { name: thrown.name, message: thrown.message, position: { cellId: cell.id, line: thrown.line, column: thrown.column } }
          : toCellError(kernelThrownInfo(thrown), this.scripts);
    } finally {
      sweep?.cellEnded();
    }
    const collected = sandbox.collect();
    const completion = outcome?.state === 'value' ? outcome.value : undefined;
    for (const captured of completion ? [...collected.displays, completion] : collected.displays) {
      if (captured.tooLarge !== undefined) {
        error ??= tooLargeError(captured.tooLarge);
        continue;
      }
      try {
        const shown = shownValue(captured);
        outputs.push(...toCellOutputs(shown));
        // A run whose handler threw is the cell's error when it is the cell's value.
        if (captured === completion && isRunResult(shown.value) && shown.value.error) error = this.handlerError(shown.value, shown.handlerError);
      } catch (failure) {
        // A value of a shape no one foresaw (nested too deep, say) is the cell's problem, never the kernel's.
        error ??= { name: 'UnshowableValue', message: `A value the cell shows could not be shown: ${failure instanceof Error ? failure.message : String(failure)}` };
      }
    }
    if (outcome?.state === 'thrown') {
      error = sweep?.takeHelperError() ?? (compiled && this.redeclarationError(outcome.error, cell, scriptId, compiled)) ?? toCellError(outcome.error, this.scripts);
    } else if (outcome?.state === 'pending') {
      error = {
        name: 'UnsettledPromise',
        message: "The cell's value is a promise that never settled. Cells have no timers or I/O, so nothing could settle it later: is something awaited that no code resolves?",
      };
    }
    for (const output of outputs) if (output.mime === MIME.run) this.placeHandlers(output.data as RunOutputData);
    // The budget error may have been caught by the cell or the engine: what counts is that it ran out.
    const hit = sandbox.stepBudgetHit();
    if (hit) error = this.stepBudgetError(hit, error);
    const logs = collected.logs.map(({ level, args }) => formatLog(level, args));
    if (collected.logsLeftOut > 0) logs.push(`… ${collected.logsLeftOut} more lines not shown`);
    for (const note of sweep?.takeSharedStateNotes() ?? []) logs.push(`warn: ${note}`);
    return error ? { cellId: cell.id, ok: false, outputs, logs, error } : { cellId: cell.id, ok: true, outputs, logs };
  }

  /**
   * V8 reports a name declared twice at the top of the script, without a
   * position; say where it is declared in this cell and in which cell above.
   */
  private redeclarationError(thrown: ThrownInfo, cell: KernelCell, scriptId: number, compiled: CompiledCell): CellError | undefined {
    const name = /^Identifier '(.+)' has already been declared$/.exec(thrown.message)?.[1];
    const here = name === undefined ? undefined : compiled.declarations.find((d) => d.name === name);
    if (!name || !here) return undefined;
    let where = (FAST_BUILTINS as readonly string[]).includes(name) ? 'by the sandbox (a built-in)' : undefined;
    for (const [id, record] of this.scripts) {
      const earlier = id !== scriptId && record.compiled.declarations.find((d) => d.name === name);
      if (earlier) where = `in cell ${record.cellIndex + 1} (line ${earlier.line + 1})`;
    }
    return {
      name: 'SyntaxError',
      message: `'${name}' is already declared ${where ?? 'above'}: the cells of a notebook share one scope, so each top-level name is declared once. Rename one of them.`,
      position: { cellId: cell.id, line: here.line, column: here.column },
    };
  }

  /**
   * The sandbox records where handlers are by compiled script; the trace
   * format wants the cell's position in the notebook (`HandlerLocation.cell`).
   */
  private placeHandlers(run: RunOutputData): void {
    const trace = run.trace as { handlers?: (HandlerLocation & { script?: number })[] } | undefined;
    for (const location of trace?.handlers ?? []) {
      if (location.script === undefined) continue;
      const record = this.scripts.get(location.script);
      if (record) location.cell = record.cellIndex;
      delete location.script;
    }
  }

  /** The error a protocol handler threw during `simulate`, mapped to the handler's line. */
  private handlerError(run: RunOutputData, kept: ThrownInfo | undefined): CellError {
    if (kept !== undefined) return toCellError(kept, this.scripts);
    return { name: String(run.error?.name ?? 'Error'), message: String(run.error?.message ?? '') };
  }

  private stepBudgetError(hit: { script: number; line: number; column: number }, thrown: CellError | undefined): CellError {
    const record = this.scripts.get(hit.script);
    const error: CellError = {
      name: 'StepBudgetExceeded',
      message: `Stopped after ${this.options.stepBudget.toLocaleString('en-US')} steps (loop iterations and function calls): is there a loop that never ends? To allow more, raise the setting "protocolNotebook.kernel.stepBudget" (--step-budget on the command line; 0 turns the budget off).`,
      stoppedBy: 'step-budget',
    };
    if (record) error.position = { cellId: record.cellId, line: hit.line, column: hit.column };
    if (thrown?.stack) error.stack = thrown.stack.replace(/^[^\n]*/, `${error.name}: ${error.message}`);
    return error;
  }
}

/** Each cell position gets its own Math.random stream, so a cell's randomness does not depend on the cells above. */
function randomSeedFor(position: number, seed: number | undefined): number {
  return (Math.imul(position + 1, 0x9e3779b1) ^ (seed ?? 0)) >>> 0;
}

/** One console line: the arguments (tagged JSON, decoded here into plain data) formatted as Node's console would. */
function formatLog(level: string, args: unknown[]): string {
  let text: string;
  try {
    text = formatWithOptions({ colors: false, depth: 4 }, ...args.map((arg) => decodeValue(arg as JsonValue)));
  } catch (error) {
    text = `[log could not be shown: ${String(error)}]`;
  }
  if (text.length > MAX_LOG_LINE_CHARS) text = `${text.slice(0, MAX_LOG_LINE_CHARS)}… (${text.length - MAX_LOG_LINE_CHARS} more characters not shown)`;
  const shownLevel = level === 'warn' || level === 'error' ? level : undefined;
  return shownLevel ? `${shownLevel}: ${text}` : text;
}

function tooLargeError(characters: number): CellError {
  return {
    name: 'OutputTooLarge',
    message: `A value the cell shows is ${Math.round(characters / 1048576)} MB as JSON, more than the ${MAX_VALUE_CHARS / 1048576} MB the kernel shows: show less (a shorter run, or a part of the value).`,
  };
}

/** A console line is cut here. */
export const MAX_LOG_LINE_CHARS = 10_000;

function replayFailure(target: KernelCell, failed: KernelCell, result: ProgramResult, replayed: string[]): ProgramResult {
  const cause = result.error ?? { name: 'Error', message: 'failed' };
  const error: CellError = {
    ...cause,
    message: `A cell above (cell ${failed.index + 1}) failed when it was re-run first: ${cause.name}: ${cause.message}`,
  };
  return { cellId: target.id, ok: false, outputs: [], logs: result.logs, error, replayed };
}
