/**
 * The side panel's tabs, as data: a console or any other panel joins by
 * adding a row. `shown` hides a tab that has nothing to show (the Scenario
 * tab without a scenario file).
 */
import type { ComponentType } from 'react';
import { Console } from '../console/Console';
import { Editor } from '../editor/Editor';
import { Inspector } from '../panels/Inspector';
import { ScenarioPanel } from '../panels/ScenarioPanel';
import { useSim, type SimState } from '../store';
import { EventsLog } from '../tables/EventsLog';
import { getLayout, setSideTab, showSideTab } from './layout-state';
import { LessonPanel } from '../lessons/LessonPanel';

export interface SideTab {
  id: string;
  label: string;
  Panel: ComponentType;
  shown?: (state: SimState) => boolean;
}

export const SIDE_TABS: readonly SideTab[] = [
  { id: 'lesson', label: 'Lesson', Panel: LessonPanel, shown: (s) => s.lesson.info !== null },
  { id: 'inspector', label: 'Inspector', Panel: Inspector },
  { id: 'events', label: 'Events', Panel: EventsLog },
  { id: 'console', label: 'Console', Panel: Console },
  { id: 'editor', label: 'Editor', Panel: Editor },
  { id: 'scenario', label: 'Scenario', Panel: ScenarioPanel, shown: (s) => s.config.scenario !== null },
];

/** The tabs shown for this state. */
export function shownTabs(state: SimState): readonly SideTab[] {
  return SIDE_TABS.filter((t) => !t.shown || t.shown(state));
}

/**
 * The side panel follows what the user does: selecting something shows the
 * Inspector tab (and opens the panel), closing it goes back to the tab before;
 * opening a scenario file shows its checklist. Subscribed outside React, so the
 * tab is showing in the same render as the selection.
 */
export function followSelection(): () => void {
  let before: string | null = null;
  return useSim.subscribe((state, previous) => {
    const selection = state.inspector.selection;
    if (selection && selection !== previous.inspector.selection) {
      const tab = getLayout().sideTab;
      if (tab !== 'inspector') before = tab;
      showSideTab('inspector');
    } else if (!selection && previous.inspector.selection && getLayout().sideTab === 'inspector') {
      setSideTab(before ?? 'events');
      before = null;
    }
    const scenario = state.config.scenario;
    const was = previous.config.scenario;
    if (scenario && (!was || was.fileName !== scenario.fileName || was.name !== scenario.name)) showSideTab(state.lesson.info ? 'lesson' : 'scenario');
    else if (!scenario && was && getLayout().sideTab === 'scenario') setSideTab('events');
    // A lesson opens on its player; closing it goes back to the event log.
    if (state.lesson.info && state.lesson.info !== previous.lesson.info) showSideTab('lesson');
    else if (!state.lesson.info && previous.lesson.info && getLayout().sideTab === 'lesson') setSideTab('events');
  });
}
