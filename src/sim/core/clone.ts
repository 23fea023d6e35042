/**
 * Deep copy of plain JSON-like data (objects, arrays, primitives). API
 * objects are never mutated in place: a writer clones, changes the copy and
 * stores it ("never modify the cache"). This is several times faster than
 * structuredClone for small objects, which matters at 150k pods.
 */
export function deepClone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(deepClone) as T;
  const out: Record<string, unknown> = {};
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    if (v !== undefined) out[key] = deepClone(v);
  }
  return out as T;
}

/** Recursively freezes plain data; used in tests to catch writes to stored objects. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key in value) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
