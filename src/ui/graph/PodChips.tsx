/**
 * Pods as chips inside their node's card: plain DOM, not graph nodes. Each
 * chip subscribes to its own pod and eviction, so a frame that changes one
 * pod re-renders one chip. Up to a few pods a card shows full chips; past
 * that, small squares with a glyph and a summary line, so 30 pods still fit
 * the card's fixed size.
 */
import { memo, useEffect, useState } from 'react';
import type { Pod } from '../../sim/api/types';
import { useSim } from '../store';
import { useEviction, useNodePodsVersion, usePod } from './graph-index';
import { initialChips, mergeChips, oldestGone, pruneChips, type ChipEntry, type ChipList } from './chip-entries';
import { Countdown } from './Clocks';
import { TimerIcon } from './Icons';
import { podDescription, podOwner, podSortKey, podState, podStatusText, STATE_GLYPH } from './pod-view';

/** How long a deleted pod's chip stays, fading out, before it goes. */
export const GONE_MS = 400;

const sortKeyOf = (key: string) => podSortKey(useSim.getState().cluster.pods.get(key), key);

/** The chips to draw for a set of pod keys: stable order, newcomers marked, leavers kept for GONE_MS. */
function useChipList(keys: Iterable<string> | undefined): ChipList {
  const [state, setState] = useState(() => ({ source: keys, list: initialChips(keys, sortKeyOf) }));
  let list = state.list;
  if (state.source !== keys) {
    // Adjusting state to a new prop while rendering, as React recommends over an effect.
    list = mergeChips(state.list, keys, sortKeyOf);
    setState({ source: keys, list });
  }
  const oldest = oldestGone(list);
  useEffect(() => {
    if (oldest === undefined) return;
    const timer = setTimeout(() => setState((s) => ({ ...s, list: pruneChips(s.list, oldest) })), GONE_MS);
    return () => clearTimeout(timer);
  }, [oldest]);
  return list;
}

interface ChipAreaProps {
  /** Zoomed out: no ticking countdown in the summary (it would redraw every card every frame at high speed). */
  overview?: boolean;
  keys: Iterable<string> | undefined;
  /** The node whose pods these are (graph-index's UNSCHEDULED for the pending area): the summary follows it. */
  owner: string;
  /** "Pods on zone-a-1". */
  label: string;
  /** Up to this many, full chips; more, squares. */
  fullLimit: number;
  /** Squares drawn at most; the rest are counted. */
  squareLimit: number;
  emptyText: string;
}

export const ChipArea = memo(function ChipArea({ keys, owner, label, fullLimit, squareLimit, emptyText, overview = false }: ChipAreaProps) {
  const { entries } = useChipList(keys);
  if (entries.length === 0) return <p className="chips-empty muted">{emptyText}</p>;
  if (entries.length <= fullLimit) {
    return (
      <ul className="chips" aria-label={label}>
        {entries.map((e) => (
          <PodChip key={e.key} entry={e} />
        ))}
      </ul>
    );
  }
  const shown = entries.length > squareLimit ? entries.slice(0, squareLimit - 1) : entries;
  return (
    <div className="chips-compact">
      <Summary keys={keys} owner={owner} countdown={!overview} />
      <ul className="squares" aria-label={label}>
        {shown.map((e) => (
          <PodSquare key={e.key} entry={e} />
        ))}
        {shown.length < entries.length && (
          <li className="square square-more" aria-label={`${entries.length - shown.length} more pods`}>
            +{entries.length - shown.length}
          </li>
        )}
      </ul>
    </div>
  );
});

/** The pod as last seen: a chip whose pod is gone keeps drawing it while it fades. */
function useLastPod(key: string): Pod | undefined {
  const pod = usePod(key);
  const [last, setLast] = useState(pod);
  if (pod !== undefined && pod !== last) setLast(pod);
  return pod ?? last;
}

