import * as vscode from 'vscode';
import { cellAnalysisOf } from './notebook/cellAnalysis';
import { ProtocolNotebookController } from './notebook/controller';
import { registerIdempotencyAnalysis } from './notebook/idempotencyQuickFixes';
import { IdempotencyWitnessDiagnostics } from './notebook/idempotencyWitnessDiagnostics';
import { registerLanguageFeatures } from './notebook/languageFeatures';
import { LanguageFeaturesClient } from './notebook/languageFeaturesClient';
import { LanguageServiceWorker } from './notebook/languageServiceWorker';
import { registerNewNotebookCommand } from './notebook/newNotebookCommand';
import { registerRestartKernelCommand } from './notebook/restartKernelCommand';
import { registerSequenceChart } from './notebook/rendererServices';
import { registerNotebookSerializer } from './notebook/serializer';

/** Wires the extension's pieces together; each registration is one line. */
export function activate(context: vscode.ExtensionContext): void {
  // One analysis worker, one warm program per notebook, for the idempotency warnings, the editing features and runs.
  const analysis = new LanguageServiceWorker(context.asAbsolutePath('dist/analysisWorker.js'));
  context.subscriptions.push(analysis);
  // A run asks the analysis for the cell's type errors and the cells above it needs.
  const controller = new ProtocolNotebookController(context.asAbsolutePath('dist/kernelWorker.js'), cellAnalysisOf(new LanguageFeaturesClient(analysis)));
  context.subscriptions.push(controller);
  context.subscriptions.push(registerNotebookSerializer());
  context.subscriptions.push(registerNewNotebookCommand());
  context.subscriptions.push(registerRestartKernelCommand(controller));
  context.subscriptions.push(registerSequenceChart(context));
  // What runs prove about idempotency: warnings with a witness, and static warnings a run contradicts made hints.
  const witnesses = new IdempotencyWitnessDiagnostics(controller);
  context.subscriptions.push(witnesses);
  context.subscriptions.push(registerIdempotencyAnalysis(analysis, witnesses));
  context.subscriptions.push(registerLanguageFeatures(analysis));
}

export function deactivate(): void {}
