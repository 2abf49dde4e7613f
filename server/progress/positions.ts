/**
 * Positions for blocks in document order that keep as many stored positions as possible, so
 * inserting, deleting or moving one block rewrites that block's row, not every row after it.
 * The result depends only on the order and the old positions, so two processes agree.
 */

/** Spacing between fresh positions: room for about forty halvings before a renumber. */
export const POSITION_STEP = 1024;
const MIN_GAP = 1e-6;

/**
 * Keeps the longest run of keys whose old positions already increase in document order, and
 * spaces the others evenly in the gaps between them. Renumbers everything when a gap is used up.
 */
export function assignPositions(keys: readonly string[], old: ReadonlyMap<string, number>): number[] {
  const kept = keptIndices(keys, old);
  const out = new Array<number>(keys.length);
  let i = 0;
  while (i < keys.length) {
    if (kept.has(i)) {
      out[i] = old.get(keys[i]!)!;
      i++;
      continue;
    }
    let j = i;
    while (j < keys.length && !kept.has(j)) j++;
    const lo = i > 0 ? out[i - 1]! : null;
    const hi = j < keys.length ? old.get(keys[j]!)! : null;
    const count = j - i;
    for (let k = 0; k < count; k++) {
      if (lo === null && hi === null) out[i + k] = (k + 1) * POSITION_STEP;
      else if (lo === null) out[i + k] = hi! - (count - k) * POSITION_STEP;
      else if (hi === null) out[i + k] = lo + (k + 1) * POSITION_STEP;
      else {
        const gap = (hi - lo) / (count + 1);
        if (gap < MIN_GAP) return keys.map((_, n) => (n + 1) * POSITION_STEP);
        out[i + k] = lo + gap * (k + 1);
      }
    }
    i = j;
  }
  return out;
}

/** Indices of a longest strictly increasing subsequence of old positions (patience sorting). */
function keptIndices(keys: readonly string[], old: ReadonlyMap<string, number>): Set<number> {
  const tails: number[] = [];
  const prev = new Array<number>(keys.length).fill(-1);
  for (let i = 0; i < keys.length; i++) {
    const p = old.get(keys[i]!);
    if (p === undefined || !Number.isFinite(p)) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (old.get(keys[tails[mid]!]!)! < p) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1]!;
    tails[lo] = i;
  }
  const kept = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1]! : -1; i >= 0; i = prev[i]!) kept.add(i);
  return kept;
}
