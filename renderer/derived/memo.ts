// The one caching approach of renderer/derived/ (issue 11). The document is immutable: an edit replaces the
// objects it changes and shares the rest, so the same object always means the same answer. A derived value is
// computed once per object it is computed from, and forgotten with that object (a WeakMap holds it).

/** `fn`, computed once per `key` object. */
export function memoByObject<K extends object, V>(fn: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>();
  return (key) => {
    if (cache.has(key)) return cache.get(key)!;
    const value = fn(key);
    cache.set(key, value);
    return value;
  };
}

/** `fn` of two objects (a before and an after), computed once per pair. */
export function memoByPair<A extends object, B extends object, V>(fn: (a: A, b: B) => V): (a: A, b: B) => V {
  const byA = memoByObject((a: A) => memoByObject((b: B) => fn(a, b)));
  return (a, b) => byA(a)(b);
}
