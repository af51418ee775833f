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

/** Options of `agreement`. */
export interface AgreementOptions extends ConsensusOptions {
  /**
   * Agreement per key (a log index, a slot, an instance): decisions with the
   * same `key(data)` must agree; decisions of different keys are not
   * compared. `value(data)` is what must agree (default: the whole data).
   *
   * @example agreement({ decide: 'commit', key: (d: { index: number }) => d.index, value: (d: { value: string }) => d.value })
   */
  // Method signatures, so that a function typed for the protocol's own data, `(d: { index: number }) => d.index`, fits.
  key?(data: unknown): unknown;
  value?(data: unknown): unknown;
}

/**
 * Agreement: no two nodes decide different values (with `key`: for the same
 * key). Fails at the first decision that differs from an earlier one, and
 * says when both happened: "s5 decided … for 1 at t=114, but s1 decided …
 * at t=54".
 */
export function agreement(options: AgreementOptions = {}): Property {
  const decide = options.decide ?? 'decide';
  const keyOf = options.key ? (data: unknown) => options.key?.(data) : undefined;
  const valueOf = options.value ? (data: unknown) => options.value?.(data) : (data: unknown) => data;
  return {
    kind: 'protocol-notebook/property',
    type: 'builtin',
    effectOrder: 'irrelevant',
    watches: 'effects',
    monitor: () => {
      const firstByKey = new Map<string, { effect: EffectRecord; value: string }>();
      return effectMonitor((effect) => {
        if (effect.kind !== decide) return undefined;
        const slot = keyOf ? canonicalKey(keyOf(effect.data)) : '';
        const value = canonicalKey(valueOf(effect.data));
        const first = firstByKey.get(slot);
        if (!first) {
          firstByKey.set(slot, { effect, value });
          return undefined;
        }
        if (value === first.value) return undefined;
        const which = keyOf ? ` for ${show(keyOf(effect.data))}` : '';
        return {
          event: effect.event,
          at: effect.t,
          message: `${effect.node} decided ${show(valueOf(effect.data))}${which} at t=${effect.t}, but ${first.effect.node} decided ${show(valueOf(first.effect.data))} at t=${first.effect.t}`,
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
    effectOrder: 'irrelevant',
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
    effectOrder: 'irrelevant',
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
