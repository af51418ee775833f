/**
 * The notebook output renderer (`protocol-notebook.sequence-chart`): draws a
 * run output as a sequence chart under its cell, a running seed sweep's
 * progress as a bar, and a cell's error wrapped to the output's width. Messaging to the extension is optional; without it the
 * chart still draws, with the editor actions off.
 */
import type { ActivationFunction, OutputItem } from 'vscode-notebook-renderer';
import { isToChartMessage } from '../chart/chartProtocol';
import { mountChart, type ChartHandle } from '../chart/chartView';
import { readRunOutput } from '../chart/runOutput';
import chartCss from '../chart/chart.css';
import { RUN_OUTPUT_KEY } from '../../src/common/chartMessages';
import { MIME } from '../../src/common/kernelMessages';
import { RendererViews } from './rendererViews';
import { renderSweepProgress } from './sweepProgressView';
import progressCss from './sweepProgress.css';
import { renderCellError } from './cellErrorView';
import errorCss from './cellError.css';

const STYLE_ID = 'protocol-notebook-chart-style';
const PROGRESS_STYLE_ID = 'protocol-notebook-progress-style';
const ERROR_STYLE_ID = 'protocol-notebook-error-style';

export const activate: ActivationFunction = (context) => {
  const charts = new Map<string, ChartHandle>();
  let lastRequester: ChartHandle | undefined;
  context.onDidReceiveMessage?.((message: unknown) => {
    if (isToChartMessage(message) && message.type === 'requestResult') lastRequester?.showStatus(message.text, message.ok);
  });
  const post = context.postMessage;
  const views = new RendererViews(context);
  return {
    renderOutputItem(item: OutputItem, element: HTMLElement) {
      charts.get(item.id)?.dispose();
      charts.delete(item.id);
      if (item.mime === MIME.progress) {
        installStyles(element, PROGRESS_STYLE_ID, progressCss);
        renderSweepProgress(element, item.json());
        return;
      }
      if (item.mime === MIME.error) {
        installStyles(element, ERROR_STYLE_ID, errorCss);
        renderCellError(element, item.json());
        return;
      }
      installStyles(element, STYLE_ID, chartCss);
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
        ...outputKey(item),
        saveState: (view) => views.save(item.id, view),
        ...(post
          ? {
              post: (request) => {
                lastRequester = handle;
                post(request);
              },
            }
          : {}),
      }, views.load(item.id));
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

/** The run output's key from its metadata, when the extension gave it one. */
function outputKey(item: OutputItem): { outputKey?: string } {
  const key = (item.metadata as Record<string, unknown> | undefined)?.[RUN_OUTPUT_KEY];
  return typeof key === 'string' ? { outputKey: key } : {};
}

/** One stylesheet of each kind per document (or shadow root) that holds outputs. */
function installStyles(element: HTMLElement, id: string, css: string): void {
  const root = element.getRootNode() as Document | ShadowRoot;
  const host = root instanceof Document ? root.head : root;
  if (host.querySelector(`#${id}`)) return;
  const style = document.createElement('style');
  style.id = id;
  style.textContent = css;
  host.append(style);
}
