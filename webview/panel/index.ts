/**
 * The trace panel's page: asks the extension for its trace, draws it, and
 * keeps its place (scroll, zoom, selection, filters) in the webview state so
 * that it comes back the same after being hidden or after a window reload.
 */
import type { ChartRequest, ChartViewState, PanelReadyMessage } from '../../src/common/chartMessages';
import { isToChartMessage } from '../chart/chartProtocol';
import { mountChart, type ChartHandle } from '../chart/chartView';

interface PanelState {
  traceId?: string;
  view?: ChartViewState;
}

interface VsCodeApi {
  postMessage(message: ChartRequest | PanelReadyMessage): void;
  getState(): PanelState | undefined;
  setState(state: PanelState): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const container = document.getElementById('chart') ?? document.body;
let chart: ChartHandle | undefined;

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isToChartMessage(message)) return;
  if (message.type === 'requestResult') {
    chart?.showStatus(message.text, message.ok);
    return;
  }
  const saved = vscode.getState();
  const traceId = message.id;
  chart?.dispose();
  document.title = message.title;
  chart = mountChart(
    container,
    message.trace,
    {
      mode: 'panel',
      title: message.title,
      post: (request) => vscode.postMessage(request),
      saveState: (view) => vscode.setState({ ...vscode.getState(), traceId, view }),
    },
    saved?.traceId === traceId ? saved.view : undefined,
  );
  vscode.setState({ ...saved, traceId, ...(saved?.traceId === traceId ? {} : { view: chart.state() }) });
});

vscode.postMessage({ type: 'panelReady' });
