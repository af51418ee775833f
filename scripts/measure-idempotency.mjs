// Prints the precision and recall of the static idempotency analysis and of
// the dynamic duplicate-delivery check on the held-out handlers
// (test/fixtures/handlers/heldout), and each handler either gets wrong.
// Usage: node scripts/measure-idempotency.mjs [second]  (`second`: the second held-out set)
import { join } from 'node:path';
import { run, root } from './lib.mjs';

process.exit(await run(process.execPath, ['--import', 'tsx', '-e', `import(${JSON.stringify(join(root, 'test/unit/analysis/heldoutMeasure.ts'))}).then(({ default: m }) => console.log(m.formatMeasurement(m.measureHeldout(${process.argv[2] === 'second' ? 'm.secondHeldoutDirectory' : 'm.heldoutDirectory'}))))`]));
