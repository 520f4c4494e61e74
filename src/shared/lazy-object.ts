/**
 * An object whose methods are those of `load()`'s result, built on the first call: a module
 * and everything it pulls in are required only by the processes that use it. Never a thenable
 * (it may be returned from async code); notLoadedYet tells that nothing has been built yet.
 * `beforeLoad` answers the methods it names while nothing is built, without building it;
 * `onCall` runs before each call that reaches the built object.
 */
const LOADED = Symbol('lazy object loaded');

export function lazyObject<T extends object>(load: () => T, beforeLoad: Partial<T> = {}, onCall?: () => void): T {
  let target: T | undefined;
  return new Proxy(Object.create(null) as T, {
    get(_, key) {
      if (key === 'then') return undefined;
      if (key === LOADED) return target !== undefined;
      return (...args: unknown[]): unknown => {
        const early: unknown = target === undefined ? Reflect.get(beforeLoad, key) : undefined;
        if (typeof early === 'function') return (early as (...a: unknown[]) => unknown)(...args);
        target ??= load();
        onCall?.();
        const member: unknown = Reflect.get(target, key);
        if (typeof member !== 'function') throw new TypeError(`${String(key)} is not a method of the lazily loaded object`);
        return (member as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** True for a lazyObject that has not built its object yet (so there is nothing to close); false otherwise. */
export function notLoadedYet(value: object): boolean {
  return (value as Record<symbol, unknown>)[LOADED] === false;
}
