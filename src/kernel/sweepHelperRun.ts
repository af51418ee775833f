/**
 * What a sweep helper thread does: runs the cells it was given, as the
 * kernel thread did, until the explore() call it helps with hands its part
 * over (that call does not return: the kernel thread ends the helper). Any
 * other ending is an error the kernel thread reports as the cell's.
 */
import type { CellError } from '../common/kernelMessages';
import type { CellProgram } from './cellProgram';
import type { SweepBridge } from './sweepBridge';
import type { SweepHelperData } from './sweepMessages';
import type { CheckHelperData } from './checkBridge';
import { ThreadMesh } from './threadMesh';

export async function runSweepHelper(program: CellProgram, sweep: SweepBridge, helper: SweepHelperData): Promise<void> {
  let error: CellError;
  try {
    sweep.request(0, helper.cells);
    const result = await program.execute(helper.cells, helper.cells.length - 1);
    error = result.error ?? {
      name: 'SweepError',
      message: 'the cell ended in a sweep helper thread without running the same explore() call: does it depend on something outside the notebook?',
    };
  } catch (thrown) {
    const e = thrown instanceof Error ? thrown : new Error(String(thrown));
    error = { name: e.name, message: `a sweep helper thread failed: ${e.message}`, stack: e.stack };
  }
  sweep.postToKernel({ type: 'error', error });
}

/**
 * A check helper thread: runs the cells up to the one it was started for.
 * Once its check() call has searched its part, that call does not return
 * (the kernel thread ends the helper); any other ending is an error sent to
 * the kernel thread, which is waiting for this thread's part of a level.
 */
export async function runCheckHelper(program: CellProgram, sweep: SweepBridge, helper: CheckHelperData): Promise<void> {
  let error: CellError;
  try {
    sweep.request(0, helper.cells);
    const result = await program.execute(helper.cells, helper.cells.length - 1);
    error = result.error ?? {
      name: 'CheckError',
      message: 'the cell ended in a check helper thread without running the same check() call: does it depend on something outside the notebook?',
    };
  } catch (thrown) {
    const e = thrown instanceof Error ? thrown : new Error(String(thrown));
    error = { name: e.name, message: `a check helper thread failed: ${e.message}`, stack: e.stack };
  }
  new ThreadMesh(helper.end).post(0, { type: 'error', name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) });
}
