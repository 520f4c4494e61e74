/**
 * The standalone executable starts with JavaScriptCore's JIT made reluctant
 * (`bun build --compile-jit-policy`, scripts/release.mjs): most provider processes an engine
 * starts answer a few RPCs and exit, and compiling their run-once start-up code costs more
 * CPU than it saves. A process that goes on to real work (the provider's first call to the
 * API) restores the normal policy, so per-resource code is compiled as usual. Elsewhere
 * (the JS form on Node, tests) there is no such policy and this does nothing.
 */
interface BunUnsafe {
  setJITPolicy?: (scale: number) => void;
}

/** A function that restores the normal JIT policy of `runtime()`'s Bun, once; a no-op where there is none. */
export function jitPolicyRestorer(runtime: () => { Bun?: { unsafe?: BunUnsafe } }): () => void {
  let restored = false;
  return () => {
    if (restored) return;
    restored = true;
    runtime().Bun?.unsafe?.setJITPolicy?.(1);
  };
}

/** Restores this process's normal JIT policy, once. */
export const endStartupJitPolicy = jitPolicyRestorer(() => globalThis as { Bun?: { unsafe?: BunUnsafe } });
