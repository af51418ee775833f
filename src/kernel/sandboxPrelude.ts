/**
 * The script evaluated first in every sandbox context. It makes the context
 * deterministic and gives the kernel a handle on it:
 * - `Math.random` is a seeded PRNG (sfc32), reseeded before each cell;
 * - `Date` is frozen at FROZEN_NOW (and reads in UTC), `performance.now()` is 0;
 * - GC- and thread-dependent globals (WeakRef, FinalizationRegistry,
 *   SharedArrayBuffer, Atomics, WebAssembly) are removed;
 * - `console.*` and `display()` record into arrays the kernel collects;
 * - the step counter and `outOfSteps`, which the rewritten cells call.
 * It is source text, not a function of this module, because it must be
 * compiled inside the context: a function from the worker's realm would hand
 * the cell a way out (`fn.constructor` is the worker's `Function`).
 */
import { SWEEP_HOST_GLOBAL } from '../check/explore/sweepHost';
import { SANDBOX } from './sandboxNames';

/** What `Date.now()` returns in a cell: 2000-01-01T00:00:00Z. */
export const FROZEN_NOW = 946684800000;

/** Console lines kept per cell; the rest are counted. */
export const MAX_LOG_LINES = 10_000;

/** `display()` values kept per cell. */
export const MAX_DISPLAYS = 100;

/** The name of the control object the prelude defines (a script-scope const). */
export const CONTROL = '__pn_kernel';

/**
 * The control object as the worker sees it. All values it returns are
 * sandbox-realm values; treat them as untrusted data.
 */
export interface SandboxControl {
  /** Arms a fresh step budget and reseeds Math.random, before a cell runs. */
  begin(stepBudget: number, randomSeed: number): void;
  /** Where the budget ran out since `begin`, if it did. */
  stepBudgetHit(): { script: number; line: number; column: number } | null;
  /** Takes the console lines recorded since the last call: `[level, args]`. */
  takeLogs(): [string, unknown[]][];
  /** Takes the values passed to `display()` since the last call. */
  takeDisplays(): unknown[];
  /** Installs the engine's exports as the API module and as globals; `seed` overrides every simulation's seed. */
  installApi(engine: unknown, seed: number | undefined): string[];
  /**
   * Defines the sweep host explore() uses (SWEEP_HOST_GLOBAL) over `bridge`,
   * which takes and returns strings only (`!message` for an error).
   */
  installSweepHost(bridge: (op: string, arg: string) => string): void;
}

/**
 * Built-ins a protocol's hot path uses, bound as script-scope constants by a
 * second script after the prelude. In a vm context every lookup of a global
 * goes through the context's interceptor (measured: the engine runs ~2.5x
 * slower); a lexical binding of the same name is found first, in a slot, at
 * full speed. The cost: a cell cannot declare a top-level `Map` of its own.
 */
export const FAST_BUILTINS = [
  'Object', 'Array', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Math', 'JSON', 'Number', 'String', 'Boolean', 'Symbol',
  'Error', 'TypeError', 'RangeError', 'Reflect', 'Promise', 'BigInt', 'Date', 'RegExp', 'isNaN', 'isFinite',
  'parseInt', 'parseFloat', 'Uint8Array', 'Int32Array', 'Uint32Array', 'Float64Array', 'ArrayBuffer', 'Proxy',
] as const;

/** Source of the script that binds FAST_BUILTINS (run after the prelude, so `Date` is the frozen one). */
export const fastBuiltins = `const { ${FAST_BUILTINS.join(', ')} } = globalThis;\n`;

