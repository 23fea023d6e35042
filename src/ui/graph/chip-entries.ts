/**
 * The chips a card shows: the pods bound to its node in a stable order, plus
 * pods that just went away, kept for a moment so they can fade out instead of
 * vanishing. Pure, so the card's hook stays small and this stays tested.
 */

export interface ChipEntry {
  key: string;
  /** Creation time, then name (see podSortKey). */
  sortKey: string;
  /** Arrived after the card first drew: animates in. */
  fresh: boolean;
  /** Set when the pod is gone: the generation it left in (pruned a moment later). */
  goneAt?: number;
}

export interface ChipList {
  entries: readonly ChipEntry[];
  /** Bumped on every change, to tell old departures from new ones. */
  generation: number;
}

const byOrder = (a: ChipEntry, b: ChipEntry) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

export function initialChips(keys: Iterable<string> | undefined, sortKeyOf: (key: string) => string): ChipList {
  const entries = [...(keys ?? [])].map((key) => ({ key, sortKey: sortKeyOf(key), fresh: false }));
  return { entries: entries.sort(byOrder), generation: 0 };
}

/**
 * The new set of keys arrived: keep everyone's place, add newcomers in order,
 * mark leavers gone. A leaver that `moved` (a pending pod now bound) is not
 * gone, it is elsewhere: its chip goes at once instead of fading as deleted.
 */
export function mergeChips(
  list: ChipList,
  keys: Iterable<string> | undefined,
  sortKeyOf: (key: string) => string,
  moved: (key: string) => boolean = () => false,
): ChipList {
  const generation = list.generation + 1;
  const current = new Set(keys ?? []);
  const entries: ChipEntry[] = [];
  const known = new Set<string>();
  for (const entry of list.entries) {
    known.add(entry.key);
    if (current.has(entry.key)) {
      // A pod that came back under the same name (a StatefulSet's) is new again.
      entries.push(entry.goneAt === undefined ? entry : { key: entry.key, sortKey: sortKeyOf(entry.key), fresh: true });
    } else if (entry.goneAt !== undefined) {
      entries.push(entry);
    } else if (!moved(entry.key)) {
      entries.push({ ...entry, goneAt: generation });
    }
  }
  for (const key of current) if (!known.has(key)) entries.push({ key, sortKey: sortKeyOf(key), fresh: true });
  return { entries: entries.sort(byOrder), generation };
}

/** The oldest departure still shown, if any: when to prune next. */
export function oldestGone(list: ChipList): number | undefined {
  let oldest: number | undefined;
  for (const e of list.entries) if (e.goneAt !== undefined && (oldest === undefined || e.goneAt < oldest)) oldest = e.goneAt;
  return oldest;
}

/** Drops the chips that left in `generation` or before. */
export function pruneChips(list: ChipList, generation: number): ChipList {
  const entries = list.entries.filter((e) => e.goneAt === undefined || e.goneAt > generation);
  return entries.length === list.entries.length ? list : { entries, generation: list.generation };
}
