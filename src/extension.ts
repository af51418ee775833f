import * as vscode from 'vscode';

/** Wires the extension's pieces together; each registration is one line. */
export function activate(context: vscode.ExtensionContext): void {
  void context;
}

export function deactivate(): void {}
