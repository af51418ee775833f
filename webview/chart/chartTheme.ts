/**
 * Colours and fonts for the canvas, read from VS Code's `--vscode-*` theme
 * variables (light, dark and high contrast), with readable fallbacks for
 * pages that do not define them.
 */
import { MESSAGE_PALETTES, messageTypeColor } from './messagePalette';

export interface ChartTheme {
  background: string;
  foreground: string;
  muted: string;
  lifeline: string;
  headerBackground: string;
  border: string;
  grid: string;
  lost: string;
  duplicate: string;
  /** Corrupted messages. */
  corrupt: string;
  timer: string;
  effect: string;
  log: string;
  crash: string;
  recover: string;
  violation: string;
  partition: string;
  selection: string;
  /** The fixed palette message types are hashed into (see messagePalette.ts). */
  messagePalette: readonly string[];
  font: string;
  monoFont: string;
  fontSize: number;
  highContrast: boolean;
  /** Line width scale: high contrast draws bolder. */
  stroke: number;
}

export function readTheme(element: Element): ChartTheme {
  const style = getComputedStyle(element);
  const read = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const body = element.ownerDocument.body;
  const highContrast = body.classList.contains('vscode-high-contrast') || body.classList.contains('vscode-high-contrast-light');
  const dark = body.classList.contains('vscode-dark') || (body.classList.contains('vscode-high-contrast') && !body.classList.contains('vscode-high-contrast-light'));
  const foreground = read('--vscode-editor-foreground', read('--vscode-foreground', dark ? '#cccccc' : '#333333'));
  const fontSize = Number.parseFloat(read('--vscode-font-size', '13px')) || 13;
  return {
    background: read('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
    foreground,
    muted: read('--vscode-descriptionForeground', dark ? '#9d9d9d' : '#717171'),
    lifeline: read('--vscode-editorIndentGuide-activeBackground1', read('--vscode-editorLineNumber-foreground', dark ? '#6e7681' : '#a0a0a0')),
    headerBackground: read('--vscode-editorWidget-background', dark ? '#252526' : '#f3f3f3'),
    border: read('--vscode-contrastBorder', read('--vscode-editorWidget-border', read('--vscode-panel-border', dark ? '#454545' : '#c8c8c8'))),
    grid: read('--vscode-editorIndentGuide-background1', dark ? '#303030' : '#ececec'),
    lost: read('--vscode-charts-red', dark ? '#f14c4c' : '#e51400'),
    duplicate: read('--vscode-charts-orange', dark ? '#d18616' : '#d18616'),
    corrupt: read('--vscode-charts-red', dark ? '#f14c4c' : '#e51400'),
    timer: read('--vscode-charts-purple', dark ? '#b180d7' : '#652d90'),
    effect: read('--vscode-charts-green', dark ? '#89d185' : '#388a34'),
    log: read('--vscode-descriptionForeground', dark ? '#9d9d9d' : '#717171'),
    crash: read('--vscode-charts-red', dark ? '#f14c4c' : '#e51400'),
    recover: read('--vscode-charts-green', dark ? '#89d185' : '#388a34'),
    violation: read('--vscode-errorForeground', dark ? '#f48771' : '#a1260d'),
    partition: read('--vscode-charts-yellow', dark ? '#cca700' : '#bf8803'),
    selection: read('--vscode-focusBorder', dark ? '#007fd4' : '#0090f1'),
    messagePalette: MESSAGE_PALETTES[highContrast ? (dark ? 'high-contrast' : 'high-contrast-light') : dark ? 'dark' : 'light'],
    font: read('--vscode-font-family', 'system-ui, sans-serif'),
    monoFont: read('--vscode-editor-font-family', 'ui-monospace, monospace'),
    fontSize,
    highContrast,
    stroke: highContrast ? 1.6 : 1,
  };
}

/** The colour of a message type: the same in every chart, whatever other types the run sends. */
export function messageColor(theme: ChartTheme, type: string): string {
  return messageTypeColor(theme.messagePalette, type);
}
