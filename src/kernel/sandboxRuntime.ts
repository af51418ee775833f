/**
 * The cells' realm from the inside: `sandboxRuntime` is evaluated in every
 * fresh sandbox context (its source text, through Function.prototype.toString)
 * before the engine and any cell, and returns the control object the kernel
 * drives the context with. It
 * - captures the intrinsics it needs before any other code runs, so nothing a
 *   cell replaces can change how the kernel reads the cell's results;
 * - makes the realm deterministic: a seeded `Math.random`, a frozen `Date`
 *   read in UTC, `Intl` formatting without a date sees that frozen clock, no
 *   `performance` timing, no GC- or thread-dependent globals;
 * - records `console.*` and `display()`;
 * - turns every value that leaves the realm into a JSON string, inside the
 *   realm: the kernel receives strings and never calls a method, getter or
 *   hook of a cell value, and no kernel object, function or error is ever
 *   handed to cell code;
 * - formats error stacks itself (cell, engine and sandbox frames only: no
 *   kernel frames, no install paths, no CallSite objects for cells);
 * - finally hardens the realm (`harden`): every intrinsic is frozen, the
 *   properties code commonly assigns on instances (`error.name`,
 *   `obj.toString`) are turned into accessors that define an own property
 *   instead (the "override mistake"), and `Error`, whose `prepareStackTrace`
 *   Node consults, cannot be replaced.
 *
 * Because its source is evaluated in another realm, the function must not
 * refer to anything outside its own body: no imports, no module constants.
 * Its settings arrive as a JSON string. The script-scope bindings the
 * rewritten cells use (the step counter) are made by `scopeScript`, whose
 * handle the runtime receives.
 */
import { SANDBOX } from './sandboxNames';

/** Settings of the runtime (passed as JSON). */
export interface RuntimeSettings {
  /** What `Date.now()` returns. */
  frozenNow: number;
  maxLogLines: number;
  maxDisplays: number;
  /** A value whose JSON is longer than this is shown as a notice instead. */
  maxValueChars: number;
  /** Console output of one cell kept at most, in characters. */
  maxLogChars: number;
  /** Frames kept in an error's stack. */
  stackTraceLimit: number;
  /** The brand `simulate()` puts on a run result. */
  runBrand: string;
  /** Script names whose frames a stack shows (the others are the kernel's). */
  ownScriptPrefix: string;
  apiModule: string;
  engineGlobal: string;
  sweepHostGlobal: string;
  /** Where check() finds the threads of a search over several (see src/check/modelCheck/checkThreads.ts). */
  checkThreadsGlobal: string;
  /** The name of the function the step checks call (its arguments are the check's cell position). */
  outOfStepsName: string;
}

/** The handle `scopeScript` evaluates to. */
export interface ScopeHandle {
  setSteps(steps: number): void;
  connect(hooks: { outOfSteps(script: number, line: number, column: number): never; importBinding(module: unknown, name: unknown): unknown }): void;
}

/**
 * The control object, as the kernel sees it. Arguments the kernel passes are
 * primitives (or a value the realm itself produced, passed back unread);
 * everything returned is a primitive.
 */
export interface SandboxControl {
  /** Arms a fresh step budget and reseeds Math.random, before a cell runs. */
  begin(stepBudget: number, randomSeed: number): void;
  /** `script,line,column` where the budget ran out since `begin`, or ''. */
  budgetHit(): string;
  /** Takes the value a cell script completed with; a promise is followed (drain the microtasks, then read `outcome`). */
  settle(value: unknown): void;
  /** Takes what a cell script threw. */
  settleThrown(thrown: unknown): void;
  /** JSON of an `Outcome`. */
  outcome(): string;
  /** JSON of the `Collected` console lines and displays since the last call. */
  collect(): string;
  /** JSON of an array: the tagged JSON text of each item of `values` (an array the realm made). */
  encodeEach(values: unknown): string;
  /** Installs the engine's exports (read from `engineGlobal`) as the API module and as globals. */
  installApi(seed: number | null): void;
  /** Defines the sweep host explore() uses over `bridge`, which takes and returns strings only. */
  installSweepHost(bridge: (op: string, arg: string) => string): void;
  /** Freezes the realm; called once, after the engine and the API are installed, before any cell. */
  harden(): void;
}

/** What a thrown value looked like, read inside the realm. */
export interface ThrownInfo {
  name: string;
  message: string;
  stack?: string;
  /** False when the cell threw something that is not an object (`throw 'x'`). */
  isObject: boolean;
}

/** A value that left the realm: its tagged JSON (see src/common/valueEncoding.ts). */
export interface CapturedValue {
  json: unknown;
  /** Set instead of `json` for a value whose JSON is longer than the kernel shows: its length. */
  tooLarge?: number;
  /** For a run result whose handler threw: the kept error, read inside the realm. */
  handlerError?: ThrownInfo;
}

