import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TRACE_FORMAT, TRACE_FORMAT_VERSION } from '../../src/common/traceFormat';

test('trace format is named and versioned', () => {
  assert.equal(TRACE_FORMAT, 'protocol-notebook-trace');
  assert.equal(TRACE_FORMAT_VERSION, 1);
});
