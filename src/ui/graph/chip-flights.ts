/**
 * Pod chips that travel. When a pod is bound, recreated under its name, or
 * replaced by its owner, its new chip flies from where the old one was (see
 * chip-origins) to its new place: FLIP with the Web Animations API. The old
 * place is measured when the store changes, before React draws the change;
 * the new one when the new chip is attached. A ghost copy does the travelling
 * in a layer above every card (a chip inside a card would pass under the
 * cards drawn after it) while the real chip stays hidden until it lands.
 *
 * Cheap at 3,000 pods: only chips that moved are measured (at most
 * MAX_MEASURED per update), at most MAX_FLYING fly at once, and with
 * prefers-reduced-motion nothing travels: chips just appear.
 */
import { useCallback } from 'react';
import { useSim, type SimState } from '../store';
import { chipPlace, controllerUid, departureOwner, OriginBook, podMotion } from './chip-origins';
import { diffMaps } from './graph-index';

export interface FlowRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const FLIGHT_MS = 650;
/** Old places measured per store update at most (a zone outage evicts hundreds of pods at once). */
const MAX_MEASURED = 40;
/** Flights at the same time at most; past that, chips just appear. */
const MAX_FLYING = 24;
/** A flight whose chip has not been drawn by then (off-screen, or folded into "+N") is dropped. */
const BOARDING_MS = 1_500;

/** Each pod's live (not departed) chip element, and each place's chip area ('' is the Pending area). */
const chips = new Map<string, HTMLElement>();
const areas = new Map<string, HTMLElement>();
const book = new OriginBook<FlowRect>();
/** Flights waiting for their chip to be drawn, by pod key. */
const waiting = new Map<string, { from: FlowRect; atMs: number }>();
let flying = 0;

interface Surface {
  /** A zero-size element at the canvas's origin, inside the viewport, above the cards. */
  layer: HTMLElement;
  zoom: () => number;
}
let surface: Surface | null = null;

export function setFlightSurface(next: Surface | null): void {
  surface = next;
  if (!next) waiting.clear();
}

let motionQuery: MediaQueryList | null = null;
const reducedMotion = () => (motionQuery ??= matchMedia('(prefers-reduced-motion: reduce)')).matches;

function toFlow(rect: DOMRect, origin: DOMRect, zoom: number): FlowRect {
  return { x: (rect.left - origin.left) / zoom, y: (rect.top - origin.top) / zoom, width: rect.width / zoom, height: rect.height / zoom };
}

/** Where a pod's chip is drawn now, else the middle of its place's chip area (its chip may be folded into "+N"). */
function placeOf(key: string, place: string, origin: () => DOMRect, zoom: number): FlowRect | undefined {
  const chip = chips.get(key);
  if (chip?.isConnected) return toFlow(chip.getBoundingClientRect(), origin(), zoom);
  const area = areas.get(place);
  if (!area?.isConnected) return undefined;
  const r = toFlow(area.getBoundingClientRect(), origin(), zoom);
  return { x: r.x + r.width / 2 - 7, y: r.y + r.height / 2 - 7, width: 14, height: 14 };
}

/** Runs on every store update, before React redraws: the DOM still shows where departing chips were. */
function onStoreChange(next: SimState, before: SimState): void {
  if (next.cluster.pods === before.cluster.pods) return;
  // A new world (boot, reset, scenario): a pod with the same name is not the same pod.
  if (next.session !== before.session) {
    book.clear();
    waiting.clear();
    return;
  }
  if (!surface || reducedMotion()) return;
  const { layer } = surface;
  const zoom = surface.zoom();
  let origin: DOMRect | undefined;
  const originRect = () => (origin ??= layer.getBoundingClientRect());
  const nowMs = performance.now();
  // Flights whose chip was never drawn (it stayed out of view) are forgotten.
  if (waiting.size > 64) for (const [key, w] of waiting) if (nowMs - w.atMs > BOARDING_MS) waiting.delete(key);
  const arrivals: string[] = [];
  let measured = 0;
  diffMaps(before.cluster.pods, next.cluster.pods, (key, was, now) => {
    const motion = podMotion(was, now);
    if (motion === 'arrived') arrivals.push(key);
    if ((motion !== 'moved' && motion !== 'departed') || !was || measured >= MAX_MEASURED) return;
    // Nothing replaces a pod of no owner: not worth measuring (a zone outage evicts thousands of bare pods).
    if (motion === 'departed' && controllerUid(was) === undefined) return;
    const from = placeOf(key, chipPlace(was), originRect, zoom);
    if (!from) return;
    measured++;
    if (motion === 'moved') waiting.set(key, { from, atMs: nowMs });
    else book.depart(key, departureOwner(was, now), from, nowMs);
  });
  for (const key of arrivals) {
    const from = book.arrive(key, controllerUid(next.cluster.pods.get(key)!), nowMs);
    if (from) waiting.set(key, { from, atMs: nowMs });
  }
}

