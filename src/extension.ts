import * as vscode from 'vscode';
import { registerNewNotebookCommand } from './notebook/newNotebookCommand';
import { registerNotebookSerializer } from './notebook/serializer';

/** Wires the extension's pieces together; each registration is one line. */
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(registerNotebookSerializer());
  context.subscriptions.push(registerNewNotebookCommand());
}

export function deactivate(): void {}
