/**
 * The standalone executable starts with JavaScriptCore's JIT made reluctant
 * (`bun build --compile-jit-policy`, scripts/release.mjs): most provider processes an engine
 * starts answer a few RPCs and exit, and compiling their run-once code costs more CPU than it
 * saves. That holds for the process that reads and plans too, up to a few hundred resources
 * (docs/performance.md); a process whose work goes beyond that restores the normal policy, so
 * the per-resource code of large plans is compiled as usual. Elsewhere (the JS form on Node,
 * tests) there is no such policy and this does nothing.
 */
interface BunUnsafe {
  setJITPolicy?: (scale: number) => void;
}

/**
 * Engine calls (a resource's read and plan make four or five) after which the process is doing
 * bulk work: beyond ~200 resources compiled code pays for its compiling (measured at 10, 100
 * and 1,000 numbers against the Go peer, docs/performance.md).
 */
export const BULK_WORK_CALLS = 1000;

/**
 * A function to call once per unit of work: on its `afterCalls`-th call it restores the normal
 * JIT policy of `runtime()`'s Bun, once; where there is no such policy it does nothing.
 */
export function jitPolicyRestorer(runtime: () => { Bun?: { unsafe?: BunUnsafe } }, afterCalls = 1): () => void {
  let calls = 0;
  return () => {
    if (++calls === afterCalls) runtime().Bun?.unsafe?.setJITPolicy?.(1);
  };
}

/** Counts this process's engine calls; the BULK_WORK_CALLS-th restores the normal JIT policy. */
export const noteEngineCall = jitPolicyRestorer(() => globalThis as { Bun?: { unsafe?: BunUnsafe } }, BULK_WORK_CALLS);
