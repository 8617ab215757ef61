/**
 * Listening to a caller's AbortSignal without adding a listener per call: one listener per signal
 * fans out to every call waiting on it, so that hundreds of concurrent calls sharing one signal
 * neither leak listeners nor trigger Node's MaxListenersExceededWarning. And a pause that ends
 * early when the signal aborts.
 */
const waiting = new WeakMap<AbortSignal, Set<() => void>>();

/** Calls `callback` once when `signal` aborts; returns the function that stops listening. */
export function onAbort(signal: AbortSignal | undefined, callback: () => void): () => void {
  if (!signal) return () => undefined;
  let callbacks = waiting.get(signal);
  if (!callbacks) {
    const created = new Set<() => void>();
    waiting.set(signal, created);
    signal.addEventListener('abort', () => {
      const due = [...created];
      created.clear();
      for (const call of due) call();
    }, { once: true });
    callbacks = created;
  }
  const own = callbacks;
  own.add(callback);
  return () => void own.delete(callback);
}

/** Waits `ms`, or less when the signal aborts first (the caller then reports the abort). */
export function abortablePause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      stop();
      resolve();
    };
    const timer = setTimeout(done, ms);
    const stop = onAbort(signal, done);
  });
}
