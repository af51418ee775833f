/**
 * Deliveries per second of CPU time of this process for a simulation run
 * `run(until)` (which returns its deliveries): the time bound is calibrated to
 * about `deliveries` deliveries, and the best of three runs counts.
 */
export function deliveryRate(run: (until: number) => number, deliveries: number): number {
  const probe = run(1000);
  const until = Math.ceil((1000 * deliveries) / Math.max(1, probe));
  let best = 0;
  for (let k = 0; k < 3; k++) {
    const started = process.cpuUsage();
    const done = run(until);
    const used = process.cpuUsage(started);
    best = Math.max(best, done / ((used.user + used.system) / 1e6));
  }
  return best;
}
