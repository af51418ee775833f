/**
 * Where the notebook program finds the `protocol-notebook` module that cells
 * import: the API's own types, so that hover, completion and checking show
 * exactly the API the kernel runs. Next to a bundle they are the declarations
 * the build emits (`dist/protocol-api/api/index.d.ts`); from the sources
 * (tests, the CLI run through tsx) they are `src/api/index.ts` itself.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The module name cells import. */
export const protocolApiModule = 'protocol-notebook';

/** The API's entry file and the folder its files (and the files they import) live in. */
export interface ProtocolApiLocation {
  entry: string;
  root: string;
}

/** What the commands that type-check say when `findProtocolApi` finds nothing. */
export const API_NOT_FOUND = 'the protocol-notebook API declarations were not found next to the command';

/** Finds the API's types, or undefined when neither the build output nor the sources are there. */
export function findProtocolApi(): ProtocolApiLocation | undefined {
  const candidates = [
    join(__dirname, 'protocol-api', 'api', 'index.d.ts'),
    join(__dirname, '..', 'api', 'index.ts'),
  ];
  const entry = candidates.find((c) => existsSync(c));
  return entry ? { entry, root: dirname(dirname(entry)) } : undefined;
}