/** Source of the prelude script. */
export const sandboxPrelude = `"use strict";
let ${SANDBOX.steps} = 0;
let __pn_stepHit = null;
let __pn_api = {};
const ${SANDBOX.outOfSteps} = (script, line, column) => {
  if (__pn_stepHit === null) __pn_stepHit = { script, line, column };
  const error = new Error('step budget exceeded: the cell ran too many loop iterations or function calls (an endless loop?)');
  error.name = 'StepBudgetExceeded';
  throw error;
};
const ${SANDBOX.importBinding} = (module, name) => {
  if (module !== 'protocol-notebook') throw new Error("Cannot find module '" + module + "'");
  if (name === undefined) return __pn_api;
  if (!Object.prototype.hasOwnProperty.call(__pn_api, name)) {
    throw new SyntaxError("The module 'protocol-notebook' does not provide an export named '" + name + "'");
  }
  return __pn_api[name];
};
const ${CONTROL} = (() => {
  const global = globalThis;
  const define = (target, name, value) =>
    Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });

  // Math.random: sfc32, seeded through splitmix32 so that nearby seeds differ.
  let a = 0, b = 0, c = 0, d = 0;
  const seedRandom = (seed) => {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    a = next(); b = next(); c = next(); d = next();
  };
  define(Math, 'random', function random() {
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

  // Date: frozen now, and local time is UTC, so no reading depends on the machine.
  const RealDate = global.Date;
  const FROZEN = ${FROZEN_NOW};
  const proto = RealDate.prototype;
  function Date(...args) {
    if (!new.target) return new RealDate(FROZEN).toUTCString();
    return Reflect.construct(RealDate, args.length === 0 ? [FROZEN] : args, new.target);
  }
  Date.prototype = proto;
  define(proto, 'constructor', Date);
  define(Date, 'now', function now() { return FROZEN; });
  define(Date, 'UTC', RealDate.UTC);
  define(Date, 'parse', RealDate.parse);
  for (const part of ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds']) {
    define(proto, 'get' + part, proto['getUTC' + part]);
    if (part !== 'Day') define(proto, 'set' + part, proto['setUTC' + part]);
  }
  define(proto, 'getTimezoneOffset', function getTimezoneOffset() { return 0; });
  define(proto, 'toString', proto.toUTCString);
  define(proto, 'toDateString', function toDateString() { return this.toISOString().slice(0, 10); });
  define(proto, 'toTimeString', function toTimeString() { return this.toISOString().slice(11); });
  define(proto, 'toLocaleString', proto.toISOString);
  define(proto, 'toLocaleDateString', proto.toDateString);
  define(proto, 'toLocaleTimeString', proto.toTimeString);
  define(global, 'Date', Date);
  define(global, 'performance', Object.freeze({ now: () => 0, timeOrigin: FROZEN }));
  for (const name of ['WeakRef', 'FinalizationRegistry', 'SharedArrayBuffer', 'Atomics', 'WebAssembly']) {
    define(global, name, undefined);
  }
  Error.stackTraceLimit = 50;

  // Bounded, so a cell that logs in a long loop does not exhaust the kernel's memory.
  let logs = [];
  let logsLeftOut = 0;
  let displays = [];
  const consoleObject = {};
  for (const level of ['log', 'info', 'debug', 'warn', 'error', 'trace', 'dir', 'table']) {
    define(consoleObject, level, function (...args) {
      if (logs.length < ${MAX_LOG_LINES}) logs.push([level, args]);
      else logsLeftOut++;
    });
  }
  define(global, 'console', consoleObject);
  define(global, 'display', function display(value) {
    if (displays.length < ${MAX_DISPLAYS}) displays.push(value);
    return value;
  });

  // Where each handler of a run's nodes is: the step check the rewriter put at
  // the entry of every function carries its cell position (script, line, column).
  const functionSource = Function.prototype.toString;
  const locate = (fn) => {
    if (typeof fn !== 'function') return null;
    const m = /${SANDBOX.outOfSteps}\\((\\d+), (\\d+), (\\d+)\\)/.exec(functionSource.call(fn));
    return m && { script: Number(m[1]), line: Number(m[2]), column: Number(m[3]) };
  };
  const handlerLocations = (config) => {
    const found = [];
    const seen = new Set();
    for (const [id, definition] of Object.entries((config && config.nodes) || {})) {
      const spec = definition && definition.spec;
      if (!spec || seen.has(spec)) continue;
      seen.add(spec);
      const kind = definition.name === undefined ? id : definition.name;
      const add = (handler, fn) => {
        const at = locate(fn);
        if (at) found.push({ kind, handler, script: at.script, line: at.line, column: at.column });
      };
      for (const [type, fn] of Object.entries(spec.on || {})) add(type, fn);
      for (const [name, fn] of Object.entries(spec.timers || {})) add('timer:' + name, fn);
      add('init', spec.start);
      add('recover', spec.recover || spec.start);
    }
    return found;
  };

  return Object.freeze({
    begin(stepBudget, randomSeed) {
      ${SANDBOX.steps} = stepBudget;
      __pn_stepHit = null;
      seedRandom(randomSeed);
    },
    stepBudgetHit: () => __pn_stepHit,
    takeLogs() {
      const taken = logs;
      if (logsLeftOut > 0) taken.push(['log', ['… ' + logsLeftOut + ' more lines not shown']]);
      logs = [];
      logsLeftOut = 0;
      return taken;
    },
    takeDisplays() { const taken = displays; displays = []; return taken; },
    installApi(engine, seed) {
      const api = {};
      if (engine && typeof engine === 'object') {
        for (const name of Object.keys(engine)) api[name] = engine[name];
      }
      if (typeof api.simulate === 'function') {
        const simulate = api.simulate;
        api.simulate = function simulate_(config, ...rest) {
          const result = simulate(typeof seed === 'number' ? Object.assign({}, config, { seed }) : config, ...rest);
          try {
            if (result && result.trace && !result.trace.handlers) result.trace.handlers = handlerLocations(config);
          } catch {
            // Locations are a convenience for the chart; a run never fails for want of them.
          }
          return result;
        };
      }
      __pn_api = Object.freeze(api);
      // Also as globals, so a cell may skip the import; never over a built-in.
      const installed = [];
      for (const name of Object.keys(api)) {
        if (name in global) continue;
        define(global, name, api[name]);
        installed.push(name);
      }
      return installed;
    },
    installSweepHost(bridge) {
      // Only strings cross: a value or an error of the kernel's realm would hand the cell its Function.
      const call = (op, arg) => {
        let answer;
        try {
          answer = bridge(op, arg);
        } catch {
          answer = '!the kernel failed to run the sweep';
        }
        if (typeof answer !== 'string') answer = '!the kernel failed to run the sweep';
        if (answer.charCodeAt(0) === 33) {
          const error = new Error(answer.slice(1));
          error.name = 'SweepError';
          throw error;
        }
        return JSON.parse(answer);
      };
      define(global, '${SWEEP_HOST_GLOBAL}', Object.freeze({
        begin: (total, workers) => call('begin', JSON.stringify([total, workers === undefined ? null : workers])),
        claim: () => call('claim', ''),
        progress: (done, failed) => call('progress', done + ',' + failed),
        finish: (outcomes) => call('finish', JSON.stringify(outcomes)),
      }));
    },
  });
})();
`;
