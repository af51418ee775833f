/**
 * The extension's end of the sequence chart renderer's messaging: requests
 * from charts under cells are answered with the notebook they belong to.
 */
import * as vscode from 'vscode';
import { isChartRequest, SEQUENCE_CHART_RENDERER_ID } from '../common/chartMessages';
import { answerChartRequest, type ChartRequestServices } from './rendererRequests';

export function registerRendererMessaging(services: ChartRequestServices): vscode.Disposable {
  const messaging = vscode.notebooks.createRendererMessaging(SEQUENCE_CHART_RENDERER_ID);
  return messaging.onDidReceiveMessage(({ editor, message }) => {
    if (!isChartRequest(message)) return;
    void answerChartRequest(message, { notebook: editor.notebook, reply: (reply) => void messaging.postMessage(reply, editor) }, services);
  });
}
