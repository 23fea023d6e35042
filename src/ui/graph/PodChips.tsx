/**
 * Pods as chips inside their node's card: plain DOM, not graph nodes. Each
 * chip subscribes to its own pod and eviction, so a frame that changes one
 * pod re-renders one chip. Up to a few pods a card shows full chips; past
 * that, small squares with a glyph and a summary line, so 30 pods still fit
 * the card's fixed size.
 */
import { memo, useEffect, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { Pod } from '../../sim/api/types';
import { select } from '../selection';
import { useSim } from '../store';
import { UNSCHEDULED, useEviction, useNodePodsVersion, usePod, useSelected } from './graph-index';
import { initialChips, mergeChips, oldestGone, pruneChips, type ChipEntry, type ChipList } from './chip-entries';
import { hasFlight, useChipArea, useChipMotion } from './chip-flights';
import { CHIP_MOVE_KEYS, nextChipIndex } from './chip-keys';
import { Countdown } from './Clocks';
import { TimerIcon } from './Icons';
import { podDescription, podOwner, podSortKey, podState, podStatusText, STATE_GLYPH } from './pod-view';

/** How long a deleted pod's chip stays, fading out, before it goes. */
export const GONE_MS = 400;

const sortKeyOf = (key: string) => podSortKey(useSim.getState().cluster.pods.get(key), key);

/** Where a pod's chip belongs now: its node, or UNSCHEDULED; undefined once it is gone. */
function placeNow(key: string): string | undefined {
  const pod = useSim.getState().cluster.pods.get(key);
  return pod ? (pod.spec.nodeName ?? UNSCHEDULED) : undefined;
}

/** The chips to draw for a set of pod keys: stable order, newcomers marked, leavers kept for GONE_MS (unless they only moved). */
function useChipList(keys: Iterable<string> | undefined, owner: string): ChipList {
  const [state, setState] = useState(() => ({ source: keys, list: initialChips(keys, sortKeyOf) }));
  let list = state.list;
  if (state.source !== keys) {
    // Adjusting state to a new prop while rendering, as React recommends over an effect.
    list = mergeChips(state.list, keys, sortKeyOf, (key) => {
      const place = placeNow(key);
      return place !== undefined && place !== owner;
    });
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
  const { entries } = useChipList(keys, owner);
  const areaRef = useChipArea(owner === UNSCHEDULED ? '' : owner);
  if (entries.length === 0) return <p className="chips-empty muted">{emptyText}</p>;
  if (entries.length <= fullLimit) {
    return (
      <ul ref={areaRef} className="chips" aria-label={label}>
        {entries.map((e) => (
          <PodChip key={e.key} entry={e} />
        ))}
      </ul>
    );
  }
  const shown = entries.length > squareLimit ? entries.slice(0, squareLimit - 1) : entries;
  return (
    <div ref={areaRef} className="chips-compact">
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

/**
 * Full chips slide in and fade out; squares only dim (hundreds of animated
 * squares would each need a compositor layer). A chip that flies in from
 * elsewhere (chip-flights) does not also slide.
 */
function chipClass(base: 'chip' | 'square', entry: ChipEntry, state: string, flying: boolean): string {
  const fresh = base === 'chip' && entry.fresh && !flying ? ` ${base}-fresh` : '';
  return `${base} ${base}-${state}${fresh}${entry.goneAt !== undefined ? ` ${base}-gone` : ''}`;
}

function selectPodOf(chip: HTMLElement): void {
  const key = chip.dataset.pod;
  if (!key) return;
  const cut = key.indexOf('/');
  select({ kind: 'Pod', namespace: key.slice(0, cut), name: key.slice(cut + 1) });
}

const onChipClick = (event: MouseEvent<HTMLElement>) => selectPodOf(event.currentTarget);

/** What every chip and square shares: selectable while its pod lives, marked when the inspector shows it, flying in when it moved. */
function useChipProps(entry: ChipEntry, description: string) {
  const gone = entry.goneAt !== undefined;
  const selected = useSelected(`Pod:${entry.key}`);
  const ref = useChipMotion(entry.key, gone);
  const [flying] = useState(() => hasFlight(entry.key));
  const props = {
    ref,
    'data-pod': entry.key,
    'data-gone': gone || undefined,
    tabIndex: gone ? undefined : -1,
    'aria-label': selected ? `${description}, shown in the inspector` : description,
    'aria-current': selected || undefined,
    title: description,
    onClick: gone ? undefined : onChipClick,
  };
  return { props, flying, gone };
}

const PodChip = memo(function PodChip({ entry }: { entry: ChipEntry }) {
  const pod = useLastPod(entry.key);
  const eviction = useEviction(entry.key);
  const description = pod ? podDescription(pod, eviction, entry.goneAt !== undefined) : '';
  const { props, flying, gone } = useChipProps(entry, description);
  if (!pod) return null;
  const state = podState(pod, eviction);
  const owner = podOwner(pod);
  return (
    <li className={chipClass('chip', entry, state, flying)} {...props}>
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
  const description = pod ? podDescription(pod, eviction, entry.goneAt !== undefined) : '';
  const { props, flying } = useChipProps(entry, description);
  if (!pod) return null;
  const state = podState(pod, eviction);
  return (
    <li className={chipClass('square', entry, state, flying)} {...props}>
      <span aria-hidden="true">{STATE_GLYPH[state]}</span>
    </li>
  );
});

/**
 * Keys on a card or the Pending area (the container, one Tab stop) and on
 * its chips: an arrow key (or Enter, when the container has no other use
 * for it) enters the chips; arrows, Home and End move between them; Enter or
 * i opens the pod in the inspector; Escape goes back to the container.
 * Returns whether it handled the key.
 */
export function chipAreaKeyDown(event: KeyboardEvent<HTMLElement>, enterWithEnter = false): boolean {
  if (event.altKey || event.ctrlKey || event.metaKey) return false;
  const container = event.currentTarget;
  const target = event.target as HTMLElement;
  const chipEls = () => [...container.querySelectorAll<HTMLElement>('[data-pod]:not([data-gone])')];
  if (target === container) {
    const enter = event.key === 'ArrowDown' || event.key === 'ArrowRight' || (enterWithEnter && event.key === 'Enter');
    const first = enter ? chipEls()[0] : undefined;
    if (!first) return false;
    event.preventDefault();
    first.focus();
    return true;
  }
  const chip = target.closest<HTMLElement>('[data-pod]');
  if (!chip || !container.contains(chip)) return false;
  if (CHIP_MOVE_KEYS.has(event.key)) {
    const all = chipEls();
    const points = all.map((el) => ({ left: el.offsetLeft, top: el.offsetTop }));
    all[nextChipIndex(points, Math.max(0, all.indexOf(chip)), event.key)]?.focus();
  } else if (event.key === 'Enter' || event.key === 'i') {
    selectPodOf(chip);
  } else if (event.key === 'Escape') {
    container.focus();
  } else {
    return false;
  }
  event.preventDefault();
  return true;
}

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
