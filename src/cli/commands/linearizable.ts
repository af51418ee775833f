/**
 * `protocol-notebook linearizable HISTORY… --model register|kv`: checks
 * recorded histories (Jepsen logs, Jepsen EDN, or the JSON history format)
 * for linearizability, one verdict line per file, with the explanation of
 * the failing point under each history that is not linearizable.
 */
import { parseCommandArgs, usageError } from '../commandArgs';
import { readFileSync } from 'node:fs';
import { checkHistory, type HistoryModelName, type LinearizabilityResult } from '../../check/linearizability';
import { HistoryFormatError } from '../../check/linearizability/historyOperations';
import { historyFormats, readHistoryText, HistoryParseError, type HistoryFormat } from '../historyFormats';

const usage = `usage: protocol-notebook linearizable HISTORY... [--model register|kv] [options]

Checks each history file and prints one line per file:
  FILE: linearizable | not linearizable | unknown (time limit) | error: ...
followed, for a history that is not linearizable, by the point where it fails.

options:
  --model register|kv   the object the history is about (required unless a JSON history names it)
  --format jepsen|edn|json
                        the file format (default: from the file name, then the content)
  --no-partition        check a key-value history as a whole instead of per key
  --initial JSON        what the register or every key holds first (default: null for a register, "" for kv)
  --time-limit SECONDS  give up on a history after this long (verdict: unknown)
  --json                print one JSON result object per file instead

Exit code: 0 all linearizable, 1 any not linearizable (or unknown), 2 usage or unreadable file.`;

/** Runs the command; resolves to the exit code. */
export async function main(args: string[]): Promise<number> {
  const parsed = parseCommandArgs('linearizable', usage, args, {
    model: { type: 'string' },
    format: { type: 'string' },
    'no-partition': { type: 'boolean', default: false },
    initial: { type: 'string' },
    'time-limit': { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals: files } = parsed;
  const problem = usageProblem(values, files);
  if (problem) {
    return usageError('linearizable', usage, problem);
  }
  const format = values.format as HistoryFormat | undefined;
  const timeLimitMs = values['time-limit'] === undefined ? undefined : Number(values['time-limit']) * 1000;
  const initialFlag = values.initial === undefined ? undefined : (JSON.parse(values.initial) as string | number | boolean | null);

  let exitCode = 0;
  for (const file of files) {
    let result: LinearizabilityResult;
    try {
      const read = readHistoryText(readFileSync(file, 'utf8'), file, format);
      const model = (values.model ?? read.model) as HistoryModelName | undefined;
      if (!model) throw new HistoryParseError('no --model given and the file names none');
      const initialValue = initialFlag !== undefined ? initialFlag : read.initialValue;
      result = checkHistory(read.history, model, { noPartition: values['no-partition'], timeLimitMs, initialValue });
    } catch (error) {
      if (!(error instanceof HistoryParseError || error instanceof HistoryFormatError || isFileError(error))) throw error;
      console.log(values.json ? JSON.stringify({ file, error: error.message }) : `${file}: error: ${error.message}`);
      exitCode = Math.max(exitCode, 2);
      continue;
    }
    if (result.verdict !== 'linearizable') exitCode = Math.max(exitCode, 1);
    console.log(values.json ? JSON.stringify({ file, ...result }) : verdictLines(file, result));
  }
  return exitCode;
}

function usageProblem(values: { model?: string; format?: string; initial?: string; 'time-limit'?: string }, files: string[]): string | undefined {
  if (files.length === 0) return 'no history files given';
  if (values.model !== undefined && values.model !== 'register' && values.model !== 'kv') return `unknown model '${values.model}'`;
  if (values.format !== undefined && !historyFormats.includes(values.format as HistoryFormat)) return `unknown format '${values.format}'`;
  const limit = values['time-limit'];
  if (limit !== undefined && !(Number(limit) > 0)) return `--time-limit needs a positive number of seconds`;
  if (values.initial !== undefined) {
    try {
      const initial: unknown = JSON.parse(values.initial);
      if (initial !== null && typeof initial === 'object') return '--initial must be a JSON scalar';
    } catch {
      return `--initial is not JSON: ${values.initial}`;
    }
  }
  return undefined;
}

/** The verdict line, and for a failure the explanation indented beneath it. */
function verdictLines(file: string, result: LinearizabilityResult): string {
  const verdict = result.verdict === 'not-linearizable' ? 'not linearizable' : result.verdict === 'unknown' ? 'unknown (time limit)' : 'linearizable';
  const count = result.partitions.length;
  const head = `${file}: ${verdict} (${result.model}, ${count} ${count === 1 ? 'partition' : 'partitions'})`;
  const explanation = result.explanation;
  if (!explanation) return head;
  const partition = result.partitions[explanation.partition];
  const where = count > 1 ? `  in ${partition.label}:\n` : '';
  return `${head}\n${where}${explanation.message.replace(/^/gm, '  ')}`;
}

function isFileError(error: unknown): error is Error {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';
}
