/**
 * Coverage of a model check: which handlers the search ran and how many new
 * states each found, in how many states each property was judged, how deep
 * it went. It watches the search through `SearchLimits.observe` only.
 */
import type { SimulationConfig } from '../../engine/api/types';
import { definedHandlers, messageHandlerName, nodeKinds, timerHandlerName } from '../definedHandlers';
import type { SearchGraph } from './bfs';
import type { Action, ModelState } from './modelState';
import type { ProtocolModel } from './protocolModel';
import type { PropertyPlan } from './stateProperties';
import type { CheckCoverage } from './types';

interface Tally {
  runs: number;
  newStates: number;
}

const byName = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

export class CheckCoverageCollector {
  private readonly kinds: string[];
  /** Per node: handler tallies by message type, and by timer name. */
  private readonly onMessage: Map<string, Tally>[];
  private readonly onTimer: Map<string, Tally>[];
  private readonly messages = new Map<string, Tally>();
  /** Distinct states reached without a handler error, and those of them with no step left. */
  private states = 0;
  private endStates = 0;
  private sawInitial = false;
  private readonly enabled: Action[] = [];
  private readonly countEnds: boolean;

  constructor(
    private readonly config: SimulationConfig,
    private readonly model: ProtocolModel,
    private readonly plan: PropertyPlan,
  ) {
    this.kinds = nodeKinds(config, model.ids);
    this.onMessage = model.ids.map(() => new Map());
    this.onTimer = model.ids.map(() => new Map());
    this.countEnds = plan.atEnd.length > 0;
  }

  /** The search's `observe` hook. */
  readonly observe = (from: ModelState, action: Action, to: ModelState, isNew: boolean): void => {
    // The search expands its initial state first.
    if (!this.sawInitial) {
      this.sawInitial = true;
      this.states++;
    }
    const added = isNew ? 1 : 0;
    if (action.kind === 'deliver' || action.kind === 'duplicate') {
      const { to: k, payload } = action.envelope;
      tally(this.messages, payload.type, added);
      if (from.nodes[k].up && this.model.handles(k, payload.type)) tally(this.onMessage[k], payload.type, added);
    } else if (action.kind === 'timer') tally(this.onTimer[action.node], action.name, added);
    if (!isNew || to.error) return;
    this.states++;
    if (this.countEnds && this.model.enabledInto(to, this.enabled) === 0) this.endStates++;
  };

  /** The coverage of the search that left `graph`. */
  result(graph: SearchGraph): CheckCoverage {
    // A search that took no step stopped at its initial state, or found no step there.
    if (!this.sawInitial && graph.violations.every((v) => v.kind !== 'handler-error' || v.state !== 0)) {
      this.states++;
      if (this.countEnds && graph.complete) this.endStates++;
    }
    const handlers = new Map<string, Tally>();
    for (const name of definedHandlers(this.config)) handlers.set(name, { runs: 0, newStates: 0 });
    this.model.ids.forEach((_, k) => {
      for (const [type, t] of this.onMessage[k]) add(handlers, messageHandlerName(this.kinds[k], type), t);
      for (const [name, t] of this.onTimer[k]) add(handlers, timerHandlerName(this.kinds[k], name), t);
    });
    const names = [...handlers.keys()].sort(byName);
    const ends = new Set(this.plan.atEnd.map((p) => p.name));
    const properties = [...new Set([...this.plan.safety, ...this.plan.atEnd, ...this.plan.eventually].map((p) => p.name))];
    return {
      handlers: names.map((handler) => ({ handler, runs: handlers.get(handler)?.runs ?? 0, newStates: handlers.get(handler)?.newStates ?? 0 })),
      messages: [...this.messages.keys()].sort(byName).map((type) => {
        const t = this.messages.get(type) as Tally;
        return { type, deliveries: t.runs, newStates: t.newStates };
      }),
      properties: properties.map((name) => (ends.has(name) ? { name, judged: 'end states', states: this.endStates } : { name, judged: 'states', states: this.states })),
      depth: graph.depth,
      neverRan: names.filter((name) => handlers.get(name)?.runs === 0),
    };
  }
}

function tally(map: Map<string, Tally>, key: string, added: number): void {
  const t = map.get(key);
  if (t) {
    t.runs++;
    t.newStates += added;
  } else map.set(key, { runs: 1, newStates: added });
}

function add(map: Map<string, Tally>, key: string, t: Tally): void {
  const known = map.get(key);
  if (known) {
    known.runs += t.runs;
    known.newStates += t.newStates;
  } else map.set(key, { ...t });
}