/** Full chips slide in and fade out; squares only dim (hundreds of animated squares would each need a compositor layer). */
function chipClass(base: 'chip' | 'square', entry: ChipEntry, state: string): string {
  const fresh = base === 'chip' && entry.fresh ? ` ${base}-fresh` : '';
  return `${base} ${base}-${state}${fresh}${entry.goneAt !== undefined ? ` ${base}-gone` : ''}`;
}

const PodChip = memo(function PodChip({ entry }: { entry: ChipEntry }) {
  const pod = useLastPod(entry.key);
  const eviction = useEviction(entry.key);
  if (!pod) return null;
  const gone = entry.goneAt !== undefined;
  const state = podState(pod, eviction);
  const description = podDescription(pod, eviction, gone);
  const owner = podOwner(pod);
  return (
    <li className={chipClass('chip', entry, state)} aria-label={description} title={description}>
      <span aria-hidden="true" className="chip-glyph">
        {gone ? '✕' : STATE_GLYPH[podState(pod, undefined)]}
      </span>
      <span className="chip-owner">{owner.short}</span>
      <span className="chip-status">{gone ? 'Deleted' : podStatusText(pod)}</span>
      {eviction && !pod.metadata.deletionTimestamp && !gone && (
        <span className="chip-timer">
          <TimerIcon />
          <Countdown untilMs={eviction.fireAtMs} />
        </span>
      )}
    </li>
  );
});

const PodSquare = memo(function PodSquare({ entry }: { entry: ChipEntry }) {
  const pod = useLastPod(entry.key);
  const eviction = useEviction(entry.key);
  if (!pod) return null;
  const state = podState(pod, eviction);
  const description = podDescription(pod, eviction, entry.goneAt !== undefined);
  return (
    <li className={chipClass('square', entry, state)} aria-label={description} title={description}>
      <span aria-hidden="true">{STATE_GLYPH[state]}</span>
    </li>
  );
});

/** One line over the squares: how many pods, how many ready, what is about to happen. */
function Summary({ keys, owner, countdown }: { keys: Iterable<string> | undefined; owner: string; countdown: boolean }) {
  // Re-counted only when something about these pods changed (see graph-index).
  useNodePodsVersion(owner);
  const summary = summarize(keys);
  if (!countdown) {
    // The overview's one short line, in the squares' own glyphs; the squares carry the words.
    return (
      <p className="chips-summary" title={`${summary.total} pods: ${summary.ready} ready, ${summary.terminating} terminating, ${summary.evicting} to evict`}>
        <strong>{summary.total}</strong> pods · ✓{summary.ready}
        {summary.terminating > 0 && <span className="bad"> ✕{summary.terminating}</span>}
        {summary.evicting > 0 && <span className="warn"> !{summary.evicting}</span>}
      </p>
    );
  }
  return (
    <p className="chips-summary">
      <strong>{summary.total}</strong> pods · <span aria-hidden="true">✓</span> {summary.ready} ready
      {summary.terminating > 0 && (
        <>
          {' '}
          · <span className="bad">
            <span aria-hidden="true">✕</span> {summary.terminating} terminating
          </span>
        </>
      )}
      {summary.evicting > 0 && (
        <>
          {' '}
          ·{' '}
          <span className="warn">
            <TimerIcon /> {summary.evicting} to evict, first in <Countdown untilMs={summary.nextEvictionMs} />
          </span>
        </>
      )}
    </p>
  );
}

function summarize(keys: Iterable<string> | undefined) {
  const { cluster, evictions } = useSim.getState();
  let total = 0;
  let ready = 0;
  let terminating = 0;
  let evicting = 0;
  let nextEvictionMs = Infinity;
  for (const key of keys ?? []) {
    const pod = cluster.pods.get(key);
    if (!pod) continue;
    total++;
    const eviction = evictions.byPod.get(key);
    const state = podState(pod, eviction);
    if (state === 'ready') ready++;
    else if (state === 'terminating') terminating++;
    else if (state === 'evicting' && eviction) {
      evicting++;
      nextEvictionMs = Math.min(nextEvictionMs, eviction.fireAtMs);
    }
  }
  return { total, ready, terminating, evicting, nextEvictionMs };
}
