/**
 * `protocol-notebook <command> …`: the headless runner. Each command lives in
 * src/cli/commands/<name>.ts and exports `main(args): Promise<number>` (the exit code).
 */
import { commands } from './commands';

const usage = `usage: protocol-notebook <command> [options]

commands:
${Object.entries(commands)
  .map(([name, c]) => `  ${name.padEnd(14)}${c.summary}`)
  .join('\n')}

Run \`protocol-notebook <command> --help\` for a command's options.
Exit codes: 0 success, 1 a property or check failed, 2 usage or input error, 3 internal error.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(usage);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`protocol-notebook: unknown command '${name}'\n\n${usage}`);
    return 2;
  }
  return (await command.load()).main(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 3;
  },
);
