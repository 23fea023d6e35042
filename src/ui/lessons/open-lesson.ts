/**
 * Opening lessons and the sandbox, from the home screen, a link or a file:
 * boots the worker (starting it if the page opened on the home screen) and
 * keeps the address on the lesson and step shown, so every lesson and step
 * has a link (`?lesson=<id>&step=<step id>`) and a reload comes back there.
 */
import { create } from 'zustand';
import type { LessonCommand, SimCommand } from '../../protocol/messages';
import { isConnected, connectSimulation, sendCommand } from '../sim-client';
import { useSim } from '../store';
import { findLesson, type CatalogEntry } from './catalog';
import { fixedSpeedFrom, lessonAfter } from './lesson-links';

export { fixedSpeedFrom, lessonAfter };

type Boot = Extract<SimCommand, { type: 'boot' | 'boot-scenario' }>;

/** Whether the home screen shows (the page opened on it, or the learner went back to it). */
export const useHome = create<{ shown: boolean }>()(() => ({ shown: false }));
export const showHome = (shown: boolean): void => useHome.setState({ shown });

/** What "Sandbox" opens when no simulation runs yet: the default cluster, playing (set by startup.ts). */
let sandbox: { boot: Boot; after: readonly SimCommand[] } = { boot: { type: 'boot', seed: 1 }, after: [] };
export function setSandboxOpening(boot: Boot, after: readonly SimCommand[]): void {
  sandbox = { boot, after };
}

/** The sandbox: back to what runs (when a session is up and is not a lesson), else the default cluster. */
export function openSandbox(): void {
  const running = isConnected() && useSim.getState().session.status === 'running';
  if (running && !useSim.getState().lesson.info) return showHome(false);
  launch(running ? { type: 'boot', seed: 1 } : sandbox.boot, running ? [{ type: 'speed', factor: 10 }, { type: 'play' }] : sandbox.after);
}

/** Boots `boot` (starting the worker if there is none yet), then sends `after`; hides the home screen. */
export function launch(boot: Boot, after: readonly SimCommand[] = []): void {
  showHome(false);
  if (isConnected()) sendCommand(boot);
  else connectSimulation(boot);
  for (const command of after) sendCommand(command);
}

/** A scenario or lesson file the person opened: booted over what runs (over the default cluster, paused, from the home screen, so a refused file leaves a cluster to show). */
export function bootFile(command: Extract<SimCommand, { type: 'boot-scenario' }>): void {
  showHome(false);
  if (!isConnected()) connectSimulation({ type: 'boot', seed: 1 });
  sendCommand(command);
}

export const lessonCommand = (command: LessonCommand): void => sendCommand({ type: 'lesson', command });

export function lessonBoot(entry: CatalogEntry): Extract<SimCommand, { type: 'boot-scenario' }> {
  return { type: 'boot-scenario', fileName: entry.fileName, text: entry.text };
}

/** Opens a built-in lesson at a step (its id), as its link does. */
export function openLesson(id: string, step: string | null = null): boolean {
  const entry = findLesson(id);
  if (!entry) return false;
  launch(lessonBoot(entry), lessonAfter(entry, step, window.location.search));
  return true;
}

/** The address of a built-in lesson's step (relative, so it works under any path); a `?speed` in force is kept. */
export function lessonHref(id: string, stepId?: string): string {
  const params = new URLSearchParams();
  params.set('lesson', id);
  const speed = typeof window === 'undefined' ? null : fixedSpeedFrom(window.location.search);
  if (speed !== null) params.set('speed', String(speed));
  if (stepId) params.set('step', stepId);
  return `?${params.toString()}`;
}

/** Keeps the address on the built-in lesson and step shown; drops them when something else is loaded. */
export function followLessonAddress(): () => void {
  return useSim.subscribe((state, previous) => {
    const { info, state: at } = state.lesson;
    if (info === previous.lesson.info && at?.step === previous.lesson.state?.step) return;
    const params = new URLSearchParams(window.location.search);
    const builtIn = info ? findLesson(info.name) : undefined;
    if (info && builtIn && at) {
      params.set('lesson', info.name);
      const stepId = info.steps[at.step]?.id;
      if (stepId && at.step > 0) params.set('step', stepId);
      else params.delete('step');
    } else if (!info && previous.lesson.info) {
      params.delete('lesson');
      params.delete('step');
    } else return;
    const search = params.toString();
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${search ? `?${search}` : ''}${window.location.hash}`);
  });
}
