/**
 * Raft's Figure 8 from its textbook notebook: the notebook's first cell
 * (the `raft` node and the `figure8` schedule) compiled and evaluated with
 * the API as its import, so the bench sweeps the notebook's own protocol.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import * as api from '../src/api/index';
import type { NodeDefinition, SimulationConfig } from '../src/api/index';

const NOTEBOOK = join(__dirname, '..', 'test', 'fixtures', 'textbook', 'raft-figure-8.protocol.md');

/** The notebook's Figure 8 configuration with the buggy commit rule. */
export function figure8Buggy(): SimulationConfig {
  const cell = /```ts\n([\s\S]*?)```/.exec(readFileSync(NOTEBOOK, 'utf8'))?.[1] ?? '';
  const code = transformSync(cell.replace(/^import .*$/m, ''), { loader: 'ts' }).code;
  const names = Object.keys(api);
  const make = new Function(...names, `${code}\nreturn { raft, figure8 };`) as (...values: unknown[]) => { raft: (rule: string) => NodeDefinition; figure8: (server: NodeDefinition) => SimulationConfig };
  const { raft, figure8 } = make(...names.map((name) => (api as Record<string, unknown>)[name]));
  return figure8(raft('any term (buggy)'));
}

/**
 * The same protocol, network and properties with the notebook's
 * hand-written faults taken out: whatever finds the bug here finds it
 * from a fault schedule of its own.
 */
export function figure8Unscripted(): SimulationConfig {
  const { faults: _scripted, ...config } = figure8Buggy();
  return config;
}
