/**
 * The queue behind `one_at_a_time`: changes of resources that set it run one
 * after another in this provider process (one process serves one provider
 * configuration in a run), so at most one of those numbers is offline at once.
 * `depends_on` cannot order the instances of one `for_each` resource; this can.
 */
let tail: Promise<unknown> = Promise.resolve();

export function oneAtATime<T>(enabled: boolean, work: () => Promise<T>): Promise<T> {
  if (!enabled) return work();
  const run = tail.then(work, work);
  tail = run.catch(() => undefined);
  return run;
}
