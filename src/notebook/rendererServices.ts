/**
 * Everything the sequence chart needs on the extension side, created as one:
 * the state-diff documents, the trace panels (with their serializer and
 * commands) and the renderer's messaging. `activate` registers it in one line.
 */
import * as vscode from 'vscode';
import { registerRendererMessaging } from './rendererMessaging';
import { StateDiffDocuments } from './rendererStateDiff';
import { TracePanels } from './tracePanel';

export function registerSequenceChart(context: vscode.ExtensionContext): vscode.Disposable {
  const stateDiffs = new StateDiffDocuments();
  const panels = new TracePanels(context, stateDiffs);
  const messaging = registerRendererMessaging({ stateDiffs, openPanel: (r) => panels.open(r.trace, r.title, r.notebook) });
  return vscode.Disposable.from(messaging, panels, stateDiffs);
}
