/**
 * Exactly-once effects: the property that matters when people say
 * "exactly-once delivery" (which does not exist).
 */
import { canonicalKey, describeValue, encodeValue } from '../../common/valueEncoding';
import type { EffectRecord, Property } from '../../engine/api/propertyTypes';

/**
 * Fails when an effect of `effectKind` happens more than once for the same
 * logical operation, pointing at the duplicate. `keyOf` names the operation
 * (default: the effect's whole data, so two identical charges are a duplicate).
 *
 * @example exactlyOnce('charge', (data: { orderId: string }) => data.orderId)
 */
export function exactlyOnce<T = unknown>(effectKind: string, keyOf?: (data: T) => unknown): Property {
  return {
    kind: 'protocol-notebook/property',
    type: 'builtin',
    effectOrder: 'irrelevant',
    watches: 'effects',
    monitor() {
      const firstByKey = new Map<string, EffectRecord>();
      let seen = 0;
      let failed = false;
      const scan = (effects: readonly EffectRecord[]) => {
        if (failed) return undefined;
        for (; seen < effects.length; seen++) {
          const effect = effects[seen];
          if (effect.kind !== effectKind) continue;
          const key = canonicalKey(keyOf ? keyOf(effect.data as T) : effect.data);
          const first = firstByKey.get(key);
          if (!first) {
            firstByKey.set(key, effect);
            continue;
          }
          failed = true;
          const what = describeValue(encodeValue(keyOf ? keyOf(effect.data as T) : effect.data), 60);
          return {
            event: effect.event,
            at: effect.t,
            message: `'${effectKind}' ${what} happened twice: on ${first.node} at t=${first.t} (event ${first.event}) and on ${effect.node} at t=${effect.t}`,
          };
        }
        return undefined;
      };
      return { step: (view) => scan(view.effects), finish: (view) => scan(view.effects) };
    },
  };
}
