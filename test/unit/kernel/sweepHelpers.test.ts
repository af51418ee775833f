import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Worker } from 'node:worker_threads';
import { HelperGroup } from '../../../src/kernel/sweepHelpers';

/** A helper that joins the sweep and then never says a word: one that died of memory, as the kernel thread sees it. */
const silentHelper = `
const { workerData } = require('node:worker_threads');
Atomics.store(new Int32Array(workerData.joined), workerData.index, 1);
setInterval(() => {}, 1000);
`;

describe('HelperGroup', () => {
  it('gives up on a joined helper that falls silent, and ends it', async () => {
    const workers: Worker[] = [];
    const group = new HelperGroup(
      (data) => {
        const worker = new Worker(silentHelper, { eval: true, workerData: { joined: data.joined, index: data.index } });
        workers.push(worker);
        return worker;
      },
      { cells: [], ordinal: 0, total: 100, counter: new SharedArrayBuffer(4) },
      2,
    );
    const exited = new Promise<number>((resolve) => workers[0].once('exit', resolve));
    // Until the helper has joined (and for `silentMs` after), it is waited for.
    const deadline = Date.now() + 10_000;
    while (group.joinedCount === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(group.joinedCount, 1, 'the helper joined');
    group.dropSilent(300);
    assert.equal(group.complete, false, 'not given up on at once');
    await new Promise((resolve) => setTimeout(resolve, 400));
    group.dropSilent(300);
    assert.equal(group.complete, true, 'given up on after 300 ms of silence');
    assert.deepEqual(group.parts(), [], 'its part is not waited for');
    await exited;
    group.close();
  });
});
