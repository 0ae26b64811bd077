/**
 * A memo for pure functions of the calendar (Temporal in a polyfill is slow, and billing asks
 * the same questions for every contract): a map that empties itself when it is full, so its
 * memory stays bounded however long the process runs.
 */
export class BoundedMemo<K, V> {
  readonly #map = new Map<K, V>();
  constructor(readonly limit: number) {}

  get(key: K): V | undefined {
    return this.#map.get(key);
  }

  set(key: K, value: V): void {
    if (this.#map.size >= this.limit) this.#map.clear();
    this.#map.set(key, value);
  }
}
