/**
 * Whether a property's predicate read `w.now`. The model checker's time
 * model keeps times relative to each state's clock, so two states at
 * different times can be one state; a predicate that reads the clock can
 * tell them apart, and check() then searches again with the clock in each
 * state. Predicates are judged synchronously, so one flag serves.
 */
export const predicateClock = {
  /** True while a predicate runs (set by the properties' `evaluate`). */
  watching: false,
  /** Set by a view whose clock is watched, when read while `watching`. */
  read: false,
};
