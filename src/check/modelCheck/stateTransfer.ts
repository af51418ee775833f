/**
 * States sent from one thread of a partitioned search to another (to balance
 * a level), as JSON. A batch lists each node slot and each message in flight
 * once, and each state as a row of numbers pointing into those lists (as a
 * frontier level does, see frontier.ts). Values are written with the tagged
 * encoding (Map, Set, undefined survive). The receiver rebuilds each state in
 * its own ProtocolModel, which hashes it again, and checks that the
 * fingerprint is the one the sender computed: a state that does not survive
 * the copy is an error, never a different state counted in silence.
 */
import type { HistoryOperation } from '../../common/history';
import type { JsonValue } from '../../common/traceFormat';
import { decodeValue, encodeValue } from '../../common/valueEncoding';
import type { EffectRecord } from '../../engine/api/propertyTypes';
import type { Message } from '../../engine/api/types';
import { Random } from '../../engine/model/random';
import { effectsOf, type Envelope, type ModelError, type ModelState, type NodeSlot, type TimerEntry } from './modelState';
import type { ProtocolModel } from './protocolModel';

/** A slot: state, durable, random stream state, up (1/0), timers as [name, data, at], and its hash (2). */
type SlotData = [JsonValue, JsonValue, number[], number, [string, JsonValue, number][], number, number];
/** A message in flight: from, to, payload, may duplicate (1/0), arrival time, and its hash (2). */
type EnvelopeData = [number, number, JsonValue, number, number, number, number];
/** Effects (data encoded) and history of one or more rows. */
type ExtrasData = [[string, string, JsonValue, number, number][], HistoryOperation[]];
/**
 * A state: parent (its number times the thread count plus its owner), action
 * index, fingerprint (2), crashes, time, history hash (2), extras index (or
 * -1), error (or 0), then each node's slot index, then the network's
 * envelope indexes.
 */
type Row = (number | ModelError)[];

export interface BatchData {
  s: SlotData[];
  e: EnvelopeData[];
  x: ExtrasData[];
  r: Row[];
}

/** The fixed fields of a row, before the slot indexes. */
const ROW_HEADER = 10;

/** Slots and envelopes as sent, kept for the next batches: most recur from level to level. */
const slotData = new WeakMap<NodeSlot, SlotData>();
const envelopeData = new WeakMap<Envelope, EnvelopeData>();

/** Collects states for one owner. */
export class BatchWriter {
  private readonly slots = new Map<NodeSlot, number>();
  private readonly envelopes = new Map<Envelope, number>();
  private readonly extras = new Map<unknown, Map<unknown, number>>();
  private readonly data: BatchData = { s: [], e: [], x: [], r: [] };

  get length(): number {
    return this.data.r.length;
  }

  add(state: ModelState, parent: number, action: number): void {
    const row: Row = [parent, action, state.a, state.b, state.crashes, state.now, state.historyA, state.historyB, this.extrasOf(state), state.error ?? 0];
    for (const slot of state.nodes) row.push(this.slotOf(slot));
    for (const envelope of state.network) row.push(this.envelopeOf(envelope));
    this.data.r.push(row);
  }

  /** The batch as JSON text. */
  text(): string {
    return JSON.stringify(this.data);
  }

  private slotOf(slot: NodeSlot): number {
    let index = this.slots.get(slot);
    if (index === undefined) {
      index = this.data.s.length;
      this.slots.set(slot, index);
      let data = slotData.get(slot);
      if (!data) {
        const timers = slot.timers.map((t): [string, JsonValue, number] => [t.name, encodeValue(t.data), t.at]);
        data = [encodeValue(slot.state), encodeValue(slot.durable), [...slot.random.state()], slot.up ? 1 : 0, timers, slot.a, slot.b];
        slotData.set(slot, data);
      }
      this.data.s.push(data);
    }
    return index;
  }

  private envelopeOf(envelope: Envelope): number {
    let index = this.envelopes.get(envelope);
    if (index === undefined) {
      index = this.data.e.length;
      this.envelopes.set(envelope, index);
      let data = envelopeData.get(envelope);
      if (!data) {
        data = [envelope.from, envelope.to, encodeValue(envelope.payload), envelope.canDuplicate ? 1 : 0, envelope.at, envelope.a, envelope.b];
        envelopeData.set(envelope, data);
      }
      this.data.e.push(data);
    }
    return index;
  }

  private extrasOf(state: ModelState): number {
    if (state.effects === null && state.history.length === 0) return -1;
    let byHistory = this.extras.get(state.effects);
    if (!byHistory) this.extras.set(state.effects, (byHistory = new Map()));
    let index = byHistory.get(state.history);
    if (index === undefined) {
      index = this.data.x.length;
      byHistory.set(state.history, index);
      const effects = effectsOf(state.effects).map((e): [string, string, JsonValue, number, number] => [e.node, e.kind, encodeValue(e.data), e.t, e.event]);
      this.data.x.push([effects, [...state.history]]);
    }
    return index;
  }
}

