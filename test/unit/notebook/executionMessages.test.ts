import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeCellNumbers, replayNote, restrictedModeMessage, stoppedMessage, typeErrorNote } from '../../../src/notebook/executionMessages';

test('cell numbers read as ranges', () => {
  assert.equal(describeCellNumbers([2]), 'cell 2');
  assert.equal(describeCellNumbers([1, 2]), 'cells 1–2');
  assert.equal(describeCellNumbers([5, 1, 2, 3]), 'cells 1–3 and 5');
  assert.equal(describeCellNumbers([1, 3, 5, 6]), 'cells 1, 3 and 5–6');
});

test('the replay note names the re-run cells', () => {
  assert.equal(replayNote([1, 2]).text, 'Re-ran cells 1–2 first (the kernel did not hold their current definitions).');
  assert.match(replayNote([3]).markdown, /^\*Re-ran cell 3 first/);
});

test('a stopped cell says what stopped it and whether the kernel was restarted', () => {
  const budget = stoppedMessage({ name: 'StepBudgetExceeded', message: 'Stopped after 1,000 steps (loop iterations and function calls): is there a loop that never ends?', stoppedBy: 'step-budget' });
  assert.match(budget, /^Stopped: the cell ran out of its step budget\. Stopped after 1,000 steps/);
  assert.match(budget, /The kernel was not restarted/);
  const timeout = stoppedMessage({ name: 'Timeout', message: 'The cell did not finish within 30000 ms and was stopped; the kernel was restarted.', stoppedBy: 'timeout' });
  assert.match(timeout, /^Stopped: the cell ran out of time\. The cell did not finish within 30000 ms and was stopped\. The kernel was restarted/);
  assert.equal(timeout.match(/kernel was restarted/gi)?.length, 1);
  const memory = stoppedMessage({ name: 'OutOfMemory', message: "The cell used more than the kernel's 1024 MB of memory and was stopped. The kernel was restarted.", stoppedBy: 'memory' });
  assert.match(memory, /ran out of memory/);
  assert.equal(memory.match(/kernel was restarted/gi)?.length, 1);
});

test('the Restricted Mode message says why and how to trust', () => {
  assert.match(restrictedModeMessage, /Restricted Mode/);
  assert.match(restrictedModeMessage, /Manage Workspace Trust/);
});

test('the replay note names the cells above that were skipped because the cell does not use them', () => {
  assert.equal(replayNote([2], [3, 4]).text, 'Re-ran cell 2 first (the kernel did not hold their current definitions); skipped cells 3–4, which this cell does not use.');
  assert.equal(replayNote([], [3]).text, 'Re-ran no cell above; skipped cell 3, which this cell does not use.');
});

test('the type error note counts the errors and names the setting that decides whether the cell runs', () => {
  assert.match(typeErrorNote(1, true).text, /^⚠ 1 type error in this cell \(.*\); it ran anyway\. .*protocolNotebook\.run\.onTypeErrors to "stop"/);
  assert.match(typeErrorNote(2, false).text, /^Not run: 2 type errors in this cell .*protocolNotebook\.run\.onTypeErrors to "run"/);
  assert.match(typeErrorNote(2, true).markdown, /\*\*2 type errors in this cell\*\*/);
});
