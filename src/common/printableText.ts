/**
 * Text from a notebook (a property name, a log line, an error message) made
 * safe to print on a terminal or in a one-line field: control characters
 * (newlines, escape sequences that set a window title or write the
 * clipboard) and the bidirectional-text overrides that make text read other
 * than it is are written as visible escapes, so cell output can neither
 * drive the terminal nor start a line that looks like the runner's own.
 */

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001b': '\\e' };

/**
 * `text` with every control and bidi-override character escaped (`\n`, `\e`,
 * `\u202e`, …). Anything else a notebook put where text belongs (a number, an
 * object in a forged result) is shown as its JSON.
 */
export function printable(text: unknown): string {
  const shown = typeof text === 'string' ? text : describeOther(text);
  return shown.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function describeOther(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return typeof value;
  }
}
