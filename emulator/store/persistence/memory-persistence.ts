import type { Persistence, PersistenceOptions } from './persistence.js';

/**
 * `--in-memory`: the same contract as the file persistence, but it writes nothing (no folder, no snapshot, no journal).
 * `migrate` is never called (there is no snapshot to load) and `log` is never needed.
 */
export function createMemoryPersistence<S, M>(options: PersistenceOptions<S, M>): Persistence<S, M> {
  let state: S | undefined;
  let opening = false;
  let closed = false;

  function requireState(): S {
    if (state === undefined) throw new Error('Persistence is not open: call open() first');
    return state;
  }

  return {
    async open() {
      if (opening || closed) throw new Error(closed ? 'Persistence is closed' : 'open() may be called only once');
      opening = true;
      state = options.empty();
      return { state, warnings: [] };
    },
    commit(mutations: M[]): Promise<void> {
      if (closed) return Promise.reject(new Error('Persistence is closed'));
      try {
        const current = requireState();
        for (const mutation of mutations) options.apply(current, mutation);
      } catch (error) {
        return Promise.reject(error);
      }
      return Promise.resolve();
    },
    get state() {
      return requireState();
    },
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
