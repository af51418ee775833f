import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { detectHistoryFormat, HistoryParseError, readHistoryText } from '../../../../src/cli/historyFormats';

describe('reading Jepsen text logs', () => {
  const log = [
    'INFO  jepsen.util - 0\t:invoke\t:write\t4',
    'INFO  jepsen.util - 1\t:invoke\t:cas\t[4 0]',
    'some unrelated line',
    'INFO  jepsen.util - 0\t:ok\t:write\t4',
    'INFO  jepsen.util - 1\t:fail\t:cas\t[4 0]',
    'INFO  jepsen.util - 2\t:invoke\t:read\tnil',
    'INFO  jepsen.util - 2\t:ok\t:read\tnil',
    'INFO  jepsen.util - 3\t:invoke\t:write\t1',
    'INFO  jepsen.util - 3\t:info\t:write\t:timed-out',
    'INFO  jepsen.util - 4\t:invoke\t:read\tnil',
    'INFO  jepsen.util - 4\t:fail\t:read\t:timed-out',
    'INFO  jepsen.util - 5\t:invoke\t:write\t2',
  ].join('\n');

  it('pairs invocations with completions, timed by line number', () => {
    const { history } = readHistoryText(log, 'etcd_001.log');
    assert.deepEqual(history[0], { process: '0', f: 'write', input: 4, call: 1, return: 4, status: 'ok', output: 4 });
    assert.deepEqual(history[1], { process: '1', f: 'cas', input: [4, 0], call: 2, return: 5, status: 'fail' });
    assert.deepEqual(history[2], { process: '2', f: 'read', input: null, call: 6, return: 7, status: 'ok', output: null });
  });

  it('keeps crashed and unanswered operations as info, without a return for the unanswered', () => {
    const { history } = readHistoryText(log, 'etcd_001.log');
    assert.equal(history[3].status, 'info');
    assert.equal(history[4].status, 'fail'); // a timed-out read: no result
    assert.deepEqual(history[5], { process: '5', f: 'write', input: 2, call: 12, status: 'info' });
  });

  it('rejects a completion with no invocation, naming the line', () => {
    assert.throws(() => readHistoryText('INFO  jepsen.util - 7\t:ok\t:read\t1', 'x.log'), (e: unknown) => e instanceof HistoryParseError && /line 1: process 7 completes read/.test(e.message));
  });
});

describe('reading Jepsen EDN histories', () => {
  it('reads one map per line, with keys, and skips the nemesis', () => {
    const text = [
      '{:process 0, :type :invoke, :f :append, :key "0", :value "x 0 0 y"}',
      '{:process :nemesis, :type :info, :f :start, :value nil}',
      '{:process 0, :type :ok, :f :append, :key "0", :value "x 0 0 y"}',
      '{:process 1, :type :invoke, :f :get, :key "0", :value nil}',
      '{:process 1, :type :ok, :f :get, :key "0", :value "x 0 0 y"}',
    ].join('\n');
    const { history } = readHistoryText(text, 'c01-ok.txt');
    assert.deepEqual(history, [
      { process: '0', f: 'append', key: '0', input: 'x 0 0 y', call: 1, return: 3, status: 'ok', output: 'x 0 0 y' },
      { process: '1', f: 'get', key: '0', input: null, call: 4, return: 5, status: 'ok', output: 'x 0 0 y' },
    ]);
  });

  it('reads lines with nested or escaped values as general EDN, the same as flat ones', () => {
    const text = [
      '{:process 1, :type :invoke, :f :cas, :value [1 2], :time -5}',
      '{:process 1 :type :fail :f :cas :value [1 2] :error :precondition}',
      '{:process 2, :type :invoke, :f :write, :value "say \\"hi\\""}',
      '{:process 2, :type :ok, :f :write, :value "say \\"hi\\"", :ok? true}',
    ].join('\n');
    const { history } = readHistoryText(text, 'h.edn');
    assert.deepEqual(history, [
      { process: '1', f: 'cas', input: [1, 2], call: 1, return: 2, status: 'fail' },
      { process: '2', f: 'write', input: 'say "hi"', call: 3, return: 4, status: 'ok', output: 'say "hi"' },
    ]);
  });

  it('reads a vector of maps too', () => {
    const { history } = readHistoryText('[{:process 0 :type :invoke :f :write :value 3} {:process 0 :type :ok :f :write :value 3}]', 'h.edn');
    assert.deepEqual(history, [{ process: '0', f: 'write', input: 3, call: 1, return: 2, status: 'ok', output: 3 }]);
  });

  it('reports a line that is not EDN', () => {
    assert.throws(() => readHistoryText('{:process 0, :type :invoke, :f :get\n', 'h.edn'), HistoryParseError);
  });
});

describe('reading the JSON history format', () => {
  it('reads an object with model, initial value and operations', () => {
    const text = JSON.stringify({
      version: 1,
      model: 'kv',
      initialValue: null,
      operations: [{ process: 'c1', f: 'write', key: 'x', input: 1, call: 0, return: 2, status: 'ok' }],
    });
    const file = readHistoryText(text, 'history.json');
    assert.equal(file.model, 'kv');
    assert.equal(file.initialValue, null);
    assert.deepEqual(file.history, [{ process: 'c1', f: 'write', key: 'x', input: 1, call: 0, return: 2, status: 'ok' }]);
  });

  it('reads a bare array, and numbers as process names', () => {
    const file = readHistoryText('[{"process": 3, "f": "read", "call": 1, "status": "info"}]', 'h.json');
    assert.deepEqual(file.history, [{ process: '3', f: 'read', input: null, call: 1, status: 'info' }]);
  });

  it('names what is wrong with a malformed operation', () => {
    assert.throws(() => readHistoryText('[{"process": "a", "f": "read", "call": 1, "status": "done"}]', 'h.json'), /operation 0: "status" must be/);
    assert.throws(() => readHistoryText('{"operations": [], "model": "queue"}', 'h.json'), /unknown model "queue"/);
    assert.throws(() => readHistoryText('{"ops": []}', 'h.json'), /expected an array of operations/);
  });
});

describe('choosing a reader', () => {
  it('goes by file name first, then by content', () => {
    assert.equal(detectHistoryFormat('a.json', ''), 'json');
    assert.equal(detectHistoryFormat('a.edn', ''), 'edn');
    assert.equal(detectHistoryFormat('a.log', ''), 'jepsen');
    assert.equal(detectHistoryFormat('c10-ok.txt', '{:process 0, :type :invoke}'), 'edn');
    assert.equal(detectHistoryFormat('h.txt', '  [{"process": 1}]'), 'json');
    assert.equal(detectHistoryFormat('h.txt', 'INFO  jepsen.util - 0\t:invoke\t:read\tnil'), 'jepsen');
  });
});
