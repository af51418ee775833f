/**
 * The Jepsen histories with known verdicts in ../shared/corpus/linearizability
 * (relative to the repository root), as listed in its expected.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const corpusDirectory = join(__dirname, '..', '..', '..', '..', '..', 'shared', 'corpus', 'linearizability');

export interface CorpusEntry {
  file: string;
  linearizable: boolean;
  partitionByKey?: boolean;
}

export interface Corpus {
  etcd: CorpusEntry[];
  kv: CorpusEntry[];
}

/** expected.json, read from the corpus. */
export function readCorpus(): Corpus {
  return JSON.parse(readFileSync(join(corpusDirectory, 'expected.json'), 'utf8')) as Corpus;
}

/** The text of a corpus file, by its path in expected.json. */
export function corpusText(file: string): string {
  return readFileSync(join(corpusDirectory, file), 'utf8');
}