export type Outcome =
  | { state: 'none' }
  | { state: 'value'; value: CapturedValue }
  | { state: 'thrown'; error: ThrownInfo }
  /** A promise that had not settled once every microtask had run: nothing in the sandbox can settle it later. */
  | { state: 'pending' };

export interface Collected {
  logs: { level: string; args: unknown[] }[];
  logsLeftOut: number;
  displays: CapturedValue[];
}

/** Source of the script that makes the script-scope bindings rewritten cells use; evaluates to a ScopeHandle. */
export const scopeScript = `"use strict";
let ${SANDBOX.steps} = 0;
let __pn_hooks = null;
const ${SANDBOX.outOfSteps} = (script, line, column) => __pn_hooks.outOfSteps(script, line, column);
const ${SANDBOX.importBinding} = (module, name) => __pn_hooks.importBinding(module, name);
({
  setSteps(steps) { ${SANDBOX.steps} = steps; },
  connect(hooks) { if (__pn_hooks === null) __pn_hooks = hooks; },
});
`;

/**
 * Source of the script that evaluates to the runtime function. A build that
 * keeps function names (tsx, esbuild's keepNames) wraps functions in calls
 * of its `__name` helper, which the sandbox does not have: it gets a local one.
 */
export function runtimeScript(): string {
  return `(() => { const __name = (target) => target; return (${sandboxRuntime.toString()}); })()`;
}

