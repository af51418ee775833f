/**
 * Interns the values a key–value store holds as small integers, so that a
 * model state is a number: compared with ===, hashed in O(1), and never
 * allocated in the search's inner loop.
 *
 * Appends are the expensive case: the search appends the same suffixes in
 * many orders, and building each result as a string (as long as the value)
 * would fill the heap. So an appended value is a node (parent id, suffix id)
 * carrying its length and a content hash, spelled out as a string only to
 * confirm a match against a value that a read returned. Two nodes may spell
 * the same string (say, a put of "ab" and appends of "a" then "b"); they
 * then count as different states, which costs the memo a little and never
 * changes a verdict, since reads and cas compare contents.
 */
import { hashString, type ScalarValue } from './valueHash';

export class ValueTable {
  /** Ids of the plain values (those not built by appending). */
  private readonly ids = new Map<ScalarValue, number>();
  /** A plain value's value; undefined for an appended one. */
  private readonly plain: (ScalarValue | undefined)[] = [];
  /** An appended value's parent and suffix ids; -1 for a plain value. */
  private parent = new Int32Array(1024);
  private suffix = new Int32Array(1024);
  /** Length and FNV hash of the value as appended to ("" for null), for every id. */
  private textLength = new Int32Array(1024);
  private textHash = new Int32Array(1024);
  private count = 0;
  /** (parent, suffix) -> appended id: open addressing, keys in appendKeys[2s], appendKeys[2s+1]. */
  private appendKeys = new Int32Array(2048).fill(-1);
  private appendIds = new Int32Array(1024);
  private appendMask = 1023;
  private appendCount = 0;
  /** The string each appended id last matched, so repeated reads of it compare by reference. */
  private readonly confirmed: (string | undefined)[] = [];
  private readonly stringHashes = new Map<string, number>();

  /** The id of a plain value, adding it if new. */
  intern(value: ScalarValue): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.add(-1, -1);
      this.plain[id] = value;
      this.ids.set(value, id);
      const text = appendText(value);
      this.textLength[id] = text.length;
      this.textHash[id] = hashString(text);
    }
    return id;
  }

  /** Whether value `id` is `value`: a plain value exactly, an appended one by its text. */
  holds(id: number, value: ScalarValue): boolean {
    if (this.parent[id] < 0) return this.plain[id] === value;
    if (typeof value !== 'string' || value.length !== this.textLength[id]) return false;
    if (this.confirmed[id] === value) return true;
    let hash = this.stringHashes.get(value);
    if (hash === undefined) this.stringHashes.set(value, (hash = hashString(value)));
    if (hash !== this.textHash[id] || this.valueOf(id) !== value) return false;
    this.confirmed[id] = value;
    return true;
  }

  /** The value with id `id`; an appended value is spelled out. */
  valueOf(id: number): ScalarValue {
    if (this.parent[id] < 0) return this.plain[id] as ScalarValue;
    const parts: string[] = [];
    let node = id;
    for (; this.parent[node] >= 0; node = this.parent[node]) parts.push(appendText(this.plain[this.suffix[node]] as ScalarValue));
    parts.push(appendText(this.plain[node] as ScalarValue));
    return parts.reverse().join('');
  }

  /** The id of `valueOf(id) + valueOf(suffix)` as strings (null counts as ""); `suffix` must be a plain value's id. */
  append(id: number, suffix: number): number {
    let slot = Math.imul(id, 0x9e3779b1) ^ Math.imul(suffix, 0x85ebca6b);
    for (slot &= this.appendMask; this.appendKeys[2 * slot] !== -1; slot = (slot + 1) & this.appendMask) {
      if (this.appendKeys[2 * slot] === id && this.appendKeys[2 * slot + 1] === suffix) return this.appendIds[slot];
    }
    const result = this.add(id, suffix);
    const suffixText = appendText(this.plain[suffix] as ScalarValue);
    this.textLength[result] = this.textLength[id] + suffixText.length;
    this.textHash[result] = hashString(suffixText, this.textHash[id]);
    this.appendKeys[2 * slot] = id;
    this.appendKeys[2 * slot + 1] = suffix;
    this.appendIds[slot] = result;
    if (++this.appendCount * 2 > this.appendMask) this.growAppendTable();
    return result;
  }

  private add(parent: number, suffix: number): number {
    const id = this.count++;
    if (id === this.parent.length) {
      this.parent = grown(this.parent);
      this.suffix = grown(this.suffix);
      this.textLength = grown(this.textLength);
      this.textHash = grown(this.textHash);
    }
    this.parent[id] = parent;
    this.suffix[id] = suffix;
    return id;
  }

  private growAppendTable(): void {
    const keys = this.appendKeys;
    const ids = this.appendIds;
    const size = ids.length * 2;
    this.appendKeys = new Int32Array(2 * size).fill(-1);
    this.appendIds = new Int32Array(size);
    this.appendMask = size - 1;
    for (let s = 0; s < ids.length; s++) {
      const id = keys[2 * s];
      if (id === -1) continue;
      const suffix = keys[2 * s + 1];
      let slot = (Math.imul(id, 0x9e3779b1) ^ Math.imul(suffix, 0x85ebca6b)) & this.appendMask;
      while (this.appendKeys[2 * slot] !== -1) slot = (slot + 1) & this.appendMask;
      this.appendKeys[2 * slot] = id;
      this.appendKeys[2 * slot + 1] = suffix;
      this.appendIds[slot] = ids[s];
    }
  }
}

/** A hash of a value id. */
export function hashValueId(id: number): number {
  return Math.imul(id + 1, 0x9e3779b1);
}

/** How a value reads when appended to or appended: as a string, null as "". */
function appendText(value: ScalarValue): string {
  return value === null ? '' : String(value);
}

function grown(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}