/** A state received, rebuilt in the owner's model. */
export interface ReceivedState {
  state: ModelState;
  parent: number;
  action: number;
}

/**
 * Rebuilt slots and envelopes by the hash their sender gave (slots also by
 * node), so that a part met again is neither decoded nor hashed again, and
 * states received in different batches share it (and the handler outcomes
 * memoized on a slot). A part is decoded and hashed the first time, and
 * refused when its hash differs from the sender's. Emptied when it grows
 * large: sharing is an optimisation only.
 */
export class ReceivedParts {
  private slots = new Map<string, NodeSlot>();
  private envelopes = new Map<string, Envelope>();

  slot(k: number, data: SlotData, make: () => NodeSlot): NodeSlot {
    const key = `${k},${data[5]},${data[6]}`;
    const known = this.slots.get(key);
    if (known) return known;
    const made = make();
    if (made.a !== data[5] || made.b !== data[6]) throw new Error(COPY_ERROR);
    if (this.slots.size >= 1 << 16) this.slots = new Map();
    this.slots.set(key, made);
    return made;
  }

  envelope(data: EnvelopeData, make: () => Envelope): Envelope {
    const key = `${data[5]},${data[6]}`;
    const known = this.envelopes.get(key);
    if (known && known.at === data[4]) return known;
    const made = make();
    if (made.a !== data[5] || made.b !== data[6]) throw new Error(COPY_ERROR);
    if (this.envelopes.size >= 1 << 16) this.envelopes = new Map();
    this.envelopes.set(key, made);
    return made;
  }
}

const COPY_ERROR =
  'check: a state sent to another worker thread has a different fingerprint there: its node states, messages or effects are not plain data that survives a copy (use objects, arrays, Map, Set, strings, numbers, booleans); run with workers: 1';

/**
 * The states of a batch the owner has not seen (`known` answers by
 * fingerprint, before anything is decoded), rebuilt and rehashed in `model`;
 * throws when a fingerprint differs from the sender's.
 */
export function readBatch(model: ProtocolModel, batch: BatchData, parts: ReceivedParts, known: (a: number, b: number) => boolean): ReceivedState[] {
  const n = model.ids.length;
  const slotAt = new Array<NodeSlot | undefined>(batch.s.length);
  const envelopeAt = new Array<Envelope | undefined>(batch.e.length);
  const envelope = (at: number): Envelope => {
    let made = envelopeAt[at];
    if (!made) {
      const data = batch.e[at];
      const [from, to, payload, canDuplicate, time] = data;
      made = parts.envelope(data, () => model.restoreEnvelope(from, to, decodeValue(payload) as Message, canDuplicate === 1, time));
      envelopeAt[at] = made;
    }
    return made;
  };
  const extras = batch.x.map(([effects, history]) => ({
    effects: effects.map(([node, kind, data, t, event]): EffectRecord => ({ node, kind, data: decodeValue(data), t, event })),
    history,
  }));
  const states: ReceivedState[] = [];
  for (const row of batch.r) {
    if (known(row[2] as number, row[3] as number)) continue;
    const nodes = new Array<NodeSlot>(n);
    for (let k = 0; k < n; k++) {
      const at = row[ROW_HEADER + k] as number;
      let slot = slotAt[at];
      if (!slot) {
        const data = batch.s[at];
        const [state, durable, random, up, timers] = data;
        slot = parts.slot(k, data, () => {
          const entries = timers.map(([name, value, time]): TimerEntry => ({ name, data: decodeValue(value), at: time }));
          return model.restoreSlot(k, decodeValue(state), decodeValue(durable) as Record<string, unknown>, Random.fromState(random), up === 1, entries);
        });
        slotAt[at] = slot;
      }
      nodes[k] = slot;
    }
    const network: Envelope[] = [];
    for (let i = ROW_HEADER + n; i < row.length; i++) network.push(envelope(row[i] as number));
    const extra = (row[8] as number) >= 0 ? extras[row[8] as number] : undefined;
    const error = row[9] === 0 ? undefined : (row[9] as ModelError);
    const state = model.restoreState(nodes, network, extra?.effects ?? [], extra?.history ?? [], row[6] as number, row[7] as number, row[4] as number, row[5] as number, error);
    if (state.a !== row[2] || state.b !== row[3]) {
      throw new Error(COPY_ERROR);
    }
    states.push({ state, parent: row[0] as number, action: row[1] as number });
  }
  return states;
}
