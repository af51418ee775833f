/**
 * The trace panel's title says where its run came from: "Run of cell 3
 * (seed 7) — bank-account.protocol.md". A chart under a cell sends its
 * output's key; the cell is the one that holds that output (or, failing
 * that, the one cell whose run is the same run).
 */
import type * as vscode from 'vscode';
import { RUN_OUTPUT_KEY } from '../common/chartMessages';
import { MIME } from '../common/kernelMessages';
import type { Trace } from '../common/traceFormat';

export interface RunOrigin {
  seed: number;
  /** 1-based, as the notebook shows cells. */
  cellNumber?: number;
  /** The notebook's file name. */
  notebook?: string;
}

/** "Run of cell 3 (seed 7) — file.protocol.md", with what is known of it. */
export function tracePanelTitle(origin: RunOrigin): string {
  const run = origin.cellNumber !== undefined ? `Run of cell ${origin.cellNumber} (seed ${origin.seed})` : `Run (seed ${origin.seed})`;
  return origin.notebook ? `${run} — ${origin.notebook}` : run;
}

/** The notebook's file name as the title shows it. */
export function notebookName(notebook: vscode.NotebookDocument): string {
  return notebook.uri.path.split('/').pop() || notebook.uri.toString();
}

/** The cell whose output drew this run: by the output's key, else the only cell showing the same run. */
export function runCell(notebook: vscode.NotebookDocument, trace: Trace, outputKey?: string): vscode.NotebookCell | undefined {
  const cells = notebook.getCells();
  if (outputKey !== undefined) {
    const byKey = cells.find((cell) => cell.outputs.some((output) => output.metadata?.[RUN_OUTPUT_KEY] === outputKey));
    if (byKey) return byKey;
  }
  const same = cells.filter((cell) => cell.outputs.some((output) => output.items.some((item) => item.mime === MIME.run && sameRun(item.data, trace))));
  return same.length === 1 ? same[0] : undefined;
}

function sameRun(data: Uint8Array, trace: Trace): boolean {
  try {
    const shown = (JSON.parse(new TextDecoder().decode(data)) as { trace?: Partial<Trace> }).trace;
    return shown?.seed === trace.seed && shown.events?.length === trace.events.length && shown.endTime === trace.endTime;
  } catch {
    return false;
  }
}