/** See the module comment. Runs inside the sandbox; refers to nothing outside itself. */
export function sandboxRuntime(settingsJson: string, scope: ScopeHandle): SandboxControl {
  'use strict';
  const G = globalThis as unknown as Record<PropertyKey, unknown>;
  const { Object: O, Reflect: R, JSON: J, String: S, Number: N, Error: E, TypeError: TE, SyntaxError: SE, RegExp: RegExpC, Map: MapC, Set: SetC, WeakSet: WeakSetC, Promise: P, Math: MathO, Symbol: Sym, Array: A } = globalThis;
  const apply = R.apply;
  const ownKeys = R.ownKeys;
  const describe = R.getOwnPropertyDescriptor;
  const defineProperty = R.defineProperty;
  const getPrototypeOf = R.getPrototypeOf;
  const setPrototypeOf = R.setPrototypeOf;
  const create = O.create;
  const freeze = O.freeze;
  const isFrozen = O.isFrozen;
  const isArray = A.isArray;
  const jsonStringify = J.stringify;
  const jsonParse = J.parse;
  const numberIsFinite = N.isFinite;
  const uncurry =
    <T extends (...args: never[]) => unknown>(fn: T) =>
    (self: unknown, ...args: Parameters<T>): ReturnType<T> =>
      apply(fn, self, args) as ReturnType<T>;
  /**
   * A data-property descriptor with no prototype: `defineProperty` reads a
   * descriptor's fields with inherited ones, so a literal would pick up a
   * `get` or `set` a cell put on Object.prototype.
   */
  const dataDescriptor = (value: unknown, writable: boolean, enumerable: boolean, configurable: boolean): PropertyDescriptor => {
    const d = create(null) as PropertyDescriptor;
    d.value = value;
    d.writable = writable;
    d.enumerable = enumerable;
    d.configurable = configurable;
    return d;
  };
  /**
   * Appends by defining, never by assigning: an assignment to a missing index
   * reaches the accessors a cell may put on Object.prototype's index keys
   * (it is left unfrozen), and the kernel's own arrays must not.
   */
  const push = (list: unknown[], ...items: unknown[]): number => {
    for (let i = 0; i < items.length; i++) defineProperty(list, list.length, dataDescriptor(items[i], true, true, true));
    return list.length;
  };
  const join = uncurry(A.prototype.join as (separator?: string) => string);
  const slice = uncurry(S.prototype.slice as (start?: number, end?: number) => string);
  const startsWith = uncurry(S.prototype.startsWith as (search: string) => boolean);
  const regexExec = uncurry(RegExp.prototype.exec as (text: string) => RegExpExecArray | null);
  const functionToString = uncurry(Function.prototype.toString as () => string);
  const bigintToString = uncurry(BigInt.prototype.toString as () => string);
  const weakSetHas = uncurry(WeakSetC.prototype.has as (value: object) => boolean);
  const weakSetAdd = uncurry(WeakSetC.prototype.add as (value: object) => WeakSet<object>);
  const mapSize = (describe(MapC.prototype, 'size') as PropertyDescriptor).get as () => number;
  const setSize = (describe(SetC.prototype, 'size') as PropertyDescriptor).get as () => number;
  const mapEntries = uncurry(MapC.prototype.entries as () => Iterator<[unknown, unknown]>);
  const setValues = uncurry(SetC.prototype.values as () => Iterator<unknown>);
  const mapIteratorNext = uncurry((getPrototypeOf(new MapC().entries()) as Iterator<[unknown, unknown]>).next as () => IteratorResult<[unknown, unknown]>);
  const setIteratorNext = uncurry((getPrototypeOf(new SetC().values()) as Iterator<unknown>).next as () => IteratorResult<unknown>);
  const promiseResolve = (value: unknown) => apply(P.resolve, P, [value]) as Promise<unknown>;
  const promiseThen = uncurry(P.prototype.then as (ok: (v: unknown) => void, fail: (e: unknown) => void) => Promise<unknown>);
  const settings = jsonParse(settingsJson) as RuntimeSettings;
  const standardGlobals = ownKeys(G);

  const define = (target: object, name: PropertyKey, value: unknown) =>
    defineProperty(target, name, dataDescriptor(value, true, false, true));

  // ---- Math.random: sfc32, seeded through splitmix32 so that nearby seeds differ.
  let a = 0, b = 0, c = 0, d = 0;
  const seedRandom = (seed: number) => {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = MathO.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = MathO.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    a = next(); b = next(); c = next(); d = next();
  };
  define(MathO, 'random', function random() {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  });

  // ---- Date: frozen now, and local time is UTC, so no reading depends on the machine.
  const RealDate = globalThis.Date;
  const FROZEN = settings.frozenNow;
  const dateProto = RealDate.prototype as unknown as Record<string, unknown>;
  function Date(this: unknown, ...args: unknown[]): unknown {
    if (!new.target) return new RealDate(FROZEN).toUTCString();
    return R.construct(RealDate, args.length === 0 ? [FROZEN] : args, new.target);
  }
  Date.prototype = RealDate.prototype;
  define(dateProto, 'constructor', Date);
  define(Date, 'now', function now() { return FROZEN; });
  define(Date, 'UTC', RealDate.UTC);
  define(Date, 'parse', RealDate.parse);
  for (const part of ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds']) {
    define(dateProto, 'get' + part, dateProto['getUTC' + part]);
    if (part !== 'Day') define(dateProto, 'set' + part, dateProto['setUTC' + part]);
  }
  const toISO = uncurry(RealDate.prototype.toISOString);
  define(dateProto, 'getTimezoneOffset', function getTimezoneOffset() { return 0; });
  define(dateProto, 'toString', dateProto.toUTCString);
  define(dateProto, 'toDateString', function toDateString(this: Date) { return slice(toISO(this), 0, 10); });
  define(dateProto, 'toTimeString', function toTimeString(this: Date) { return slice(toISO(this), 11); });
  define(dateProto, 'toLocaleString', dateProto.toISOString);
  define(dateProto, 'toLocaleDateString', dateProto.toDateString);
  define(dateProto, 'toLocaleTimeString', dateProto.toTimeString);
  define(G, 'Date', Date);
  define(G, 'performance', freeze({ now: () => 0, timeOrigin: FROZEN }));
  // Intl formatting without a date would read the real clock: it gets the frozen one.
  const dateTimeFormat = (globalThis.Intl.DateTimeFormat.prototype as unknown) as Record<string, unknown>;
  const formatGetter = (describe(dateTimeFormat, 'format') as PropertyDescriptor).get as () => (date?: unknown) => string;
  defineProperty(dateTimeFormat, 'format', {
    configurable: true,
    enumerable: false,
    get(this: unknown) {
      const bound = apply(formatGetter, this, []);
      return (date?: unknown) => bound(date === undefined ? FROZEN : date);
    },
  });
  for (const method of ['formatToParts']) {
    const original = dateTimeFormat[method] as (date?: unknown) => unknown;
    define(dateTimeFormat, method, function (this: unknown, date?: unknown) {
      return apply(original, this, [date === undefined ? FROZEN : date]);
    });
  }
  for (const name of ['WeakRef', 'FinalizationRegistry', 'SharedArrayBuffer', 'Atomics', 'WebAssembly']) define(G, name, undefined);

  // ---- Values leaving the realm: tagged JSON, made here with the intrinsics captured above.
  /**
   * The runtime's own objects that JSON.stringify serializes have no
   * prototype: it calls a `toJSON` it finds on any object, inherited ones
   * included, and a cell may put one on Object.prototype.
   */
  const bare = <T extends object>(fields: T): T => O.assign(create(null) as T, fields);
  const UNDEFINED = freeze(bare({ $undefined: true }));
  const escapes = new WeakSetC<object>();
  /** A real Map (or Set): its `size` getter accepts only those, proxies and look-alikes included. */
  const hasSize = (sizeGetter: () => number) => (value: object) => {
    try {
      apply(sizeGetter, value, []);
      return true;
    } catch {
      return false;
    }
  };
  const isMap = hasSize(mapSize);
  const isSet = hasSize(setSize);
  const mapAsEntries = (map: object) => {
    const entries: unknown[] = [];
    const iterator = mapEntries(map);
    for (let step = mapIteratorNext(iterator); !step.done; step = mapIteratorNext(iterator)) push(entries, [step.value[0], step.value[1]]);
    return entries;
  };
  const setAsItems = (set: object) => {
    const items: unknown[] = [];
    const iterator = setValues(set);
    for (let step = setIteratorNext(iterator); !step.done; step = setIteratorNext(iterator)) push(items, step.value);
    return items;
  };
  function tag(this: unknown, _key: string, value: unknown): unknown {
    switch (typeof value) {
      case 'undefined':
      case 'function':
      case 'symbol':
        return UNDEFINED;
      case 'number':
        return numberIsFinite(value) ? value : { $number: S(value) };
      case 'bigint':
        return { $bigint: bigintToString(value) };
      case 'object': {
        if (value === null || isArray(value)) return value;
        if (typeof this === 'object' && this !== null && weakSetHas(escapes, this)) return value;
        if (isMap(value)) return { $map: mapAsEntries(value) };
        if (isSet(value)) return { $set: setAsItems(value) };
        const keys = O.keys(value);
        if (keys.length === 1 && startsWith(keys[0], '$')) {
          const escaped = { $object: value };
          weakSetAdd(escapes, escaped);
          return escaped;
        }
        return value;
      }
      default:
        return value;
    }
  }
  /** The careful path, for a value the fast one could not encode (a cycle, a throwing getter or proxy): reads data properties only. */
  const encodeCarefully = (root: unknown): unknown => {
    const ancestors: unknown[] = [];
    const walk = (value: unknown, depth: number): unknown => {
      if (typeof value !== 'object' || value === null) return apply(tag, undefined, ['', value]);
      if (depth > 64) return '[nested too deep]';
      for (let i = 0; i < ancestors.length; i++) if (ancestors[i] === value) return '[Circular]';
      push(ancestors, value);
      try {
        if (isArray(value)) {
          const items: unknown[] = [];
          for (let i = 0; i < value.length; i++) {
            const d = describe(value, i);
            push(items, d && 'value' in d ? walk(d.value, depth + 1) : UNDEFINED);
          }
          return items;
        }
        if (isMap(value)) {
          const entries = mapAsEntries(value) as [unknown, unknown][];
          const out: unknown[] = [];
          for (let i = 0; i < entries.length; i++) push(out, [walk(entries[i][0], depth + 1), walk(entries[i][1], depth + 1)]);
          return { $map: out };
        }
        if (isSet(value)) {
          const items = setAsItems(value);
          const out: unknown[] = [];
          for (let i = 0; i < items.length; i++) push(out, walk(items[i], depth + 1));
          return { $set: out };
        }
        // No prototype: a setter a cell put on Object.prototype must not receive the fields.
        const fields = create(null) as Record<string, unknown>;
        let count = 0;
        let onlyKey = '';
        for (const key of ownKeys(value)) {
          if (typeof key !== 'string') continue;
          const d = describe(value, key);
          if (!d || !d.enumerable) continue;
          fields[key] = 'value' in d ? walk(d.value, depth + 1) : '[getter]';
          count++;
          onlyKey = key;
        }
        return count === 1 && startsWith(onlyKey, '$') ? { $object: fields } : fields;
      } catch {
        return '[unreadable]';
      } finally {
        ancestors.length--;
      }
    };
    return walk(root, 0);
  };
  /** Tagged JSON text of a value; never throws. */
  const toJson = (value: unknown): string => {
    let text: string | undefined;
    try {
      text = jsonStringify(value, tag);
    } catch {
      try {
        text = jsonStringify(encodeCarefully(value));
      } catch {
        text = jsonStringify('[value could not be shown]');
      }
    }
    return text === undefined ? jsonStringify(UNDEFINED) : text;
  };

  /** A cell-chosen value as text, inside a try: its toString may throw, loop or lie. */
  const asText = (value: unknown, limit = 10_000): string => {
    let text: string;
    try {
      text = typeof value === 'string' ? value : typeof value === 'symbol' ? 'Symbol()' : S(value);
    } catch {
      text = typeof value === 'object' && value !== null ? '[object that cannot be shown]' : typeof value;
    }
    return text.length > limit ? slice(text, 0, limit) + `… (${text.length - limit} more characters)` : text;
  };
  const read = (target: object, key: string): unknown => {
    try {
      return (target as Record<string, unknown>)[key];
    } catch {
      return undefined;
    }
  };
  const describeThrown = (thrown: unknown): ThrownInfo => {
    if ((typeof thrown !== 'object' && typeof thrown !== 'function') || thrown === null) {
      return bare({ name: 'Error', message: `Uncaught ${typeof thrown === 'string' ? jsonStringify(thrown) : asText(thrown)}`, isObject: false });
    }
    const name = read(thrown, 'name');
    const message = read(thrown, 'message');
    const stack = read(thrown, 'stack');
    const info: ThrownInfo = bare({ name: name === undefined ? 'Error' : asText(name, 200), message: message === undefined ? '' : asText(message), isObject: true });
    if (typeof stack === 'string') info.stack = asText(stack, 100_000);
    return info;
  };
  const captureValue = (value: unknown): string => {
    let handlerError = '';
    try {
      const kind = describe(value as object, 'kind');
      const kept = kind && kind.value === settings.runBrand ? describe(value as object, 'handlerError') : undefined;
      if (kept && 'value' in kept && kept.value !== undefined) handlerError = `,"handlerError":${jsonStringify(describeThrown(kept.value))}`;
    } catch {
      // Not a run result.
    }
    const json = toJson(value);
    return json.length > settings.maxValueChars ? `{"json":null,"tooLarge":${json.length}}` : `{"json":${json}${handlerError}}`;
  };

  // ---- Stacks: cell, engine and sandbox frames only, formatted here; CallSites never reach a cell.
  const callSiteText = (site: Record<string, () => unknown>): string | undefined => {
    const file = site.getFileName();
    if (typeof file !== 'string' || !startsWith(file, settings.ownScriptPrefix)) return undefined;
    const fn = site.getFunctionName();
    const where = `${file}:${S(site.getLineNumber())}:${S(site.getColumnNumber())}`;
    return typeof fn === 'string' && fn !== '' ? `    at ${fn} (${where})` : `    at ${where}`;
  };
  function formatStack(error: unknown, sites: unknown): string {
    let header = 'Error';
    try {
      const name = typeof error === 'object' && error !== null ? read(error, 'name') : undefined;
      const message = typeof error === 'object' && error !== null ? read(error, 'message') : undefined;
      const n = name === undefined ? 'Error' : asText(name, 200);
      const m = message === undefined ? '' : asText(message);
      header = m === '' ? n : n === '' ? m : `${n}: ${m}`;
    } catch {
      // The header stays 'Error'.
    }
    const lines = [header];
    try {
      const list = sites as Record<string, () => unknown>[];
      for (let i = 0; i < list.length; i++) {
        const line = callSiteText(list[i]);
        if (line !== undefined) push(lines, line);
      }
    } catch {
      // A frame that cannot be read is left out.
    }
    return join(lines, '\n');
  }

  // ---- console and display(): bounded, so a cell that logs in a long loop does not exhaust memory.
  let logs: { level: string; args: unknown[] }[] = [];
  let logsLeftOut = 0;
  let displays: unknown[] = [];
  let lastDisplayed: unknown = UNDEFINED;
  const consoleObject = {};
  for (const level of ['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir', 'table']) {
    define(consoleObject, level, function (...args: unknown[]) {
      if (logs.length < settings.maxLogLines) push(logs, { level, args });
      else logsLeftOut++;
    });
  }
  define(G, 'console', consoleObject);
  define(G, 'display', function display(value: unknown) {
    if (displays.length < settings.maxDisplays) push(displays, value);
    lastDisplayed = value;
    return value;
  });
  const collectLogs = (taken: { logs: { level: string; args: unknown[] }[]; logsLeftOut: number }): string => {
    const parts: string[] = [];
    let size = 0;
    for (let i = 0; i < taken.logs.length; i++) {
      if (size > settings.maxLogChars) {
        taken.logsLeftOut += taken.logs.length - i;
        break;
      }
      const args: string[] = [];
      for (const arg of taken.logs[i].args) {
        let text = typeof arg === 'string' && arg.length > settings.maxLogChars ? jsonStringify(asText(arg, settings.maxLogChars)) : toJson(arg);
        if (text.length > settings.maxLogChars) text = jsonStringify(`[left out: ${text.length} characters]`);
        size += text.length;
        push(args, size > settings.maxLogChars ? jsonStringify('[left out: the cell logged more than the kernel keeps]') : text);
      }
      push(parts, `{"level":${jsonStringify(taken.logs[i].level)},"args":[${join(args, ',')}]}`);
    }
    return join(parts, ',');
  };

  // ---- Where each handler of a run's nodes is: the step check the rewriter put at the
  // entry of every function carries its cell position (script, line, column).
  const locatePattern = new RegExpC(`${settings.outOfStepsName}\\((\\d+), (\\d+), (\\d+)\\)`);
  const locate = (fn: unknown) => {
    if (typeof fn !== 'function') return null;
    let source: string;
    try {
      source = functionToString(fn);
    } catch {
      return null;
    }
    const m = regexExec(locatePattern, source);
    return m && { script: N(m[1]), line: N(m[2]), column: N(m[3]) };
  };
  type NodeDefinition = { name?: unknown; spec?: { on?: object; timers?: object; start?: unknown; recover?: unknown } };
  const handlerLocations = (config: { nodes?: Record<string, NodeDefinition> } | undefined) => {
    const found: unknown[] = [];
    const seen = new SetC<unknown>();
    for (const [id, definition] of O.entries((config && config.nodes) || {})) {
      const spec = definition && definition.spec;
      if (!spec || seen.has(spec)) continue;
      seen.add(spec);
      const kind = definition.name === undefined ? id : definition.name;
      const add = (handler: string, fn: unknown) => {
        const at = locate(fn);
        if (at) push(found, { kind, handler, script: at.script, line: at.line, column: at.column });
      };
      for (const [type, fn] of O.entries(spec.on || {})) add(type, fn);
      for (const [name, fn] of O.entries(spec.timers || {})) add('timer:' + name, fn);
      add('init', spec.start);
      add('recover', spec.recover || spec.start);
    }
    return found;
  };

  // ---- The step budget and the API module, reached by the rewritten cells through `scope`.
  let budgetHit = '';
  let api: Record<string, unknown> = freeze({});
  scope.connect({
    outOfSteps(script: number, line: number, column: number): never {
      if (budgetHit === '') budgetHit = `${N(script)},${N(line)},${N(column)}`;
      const error = new E('step budget exceeded: the cell ran too many loop iterations or function calls (an endless loop?)');
      defineProperty(error, 'name', dataDescriptor('StepBudgetExceeded', true, false, true));
      throw error;
    },
    importBinding(module: unknown, name: unknown): unknown {
      if (module !== settings.apiModule) throw new E("Cannot find module '" + asText(module) + "'");
      if (name === undefined) return api;
      const key = asText(name);
      if (!O.prototype.hasOwnProperty.call(api, key)) {
        throw new SE("The module '" + settings.apiModule + "' does not provide an export named '" + key + "'");
      }
      return api[key];
    },
  });

  // ---- What a cell's script completed with.
  let outcome = '{"state":"none"}';
  /** display() returns its value, so a loop of display(...) completes with a value shown already. */
  const wasDisplayed = (value: unknown) => {
    if (value === lastDisplayed) return true;
    for (let i = 0; i < displays.length; i++) if (displays[i] === value) return true;
    return false;
  };
  const settleValue = (value: unknown) => {
    outcome = value === undefined || wasDisplayed(value) ? '{"state":"none"}' : `{"state":"value","value":${captureValue(value)}}`;
  };
  const settleThrown = (thrown: unknown) => {
    outcome = `{"state":"thrown","error":${jsonStringify(describeThrown(thrown))}}`;
  };
  const isThenable = (value: unknown) => {
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) return false;
    try {
      return typeof (value as { then?: unknown }).then === 'function';
    } catch {
      return false;
    }
  };

  // ---- Hardening.
  /** Properties code assigns on instances; frozen on their prototype, plain assignment would throw. */
  const overridable: [object, string[]][] = [
    [Function.prototype, ['constructor', 'toString']],
    [A.prototype, ['constructor', 'toString']],
    [P.prototype, ['constructor']],
  ];
  for (const ErrorType of [E, TE, RangeError, SyntaxError, ReferenceError, EvalError, URIError, AggregateError]) {
    push(overridable, [ErrorType.prototype, ['constructor', 'name', 'message', 'toString']]);
  }
  const enableOverride = (proto: object, name: string) => {
    const d = describe(proto, name);
    if (!d || !('value' in d) || !d.configurable) return;
    const value: unknown = d.value;
    defineProperty(proto, name, {
      configurable: false,
      enumerable: d.enumerable,
      get: function () {
        return value;
      },
      set: function (this: unknown, next: unknown) {
        if (this === proto) throw new TE(`Cannot assign to read only property '${name}' of a frozen intrinsic`);
        if (typeof this !== 'object' && typeof this !== 'function') return;
        if (this === null) return;
        defineProperty(this, name, dataDescriptor(next, true, true, true));
      },
    });
  };
  const hiddenIntrinsics = (): unknown[] => {
    const generator = function* () {};
    const asyncFunction = async function () {};
    const asyncGenerator = async function* () {};
    const strictArguments = (function (..._rest: unknown[]) {
      // eslint-disable-next-line prefer-rest-params
      return arguments;
    })();
    const found: unknown[] = [
      getPrototypeOf(generator),
      getPrototypeOf(asyncFunction),
      getPrototypeOf(asyncGenerator),
      getPrototypeOf(generator()),
      getPrototypeOf(asyncGenerator()),
      getPrototypeOf([][Sym.iterator]()),
      getPrototypeOf(new MapC().entries()),
      getPrototypeOf(new SetC().values()),
      getPrototypeOf(''[Sym.iterator]()),
      getPrototypeOf(/a/[Sym.matchAll]('')),
      getPrototypeOf(Uint8Array),
      (describe(strictArguments, 'callee') as PropertyDescriptor | undefined)?.get,
    ];
    try {
      push(found, getPrototypeOf(new Intl.Segmenter().segment('')));
      push(found, getPrototypeOf(new Intl.Segmenter().segment('')[Sym.iterator]()));
    } catch {
      // No Intl.Segmenter in this build.
    }
    return found;
  };
  /**
   * Left unfrozen, measured: V8's fast paths check that these objects are
   * untouched. Frozen, Object.prototype or the typed arrays (which the trace
   * is kept in) halve the speed of a traced run, and RegExp.prototype makes a
   * regular-expression replace 20 times slower. A cell may change them, which
   * changes only its own program: the kernel reads nothing through them
   * (their methods were captured above), and their members are frozen.
   */
  const TypedArray = getPrototypeOf(Uint8Array) as { prototype: object };
  const leftUnfrozen: object[] = [O.prototype, RegExp.prototype, TypedArray, TypedArray.prototype];
  for (const T of [Uint8Array, Int8Array, Uint16Array, Int16Array, Uint32Array, Int32Array, Float32Array, Float64Array, Uint8ClampedArray, BigUint64Array, BigInt64Array]) {
    push(leftUnfrozen, T, T.prototype);
  }
  /**
   * Locked, not frozen: every property made read-only and fixed, the object
   * left extensible. Frozen, Array.prototype slows every traced run by a
   * fifth and an untraced one by a tenth (V8 then takes the slow path of its
   * array built-ins); its methods still cannot be replaced. A cell may add
   * properties to it, as to Object.prototype, which changes only its own program.
   */
  const lockedNotFrozen: object[] = [A.prototype];
  const lock = (target: object) => {
    for (const key of ownKeys(target)) {
      const d = describe(target, key) as PropertyDescriptor;
      if ('value' in d) d.writable = false;
      d.configurable = false;
      defineProperty(target, key, d);
    }
    // Redefining its properties leaves the object in V8's slow (dictionary) mode; an object made with it as prototype turns it back.
    setPrototypeOf(create(null), target);
    create(target);
  };
  const freezeAll = (roots: unknown[]) => {
    for (const target of lockedNotFrozen) {
      lock(target);
      push(leftUnfrozen, target);
    }
    const seen = new WeakSetC<object>(leftUnfrozen);
    const pending = roots;
    // The members of an unfrozen prototype are frozen all the same (its functions are shared intrinsics).
    for (const proto of leftUnfrozen) {
      for (const key of ownKeys(proto)) {
        const d = describe(proto, key) as PropertyDescriptor;
        push(pending, 'value' in d ? d.value : d.get, d.set);
      }
    }
    while (pending.length > 0) {
      const item = pending.pop();
      if ((typeof item !== 'object' && typeof item !== 'function') || item === null || item === G) continue;
      if (weakSetHas(seen, item)) continue;
      weakSetAdd(seen, item);
      push(pending, getPrototypeOf(item));
      for (const key of ownKeys(item)) {
        const d = describe(item, key);
        if (!d) continue;
        if ('value' in d) push(pending, d.value);
        else push(pending, d.get, d.set);
      }
      if (!isFrozen(item)) freeze(item);
    }
  };

  return freeze({
    begin(stepBudget: number, randomSeed: number) {
      scope.setSteps(N(stepBudget));
      budgetHit = '';
      outcome = '{"state":"none"}';
      lastDisplayed = UNDEFINED;
      seedRandom(N(randomSeed));
      // Array.prototype is locked, not frozen (see lockedNotFrozen), so a cell can give it another prototype; the next cell starts with the real one.
      for (const target of lockedNotFrozen) if (getPrototypeOf(target) !== O.prototype) setPrototypeOf(target, O.prototype);
    },
    budgetHit: () => budgetHit,
    settle(value: unknown) {
      if (!isThenable(value)) return settleValue(value);
      outcome = '{"state":"pending"}';
      try {
        promiseThen(promiseResolve(value), settleValue, settleThrown);
      } catch (thrown) {
        settleThrown(thrown);
      }
    },
    settleThrown,
    outcome: () => outcome,
    collect() {
      // Taken first: a getter or toJSON run while encoding may log or display again, into the next collection.
      const taken = { logs, logsLeftOut, displays };
      logs = [];
      logsLeftOut = 0;
      displays = [];
      const logText = collectLogs(taken);
      const parts: string[] = [];
      for (let i = 0; i < taken.displays.length; i++) push(parts, captureValue(taken.displays[i]));
      return `{"logs":[${logText}],"logsLeftOut":${taken.logsLeftOut},"displays":[${join(parts, ',')}]}`;
    },
    encodeEach(values: unknown) {
      const texts: string[] = [];
      // Quoted one by one (a string has no toJSON); the array itself would inherit one.
      if (isArray(values)) for (let i = 0; i < values.length; i++) push(texts, jsonStringify(toJson(values[i])));
      return `[${join(texts, ',')}]`;
    },
    installApi(seed: number | null) {
      const engine = G[settings.engineGlobal];
      const exports: Record<string, unknown> = {};
      if (typeof engine === 'object' && engine !== null) {
        for (const name of O.keys(engine)) exports[name] = (engine as Record<string, unknown>)[name];
      }
      if (typeof exports.simulate === 'function') {
        const simulate = exports.simulate as (config: unknown, ...rest: unknown[]) => { trace?: { handlers?: unknown } };
        exports.simulate = function simulate_(config: { nodes?: Record<string, NodeDefinition> } | undefined, ...rest: unknown[]) {
          const result = simulate(typeof seed === 'number' ? O.assign({}, config, { seed }) : config, ...rest);
          try {
            if (result && result.trace && !result.trace.handlers) result.trace.handlers = handlerLocations(config);
          } catch {
            // Locations are a convenience for the chart; a run never fails for want of them.
          }
          return result;
        };
      }
      api = freeze(exports);
      defineProperty(G, settings.engineGlobal, { value: undefined, writable: false, configurable: false });
      // Also as globals, so a cell may skip the import; never over a built-in.
      for (const name of O.keys(api)) {
        if (name in G) continue;
        define(G, name, api[name]);
      }
    },
    installSweepHost(bridge: (op: string, arg: string) => string) {
      const call = (op: string, arg: string): unknown => {
        let answer: unknown;
        try {
          answer = bridge(op, arg);
        } catch {
          answer = '!the kernel failed to run the sweep';
        }
        if (typeof answer !== 'string') answer = '!the kernel failed to run the sweep';
        const text = answer as string;
        if (text.charCodeAt(0) === 33) {
          const error = new E(slice(text, 1));
          defineProperty(error, 'name', dataDescriptor('SweepError', true, false, true));
          throw error;
        }
        return jsonParse(text);
      };
      const number = (value: unknown) => (typeof value === 'number' ? value : N.NaN);
      defineProperty(G, settings.sweepHostGlobal, {
        value: freeze({
          begin: (total: unknown, workers: unknown) => call('begin', `[${jsonStringify(number(total))},${workers === undefined ? 'null' : jsonStringify(number(workers))}]`),
          claim: () => call('claim', ''),
          progress: (done: unknown, failed: unknown) => call('progress', `${number(done)},${number(failed)}`),
          finish: (outcomes: unknown) => call('finish', toJson(outcomes)),
        }),
        writable: false,
        configurable: false,
        enumerable: false,
      });
      const text = (value: unknown) => (typeof value === 'string' ? value : 'null');
      const link = (place: unknown) => {
        if (place === null || typeof place !== 'object') return null;
        const { index, count } = place as { index: unknown; count: unknown };
        return freeze({
          index: number(index),
          count: number(count),
          send: (to: unknown, json: unknown) => {
            call('check-send', `${number(to)}\n${text(json)}`);
          },
          receive: () => call('check-receive', ''),
        });
      };
      defineProperty(G, settings.checkThreadsGlobal, {
        value: freeze({
          begin: (workers: unknown) => link(call('check-begin', String(number(workers)))),
          finish: () => {
            call('check-finish', '');
          },
        }),
        writable: false,
        configurable: false,
        enumerable: false,
      });
    },
    harden() {
      E.stackTraceLimit = settings.stackTraceLimit;
      defineProperty(E, 'prepareStackTrace', { value: formatStack, writable: false, configurable: false, enumerable: false });
      for (const [proto, names] of overridable) for (const name of names) enableOverride(proto, name);
      const roots: unknown[] = [G.Date, G.performance, G.console, G.display];
      for (const key of standardGlobals) {
        const d = describe(G, key);
        if (d && 'value' in d) push(roots, d.value);
      }
      for (const intrinsic of hiddenIntrinsics()) push(roots, intrinsic);
      freezeAll(roots);
      // Node asks the realm's global `Error` for `prepareStackTrace`: it must stay ours.
      defineProperty(G, 'Error', { value: E, writable: false, configurable: false, enumerable: false });
    },
  });
}
