/** Recognises messages the extension sends to a chart. */
import type { ToChartMessage } from '../../src/common/chartMessages';

export function isToChartMessage(value: unknown): value is ToChartMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return type === 'showTrace' || type === 'requestResult';
}
