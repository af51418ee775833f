/**
 * The consensus properties, over decisions and proposals recorded as effects:
 * a node decides `v` with `ctx.effect('decide', v)` and proposes with
 * `ctx.effect('propose', v)` (or the proposals are given as `values`).
 */
import { canonicalKey, describeValue, encodeValue } from '../../common/valueEncoding';
import type { EffectRecord, Property, PropertyFailure, WorldView } from '../../engine/api/propertyTypes';

/** Which effects count as decisions and proposals. */
export interface ConsensusOptions {
  /** Effect kind of a decision. Default `'decide'`. */
  decide?: string;
  /** Effect kind of a proposal. Default `'propose'`. */
  propose?: string;
}

const show = (value: unknown): string => describeValue(encodeValue(value), 60);

/** Calls `onEffect` for each new effect since the last step; the first failure wins. */
function effectMonitor(
  onEffect: (effect: EffectRecord) => PropertyFailure | undefined,
  atEnd?: (view: WorldView) => PropertyFailure | undefined,
): Property['monitor'] {
  return () => {
    let seen = 0;
    let failed = false;
    const scan = (view: WorldView): PropertyFailure | undefined => {
      if (failed) return undefined;
      for (; seen < view.effects.length; seen++) {
        const failure = onEffect(view.effects[seen]);
        if (failure) {
          failed = true;
          seen = view.effects.length;
          return failure;
        }
      }
      return undefined;
    };
    return {
      step: scan,
      finish(view) {
        const failure = scan(view);
        if (failure || failed || !atEnd) return failure;
        return atEnd(view);
      },
    };
  };
}

/**
 * Agreement: no two nodes decide different values. Fails at the first
 * decision that differs from an earlier one.
 */
export function agreement(options: ConsensusOptions = {}): Property {
  const decide = options.decide ?? 'decide';
  return {
    kind: 'protocol-notebook/property',
    type: 'builtin',
    watches: 'effects',
    monitor: () => {
      let first: EffectRecord | undefined;
      let firstKey = '';
      return effectMonitor((effect) => {
        if (effect.kind !== decide) return undefined;
        const key = canonicalKey(effect.data);
        if (!first) {
          first = effect;
          firstKey = key;
          return undefined;
        }
        if (key === firstKey) return undefined;
        return {
          event: effect.event,
          at: effect.t,
          message: `${effect.node} decided ${show(effect.data)} but ${first.node} decided ${show(first.data)} (t=${first.t})`,
        };
      })();
    },
  };
}

/**
 * Validity: every decided value was proposed. Proposals are the `values`
 * given here, or else the values of `'propose'` effects recorded before the decision.
 */
export function validity(values?: readonly unknown[], options: ConsensusOptions = {}): Property {
  const decide = options.decide ?? 'decide';
  const propose = options.propose ?? 'propose';
  return {
    kind: 'protocol-notebook/property',
    type: 'builtin',
    watches: 'effects',
    monitor: () => {
      const proposed = new Set((values ?? []).map(canonicalKey));
      return effectMonitor((effect) => {
        if (!values && effect.kind === propose) proposed.add(canonicalKey(effect.data));
        if (effect.kind !== decide || proposed.has(canonicalKey(effect.data))) return undefined;
        return { event: effect.event, at: effect.t, message: `${effect.node} decided ${show(effect.data)}, which no one proposed` };
      })();
    },
  };
}

/** Integrity: a node decides at most once. Fails at a node's second decision. */
export function integrity(options: ConsensusOptions = {}): Property {
  const decide = options.decide ?? 'decide';
  return {
    kind: 'protocol-notebook/property',
    type: 'builtin',
    watches: 'effects',
    monitor: () => {
      const decided = new Map<string, EffectRecord>();
      return effectMonitor((effect) => {
        if (effect.kind !== decide) return undefined;
        const earlier = decided.get(effect.node);
        if (!earlier) {
          decided.set(effect.node, effect);
          return undefined;
        }
        return {
          event: effect.event,
          at: effect.t,
          message: `${effect.node} decided twice: ${show(earlier.data)} at t=${earlier.t}, then ${show(effect.data)}`,
        };
      })();
    },
  };
}

/** Options of `termination`. */
export interface TerminationOptions extends ConsensusOptions {
  /** Nodes that must decide. Default: every server node (role 'node') that is up when the run ends. */
  nodes?: readonly string[];
}

/** Termination: by the end of the run every correct node has decided. Points at the end of the run. */
export function termination(options: TerminationOptions = {}): Property {
  const decide = options.decide ?? 'decide';
  return {
    kind: 'protocol-notebook/property',
    type: 'builtin',
    watches: 'end',
    monitor: () => ({
      step: () => undefined,
      finish(view) {
        const decided = new Set(view.effects.filter((e) => e.kind === decide).map((e) => e.node));
        const expected = options.nodes ?? view.nodes.filter((n) => n.role === 'node' && view.up[n.id]).map((n) => n.id);
        const undecided = expected.filter((id) => !decided.has(id));
        if (undecided.length === 0) return undefined;
        return { event: view.event, at: view.now, message: `${undecided.join(', ')} never decided (run ended at t=${view.now})` };
      },
    }),
  };
}
