// Vitest 5 targets Node 22 and its reporter calls Map.groupBy / Object.groupBy, which Node 20
// lacks (the reporter crashes exactly when it needs to print a failure). Polyfill both.
type GroupBy = <T, K>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>;

const mapCtor = Map as unknown as { groupBy?: GroupBy };
mapCtor.groupBy ??= <T, K>(items: Iterable<T>, key: (item: T, index: number) => K) => {
  const out = new Map<K, T[]>();
  let i = 0;
  for (const item of items) {
    const k = key(item, i++);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
};

const objectCtor = Object as unknown as { groupBy?: (items: Iterable<unknown>, key: (item: unknown, i: number) => PropertyKey) => object };
objectCtor.groupBy ??= (items, key) => Object.assign(Object.create(null), Object.fromEntries(mapCtor.groupBy!(items, key)));

export {};
