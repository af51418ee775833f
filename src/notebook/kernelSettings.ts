/**
 * The kernel's limits as user settings (`protocolNotebook.kernel.*`). A
 * change applies to the next run: the controller restarts the kernels.
 */
import * as vscode from 'vscode';
import { KERNEL_DEFAULTS, type KernelHostOptions } from '../kernel/host';

/** The settings section. */
export const KERNEL_SETTINGS = 'protocolNotebook.kernel';

/** The limits to start a kernel with: the user's settings, or the kernel's defaults. */
export function kernelLimits(): Pick<KernelHostOptions, 'stepBudget' | 'timeoutMs' | 'memoryMb'> {
  const settings = vscode.workspace.getConfiguration(KERNEL_SETTINGS);
  const read = (key: 'stepBudget' | 'timeoutMs' | 'memoryMb', min: number): number => {
    const value = settings.get<number>(key, KERNEL_DEFAULTS[key]);
    return typeof value === 'number' && Number.isFinite(value) && value >= min ? value : KERNEL_DEFAULTS[key];
  };
  return { stepBudget: read('stepBudget', 0), timeoutMs: read('timeoutMs', 100), memoryMb: read('memoryMb', 64) };
}

/** Calls `onChange` when any kernel setting changes. */
export function onDidChangeKernelSettings(onChange: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(KERNEL_SETTINGS)) onChange();
  });
}
