/**
 * The trace panel: a run's sequence chart in an editor-sized webview. Traces
 * are kept in the extension's global storage so that a panel restored after
 * a window reload (by the serializer) finds its trace again; the webview
 * keeps its own place (scroll, zoom, selection) in its state, so the panel
 * needs no `retainContextWhenHidden`.
 */
import * as vscode from 'vscode';
import { isChartRequest, TRACE_PANEL_VIEW_TYPE, type PanelReadyMessage, type ShowTraceMessage } from '../common/chartMessages';
import { MIME } from '../common/kernelMessages';
import { TRACE_FORMAT, type Trace } from '../common/traceFormat';
import { answerChartRequest } from './rendererRequests';
import type { StateDiffDocuments } from './rendererStateDiff';
import { makeNonce, tracePanelHtml } from './tracePanelHtml';
import { notebookName, tracePanelTitle } from './tracePanelTitle';

/** How many traces the panels keep on disk; older ones are removed. */
const KEEP_TRACES = 20;

interface StoredTrace {
  title: string;
  notebook?: string;
  trace: Trace;
}

export class TracePanels implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly stateDiffs: StateDiffDocuments,
  ) {
    this.disposables.push(
      vscode.window.registerWebviewPanelSerializer(TRACE_PANEL_VIEW_TYPE, {
        deserializeWebviewPanel: async (panel, state: unknown) => {
          const id = (state as { traceId?: unknown } | undefined)?.traceId;
          const stored = typeof id === 'string' ? await this.load(id) : undefined;
          if (!stored || typeof id !== 'string') {
            panel.dispose();
            return;
          }
          this.attach(panel, id, stored);
        },
      }),
      vscode.commands.registerCommand('protocol-notebook.openRunInPanel', (cell?: vscode.NotebookCell) => this.openFromCell(cell)),
      vscode.commands.registerCommand('protocol-notebook.openTraceFile', () => this.openFromFile()),
    );
  }

  /** Opens a run in a new panel beside the notebook. */
  async open(trace: Trace, title: string, notebook?: vscode.Uri): Promise<void> {
    const id = `${Date.now().toString(36)}-${makeNonce().slice(0, 8)}`;
    const stored: StoredTrace = { title, trace, ...(notebook ? { notebook: notebook.toString() } : {}) };
    await this.save(id, stored);
    const panel = vscode.window.createWebviewPanel(TRACE_PANEL_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, this.webviewOptions());
    this.attach(panel, id, stored);
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview')], enableFindWidget: true };
  }

  private attach(panel: vscode.WebviewPanel, id: string, stored: StoredTrace): void {
    const webview = panel.webview;
    webview.options = this.webviewOptions();
    panel.title = stored.title;
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'webview', name)).toString();
    webview.html = tracePanelHtml({ cspSource: webview.cspSource, nonce: makeNonce(), scriptUri: asset('panel.js'), styleUri: asset('chart.css'), title: stored.title });
    const reply = (message: ShowTraceMessage | Parameters<Parameters<typeof answerChartRequest>[1]['reply']>[0]) => void webview.postMessage(message);
    const subscription = webview.onDidReceiveMessage(async (message: unknown) => {
      if ((message as PanelReadyMessage | undefined)?.type === 'panelReady') {
        reply({ type: 'showTrace', id, trace: stored.trace, title: stored.title });
        return;
      }
      if (!isChartRequest(message)) return;
      const notebook = stored.notebook ? vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === stored.notebook) : undefined;
      await answerChartRequest(message, { ...(notebook ? { notebook } : {}), reply }, { stateDiffs: this.stateDiffs, openPanel: (r) => this.open(r.trace, r.title, r.notebook) });
    });
    panel.onDidDispose(() => subscription.dispose());
  }

  /** The run output of a cell (the selected one by default). */
  private async openFromCell(cell?: vscode.NotebookCell): Promise<void> {
    const editor = vscode.window.activeNotebookEditor;
    const target = cell ?? (editor ? editor.notebook.cellAt(editor.selection.start) : undefined);
    const item = target?.outputs.flatMap((o) => o.items).find((i) => i.mime === MIME.run);
    if (!target || !item) {
      void vscode.window.showInformationMessage('Select a cell that has run a simulation to open its run in the trace panel.');
      return;
    }
    const data = JSON.parse(new TextDecoder().decode(item.data)) as { trace?: Trace };
    if (!data.trace) return;
    await this.open(data.trace, tracePanelTitle({ seed: data.trace.seed, cellNumber: target.index + 1, notebook: notebookName(target.notebook) }), target.notebook.uri);
  }

  /** A trace written by the CLI (`--trace file.json`) or saved earlier. */
  private async openFromFile(): Promise<void> {
    const [uri] = (await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'Protocol Notebook trace': ['json'] }, title: 'Open a trace' })) ?? [];
    if (!uri) return;
    const trace = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as Partial<Trace>;
    if (trace.format !== TRACE_FORMAT) {
      void vscode.window.showErrorMessage(`${uri.fsPath} is not a Protocol Notebook trace.`);
      return;
    }
    await this.open(trace as Trace, uri.path.split('/').pop() ?? 'Trace');
  }

  private folder(): vscode.Uri {
    return vscode.Uri.joinPath(this.context.globalStorageUri, 'traces');
  }

  private async save(id: string, stored: StoredTrace): Promise<void> {
    const folder = this.folder();
    await vscode.workspace.fs.createDirectory(folder);
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, `${id}.json`), new TextEncoder().encode(JSON.stringify(stored)));
    const files = (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).filter((n) => n.endsWith('.json')).sort();
    for (const old of files.slice(0, Math.max(0, files.length - KEEP_TRACES))) await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, old));
  }

  private async load(id: string): Promise<StoredTrace | undefined> {
    if (!/^[\w-]+$/.test(id)) return undefined;
    try {
      return JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.folder(), `${id}.json`)))) as StoredTrace;
    } catch {
      return undefined;
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
