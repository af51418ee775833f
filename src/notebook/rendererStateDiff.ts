/**
 * A node's state before and after an event, opened in VS Code's own diff
 * editor: two read-only virtual documents under our own URI scheme.
 */
import * as vscode from 'vscode';
import type { OpenStateDiffRequest } from '../common/chartMessages';

export const STATE_SCHEME = 'protocol-notebook-state';
/** Old diffs' documents are forgotten after this many newer ones. */
const KEEP = 64;

export class StateDiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(STATE_SCHEME, this);
  private next = 0;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.path) ?? '// This state is no longer available: open the diff again from the chart.';
  }

  async open(request: OpenStateDiffRequest): Promise<void> {
    const id = this.next++;
    // The file name is what the diff editor's tab shows; `.ts` gives the state TypeScript colouring.
    const name = `${request.node}-${request.event}`.replace(/[^\w.-]+/g, '_');
    const before = vscode.Uri.from({ scheme: STATE_SCHEME, path: `/${id}/before/${name}.ts` });
    const after = vscode.Uri.from({ scheme: STATE_SCHEME, path: `/${id}/after/${name}.ts` });
    this.contents.set(before.path, request.before);
    this.contents.set(after.path, request.after);
    while (this.contents.size > KEEP * 2) this.contents.delete(this.contents.keys().next().value!);
    await vscode.commands.executeCommand('vscode.diff', before, after, `State of ${request.title}: before ↔ after`, { preview: true });
  }

  dispose(): void {
    this.registration.dispose();
  }
}
