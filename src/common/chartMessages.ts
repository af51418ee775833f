/**
 * What the sequence chart (a notebook renderer or the trace panel) asks of
 * the extension, and what it is told. Plain data: these cross the webview
 * boundary with postMessage. Every request is optional to honour: the chart
 * still draws where messaging is unavailable.
 */
import type { HandlerLocation, Trace } from './traceFormat';

/** The notebook renderer's id in package.json (`contributes.notebookRenderer`). */
export const SEQUENCE_CHART_RENDERER_ID = 'protocol-notebook.sequence-chart';
/** The trace panel's webview type, also the key of its serializer. */
export const TRACE_PANEL_VIEW_TYPE = 'protocolNotebook.tracePanel';

/**
 * The key, in a run output's metadata, of a value unique to that output: a
 * chart under a cell sends it back (`outputKey`) so the extension can tell
 * which cell the chart belongs to.
 */
export const RUN_OUTPUT_KEY = 'runOutputKey';

/** Opens VS Code's diff editor on a node's state before and after an event. */
export interface OpenStateDiffRequest {
  type: 'openStateDiff';
  node: string;
  event: number;
  /** A short title, e.g. "account @ #12 deliver deposit". */
  title: string;
  before: string;
  after: string;
}

/** Reveals the handler that produced an event in the notebook's cells. */
export interface RevealHandlerRequest {
  type: 'revealHandler';
  /** Node definition name (TraceNode.kind), when the trace knows it. */
  nodeKind?: string;
  /** Handler key: a message type, `timer:<name>`, `init` or `recover`. */
  handler: string;
  /** Where the engine says the handler is, when it recorded it. */
  location?: HandlerLocation;
}

/** Opens the run in the larger trace panel. */
export interface OpenTracePanelRequest {
  type: 'openTracePanel';
  trace: Trace;
  title: string;
  /** The run output's key (`RUN_OUTPUT_KEY`), when the chart is under a cell: the panel's title names the cell. */
  outputKey?: string;
}

/** Copies text on the extension side (a webview's clipboard can be unavailable). */
export interface CopyTextRequest {
  type: 'copyText';
  text: string;
  what: string;
}

export type ChartRequest = OpenStateDiffRequest | RevealHandlerRequest | OpenTracePanelRequest | CopyTextRequest;

/** Extension to panel: the trace to draw (sent after the panel says it is ready). */
export interface ShowTraceMessage {
  type: 'showTrace';
  /** The extension's key for this trace; the panel keeps it in its state so a reload finds the trace again. */
  id: string;
  trace: Trace;
  title: string;
}

/** Panel to extension: the webview has loaded and can receive a trace. */
export interface PanelReadyMessage {
  type: 'panelReady';
}

/** Extension to chart: the outcome of a request, shown as a short status line. */
export interface RequestResultMessage {
  type: 'requestResult';
  ok: boolean;
  text: string;
}

export type ToChartMessage = ShowTraceMessage | RequestResultMessage;

/** What the chart remembers about where the user was (panel state, renderer state). */
export interface ChartViewState {
  scale: 'time' | 'lamport';
  zoom: number;
  scrollTop: number;
  scrollLeft: number;
  selected?: number;
  hiddenNodes: string[];
  hiddenTypes: string[];
  /** Timers hidden by name (absent in states saved before timers could be hidden). */
  hiddenTimers?: string[];
  /** The height the user gave a chart under a cell, in CSS pixels; absent: automatic. */
  height?: number;
}

export function isChartRequest(value: unknown): value is ChartRequest {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'openStateDiff' || type === 'revealHandler' || type === 'openTracePanel' || type === 'copyText';
}
