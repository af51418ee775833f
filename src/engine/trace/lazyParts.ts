/**
 * The events, messages and states of a run's trace, turned from the
 * recorder's columns into trace objects only when first read: a run whose
 * caller reads its verdicts and statistics, not its trace, never pays for
 * building a hundred thousand event objects. Each field is an accessor in
 * the field's place (so the trace's field order, and its JSON, are those of
 * plain fields) that, once read, makes all three plain fields.
 */
import type { Trace } from '../../common/traceFormat';

type Parts = Pick<Trace, 'events' | 'messages' | 'states'>;
const PART_NAMES = ['events', 'messages', 'states'] as const;

/** Makes `trace.events`, `trace.messages` and `trace.states` (already fields of `trace`) the parts `build` makes, built on first read. */
export function defineLazyParts(trace: Trace, build: () => Parts): void {
  let built: Parts | undefined;
  const settle = (): Parts => {
    if (built === undefined) {
      built = build();
      for (const name of PART_NAMES) Object.defineProperty(trace, name, { value: built[name], writable: true, enumerable: true, configurable: true });
    }
    return built;
  };
  for (const name of PART_NAMES) {
    Object.defineProperty(trace, name, {
      enumerable: true,
      configurable: true,
      get: () => settle()[name],
      set: (value: unknown) => {
        settle();
        Object.defineProperty(trace, name, { value, writable: true, enumerable: true, configurable: true });
      },
    });
  }
}
