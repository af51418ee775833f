/** The CLI's commands, one row each. Add a command by adding its module here. */
import * as check from './check';
import * as explore from './explore';
import * as linearizable from './linearizable';
import * as lint from './lint';
import * as merge from './merge';
import * as run from './run';

export interface CliCommand {
  summary: string;
  /** Runs the command with its arguments; resolves to the process exit code. */
  main(args: string[]): Promise<number>;
}

export const commands: Record<string, CliCommand> = {
  run,
  linearizable,
  lint,
  explore,
  check,
  merge,
};
