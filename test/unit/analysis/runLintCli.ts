// Runs `protocol-notebook lint` from the sources with the given arguments (for lintCommand.test.ts).
import { main } from '../../../src/cli/commands/lint';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