useSim.subscribe(onStoreChange);

/** Whether a chip about to be drawn will fly in (it then skips its fade-in). */
export function hasFlight(key: string): boolean {
  const flight = waiting.get(key);
  return flight !== undefined && performance.now() - flight.atMs <= BOARDING_MS;
}

let boarding: { key: string; el: HTMLElement; from: FlowRect }[] = [];

/** The chip is attached: queue its flight; all flights of one commit are measured together, before paint. */
function board(key: string, el: HTMLElement): void {
  const flight = waiting.get(key);
  if (!flight) return;
  waiting.delete(key);
  if (performance.now() - flight.atMs > BOARDING_MS) return;
  if (boarding.length === 0) queueMicrotask(launch);
  boarding.push({ key, el, from: flight.from });
}

function launch(): void {
  const batch = boarding;
  boarding = [];
  if (!surface || reducedMotion()) return;
  const { layer } = surface;
  const zoom = surface.zoom();
  const origin = layer.getBoundingClientRect();
  // Read everything first, then write: one layout for the whole batch.
  const legs = batch
    .filter(({ el }) => el.isConnected)
    .slice(0, Math.max(0, MAX_FLYING - flying))
    .map(({ key, el, from }) => ({ key, el, from, to: toFlow(el.getBoundingClientRect(), origin, zoom), fontSize: getComputedStyle(el).fontSize }));
  for (const leg of legs) fly(layer, leg);
}

function fly(layer: HTMLElement, { el, from, to, fontSize }: { el: HTMLElement; from: FlowRect; to: FlowRect; fontSize: string }): void {
  const dx = from.x - to.x;
  const dy = from.y - to.y;
  if (Math.abs(dx) < 2 && Math.abs(dy) < 2) return;
  const ghost = el.cloneNode(true) as HTMLElement;
  for (const name of ['tabindex', 'aria-label', 'aria-current', 'title', 'data-pod', 'id']) ghost.removeAttribute(name);
  ghost.classList.remove('chip-fresh', 'chip-gone', 'square-gone');
  ghost.classList.add('chip-ghost');
  Object.assign(ghost.style, { left: `${to.x}px`, top: `${to.y}px`, width: `${to.width}px`, height: `${to.height}px`, fontSize });
  layer.append(ghost);
  const sx = to.width > 0 ? from.width / to.width : 1;
  const sy = to.height > 0 ? from.height / to.height : 1;
  const timing: KeyframeAnimationOptions = { duration: FLIGHT_MS, easing: 'cubic-bezier(0.3, 0.6, 0.25, 1)' };
  const travel = ghost.animate([{ transform: `translate(${dx}px, ${dy}px) scale(${sx}, ${sy})` }, { transform: 'none' }], timing);
  // The real chip waits, invisible, where it lands.
  el.animate([{ opacity: 0 }, { opacity: 0 }], timing);
  // Where it came from, relative to where it lands (canvas units): what a test or a curious reader can check.
  el.dataset.flight = `${Math.round(dx)},${Math.round(dy)}`;
  flying++;
  const land = () => {
    flying--;
    ghost.remove();
    delete el.dataset.flight;
  };
  travel.finished.then(land, land);
}

/**
 * A chip's ref: registers its element while the pod is live (so a move can
 * find where it was) and boards a waiting flight when it is attached.
 */
export function useChipMotion(key: string, gone: boolean): (el: HTMLElement | null) => (() => void) | undefined {
  return useCallback(
    (el: HTMLElement | null) => {
      if (!el || gone) return undefined;
      chips.set(key, el);
      board(key, el);
      return () => {
        if (chips.get(key) === el) chips.delete(key);
      };
    },
    [key, gone],
  );
}

/** A chip area's ref, for flights from a chip that is not drawn (folded into "+N"). */
export function useChipArea(place: string): (el: HTMLElement | null) => (() => void) | undefined {
  return useCallback(
    (el: HTMLElement | null) => {
      if (!el) return undefined;
      areas.set(place, el);
      return () => {
        if (areas.get(place) === el) areas.delete(place);
      };
    },
    [place],
  );
}
