/** The chart's pure parts, in Node: the model built from a trace, the span index, value text and the Mermaid export. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildChartModel } from '../../webview/chart/chartModel';
import { NO_FILTER, visibleEvents } from '../../webview/chart/chartFilter';
import { eventSlots } from '../../webview/chart/eventSlots';
import { exportMermaid } from '../../webview/chart/exportMermaid';
import { SpanIndex } from '../../webview/chart/spanIndex';
import { formatValue, formatValueInline } from '../../webview/chart/valueText';
import { markLabel } from '../../webview/chart/markLabel';
import { describeEvent, describeJourney } from '../../webview/chart/eventText';
import { everyKindTrace, markupTrace } from '../fixtures/traces/scenarios';
import { bigTrace } from '../fixtures/traces/bigTrace';

test('every copy of a message becomes an arrow with its fate', () => {
  const model = buildChartModel(everyKindTrace());
  const fates = model.arrows.map((a) => `${a.msg.type}:${a.fate}${a.reason ? `:${a.reason}` : ''}`);
  assert.deepEqual(fates.filter((f) => f.includes('lost')).sort(), ['audit:lost:crashed-receiver', 'deposit:lost:loss', 'replicate:lost:partition']);
  assert.equal(fates.filter((f) => f === 'deposit:duplicate').length, 1);
  assert.deepEqual(fates.filter((f) => f.includes('in-flight')), ['ping:in-flight']);
  const send = model.trace.events.find((e) => e.kind === 'send' && model.trace.messages[e.msg!]!.deliveries.length === 2)!;
  assert.equal(model.arrowsOf(send).length, 2, "a duplicated message's send starts two arrows");
});

test('a partition shades the side it cuts off, for as long as it lasts', () => {
  const model = buildChartModel(everyKindTrace());
  assert.equal(model.bands.length, 1);
  const [band] = model.bands;
  assert.deepEqual(band!.lanes, [model.laneOf.get('backup')]);
  assert.deepEqual([band!.start, band!.end], [25, 40]);
  assert.equal(model.downtimes.length, 1);
  assert.equal(model.downtimes[0]!.to?.kind, 'recover');
});

test('hiding a node or a message type hides its events from navigation', () => {
  const model = buildChartModel(everyKindTrace());
  const all = visibleEvents(NO_FILTER, model);
  const withoutBackup = visibleEvents({ ...NO_FILTER, hiddenNodes: new Set(['backup']) }, model);
  assert.ok(all.some((e) => e.node === 'backup'));
  assert.ok(!withoutBackup.some((e) => e.node === 'backup'));
  assert.ok(!withoutBackup.some((e) => e.kind === 'send' && model.trace.messages[e.msg!]!.to === 'backup'), 'sends to a hidden node are hidden');
  const withoutAck = visibleEvents({ ...NO_FILTER, hiddenTypes: new Set(['ack']) }, model);
  assert.ok(!withoutAck.some((e) => e.msg !== undefined && model.trace.messages[e.msg]!.type === 'ack'));
});

test('events on one node at one instant are stacked in the order they happened', () => {
  const model = buildChartModel(everyKindTrace());
  const slots = eventSlots(model, 'time');
  const atAccount23 = model.trace.events.filter((e) => e.node === 'account' && e.t === 23);
  assert.deepEqual(atAccount23.map((e) => e.kind), ['deliver', 'effect', 'log']);
  assert.deepEqual(atAccount23.map((e) => slots[e.i]), [0, 1, 2]);
});

test('the span index finds exactly the items overlapping a window', () => {
  const items = Array.from({ length: 2000 }, (_, i) => ({ start: i, end: i + (i % 7) + (i === 500 ? 1000 : 0) }));
  const index = new SpanIndex(items, (x) => x.start, (x) => x.end);
  for (const [from, to] of [[0, 10], [900, 905], [1500.5, 1500.6], [1999, 5000]] as const) {
    const found: typeof items = [];
    index.query(from, to, (x) => found.push(x));
    const expected = items.filter((x) => x.start <= to && x.end >= from);
    assert.deepEqual(new Set(found), new Set(expected), `window ${from}..${to}`);
  }
});

test('values read as TypeScript: Maps, Sets and tags decoded, text never markup', () => {
  assert.equal(formatValueInline({ seen: { $set: ['a', 'b'] }, by: { $map: [['k', 1]] }, n: { $bigint: '12' }, u: { $undefined: true } }), '{ seen: Set { "a", "b" }, by: Map { "k" => 1 }, n: 12n, u: undefined }');
  assert.equal(formatValue({ $object: { $set: 1 } }), '{\n  $set: 1\n}', 'an escaped object is an object');
  assert.equal(formatValueInline({ 'a-b': '<img>' }), '{ "a-b": "<img>" }', 'text, to be shown with textContent');
  assert.equal(formatValueInline('x'.repeat(200), 10), '"xxxxxxxx…');
});

test('the Mermaid export names participants, marks losses, duplicates and notes, and escapes markup', () => {
  const text = exportMermaid(buildChartModel(everyKindTrace()), NO_FILTER);
  const lines = text.trim().split('\n');
  assert.equal(lines[0], 'sequenceDiagram');
  assert.deepEqual(lines.slice(1, 5), ['    actor P0 as client', '    participant P1 as account', '    participant P2 as backup', '    participant P3 as auditor']);
  assert.ok(lines.includes('    P0-xP1: deposit (lost#58; lost)'));
  assert.ok(lines.includes('    P1-xP3: audit (lost#58; receiver crashed)'));
  assert.ok(lines.includes('    Note right of P3: crash'));
  assert.ok(lines.includes('    Note over P1: VIOLATION balance never exceeds deposits'));
  const markup = exportMermaid(buildChartModel(markupTrace()), NO_FILTER);
  assert.ok(!markup.includes('<') && markup.includes('#lt;img src=x onerror=alert(1)#gt;'), markup);
  const big = exportMermaid(buildChartModel(bigTrace(5000)), NO_FILTER, 100);
  assert.ok(big.split('\n').length < 120 && /more events not shown/.test(big), 'long traces are cut with a note');
});

test('a corrupted message is a mark on its sender, described with what changed, and its journey says so', async () => {
  const { simulate, node, corrupt } = await import('../../src/api/index');
  type Msg = { type: 'chunk'; data: string };
  const Sender = node<Record<string, never>, Msg>({ init: () => ({}), start: (_s, ctx) => ctx.send('receiver', { type: 'chunk', data: 'hello' }), on: {} });
  const Receiver = node<Record<string, never>, Msg>({ init: () => ({}), on: { chunk() {} } });
  const run = simulate({ nodes: { sender: Sender, receiver: Receiver }, faults: [corrupt('sender', { probability: 1 })], properties: {}, seed: 1 });
  const model = buildChartModel(run.trace);
  const mark = model.marks.find((m) => m.kind === 'corrupt');
  assert.ok(mark, 'the corruption is drawn as a mark');
  assert.equal(mark.event.node, 'sender');
  assert.equal(markLabel(mark.event), 'corrupted by the node');
  assert.match(describeEvent(run.trace, mark.event), /^sender corrupts chunk #0 to receiver: data "hello" → "[^"]+"$/);
  assert.match(describeJourney(run.trace.messages[0]!), /corrupted by its sender \(data: "hello" → /);
});

test("a run's heal is kept for the rule across the lanes, marked on the first lane, and a note over every lane in Mermaid", async () => {
  const { simulate, node, partition } = await import('../../src/api/index');
  const Quiet = node<Record<string, never>>({ name: 'Quiet', init: () => ({}), on: {} });
  const trace = simulate({ nodes: { a: Quiet, b: Quiet }, faults: [partition(['a'], ['b'], { from: 5 })], healAt: 20, until: 30 }).trace;
  const model = buildChartModel(trace);
  assert.equal(model.heal?.t, 20);
  assert.deepEqual(model.marks.filter((m) => m.kind === 'heal').map((m) => m.lane), [model.laneOf.get('a')]);
  assert.equal(markLabel(model.heal!), 'faults stop');
  assert.match(describeEvent(trace, model.heal!), /the faults stop/);
  assert.match(exportMermaid(model, NO_FILTER), /Note over P0,P1: the faults stop \(healAt\)/);
});
