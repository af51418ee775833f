/**
 * The notebook output renderer (`protocol-notebook.sequence-chart`): draws a
 * run output as a sequence chart under its cell. Messaging to the extension
 * is optional; without it the chart still draws, with the editor actions off.
 */
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { isToChartMessage } from '../chart/chartProtocol';
import { mountChart, type ChartHandle } from '../chart/chartView';
import { readRunOutput } from '../chart/runOutput';
import chartCss from '../chart/chart.css';

const STYLE_ID = 'protocol-notebook-chart-style';

export const activate: ActivationFunction = (context) => {
  const charts = new Map<string, ChartHandle>();
  let lastRequester: ChartHandle | undefined;
  context.onDidReceiveMessage?.((message: unknown) => {
    if (isToChartMessage(message) && message.type === 'requestResult') lastRequester?.showStatus(message.text, message.ok);
  });
  const post = context.postMessage;
  return {
    renderOutputItem(item: OutputItem, element: HTMLElement) {
      charts.get(item.id)?.dispose();
      installStyles(element);
      element.replaceChildren();
      const output = readRunOutput(item.json());
      if (!output.ok) {
        const p = document.createElement('p');
        p.textContent = output.reason;
        element.append(p);
        return;
      }
      const handle: ChartHandle = mountChart(element, output.trace, {
        mode: 'output',
        title: output.title,
        ...(post
          ? {
              post: (request) => {
                lastRequester = handle;
                post(request);
              },
            }
          : {}),
      });
      charts.set(item.id, handle);
    },
    disposeOutputItem(id?: string) {
      for (const [key, chart] of charts) {
        if (id !== undefined && key !== id) continue;
        chart.dispose();
        charts.delete(key);
      }
    },
  };
};

/** One stylesheet per document (or shadow root) that holds charts. */
function installStyles(element: HTMLElement): void {
  const root = element.getRootNode() as Document | ShadowRoot;
  const host = root instanceof Document ? root.head : root;
  if (host.querySelector(`#${STYLE_ID}`)) return;
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = chartCss;
  host.append(style);
}
