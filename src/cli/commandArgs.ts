/**
 * What every command does with its arguments before its own work: parse
 * them (node:util's parseArgs, with `--help`/`-h` added), print the usage on
 * `--help` or on a parse error, and read whole-number options.
 */
import { parseArgs } from 'node:util';

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'] & object;
const help = { help: { type: 'boolean', short: 'h', default: false } } as const;

/** Exit code of a usage error. */
export const USAGE_ERROR = 2;

/**
 * The parsed arguments of `protocol-notebook <command>`, or the exit code to
 * return at once: 0 after printing the usage for `--help`, 2 after printing
 * a parse error and the usage.
 */
export function parseCommandArgs<O extends Options>(command: string, usage: string, args: string[], options: O) {
  let parsed;
  try {
    parsed = parseArgs<{ args: string[]; allowPositionals: true; options: O & typeof help }>({ args, allowPositionals: true, options: { ...options, ...help } });
  } catch (error) {
    return usageError(command, usage, error instanceof Error ? error.message : String(error));
  }
  if ((parsed.values as { help?: boolean }).help) {
    console.log(usage);
    return 0;
  }
  return parsed;
}

/** Prints `problem` and the usage; returns the exit code of a usage error. */
export function usageError(command: string, usage: string, problem: string): number {
  console.error(`protocol-notebook ${command}: ${problem}\n\n${usage}`);
  return USAGE_ERROR;
}

/** A non-negative integer option, undefined when absent, null when malformed. */
export function wholeNumber(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  return /^\d+$/.test(text) ? Number(text) : null;
}
