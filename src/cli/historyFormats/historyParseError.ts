/** A history file that cannot be read: names the line (1-based) when there is one. */
export class HistoryParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line === undefined ? message : `line ${line}: ${message}`);
    this.name = 'HistoryParseError';
  }
}
