/**
 * Readers of history files: Jepsen text logs, Jepsen EDN histories and the
 * JSON history format. `readHistoryText` picks the reader from the format
 * given, else the file name, else the content.
 */
import { parseEdnHistory } from './ednHistory';
import { parseJepsenLog } from './jepsenLog';
import { parseJsonHistory, type JsonHistoryFile } from './jsonHistory';

export { HistoryParseError } from './historyParseError';
export type { JsonHistoryFile } from './jsonHistory';

export type HistoryFormat = 'jepsen' | 'edn' | 'json';
export const historyFormats: readonly HistoryFormat[] = ['jepsen', 'edn', 'json'];

/** Which format a file is in, from its name and, failing that, its first characters. */
export function detectHistoryFormat(fileName: string, text: string): HistoryFormat {
  if (/\.json$/i.test(fileName)) return 'json';
  if (/\.edn$/i.test(fileName)) return 'edn';
  if (/\.log$/i.test(fileName)) return 'jepsen';
  const start = text.trimStart();
  if (start.startsWith('{:') || start.startsWith('[{:') || start.startsWith('({:')) return 'edn';
  if (start.startsWith('{') || start.startsWith('[')) return 'json';
  return 'jepsen';
}

/** Reads a history file's text in the given (or detected) format. */
export function readHistoryText(text: string, fileName: string, format?: HistoryFormat): JsonHistoryFile {
  switch (format ?? detectHistoryFormat(fileName, text)) {
    case 'jepsen':
      return { history: parseJepsenLog(text) };
    case 'edn':
      return { history: parseEdnHistory(text) };
    case 'json':
      return parseJsonHistory(text);
  }
}
