// The views that live in their own files, made for this page: journey maps and template areas (journey-view.js),
// decisions, action items and exports (outcomes-view.js).
import { newNoteSpot } from './placement.js';
import { randomId } from '../lib/ids.js';
import { createJourneyView } from '../journey-view.js';
import { createOutcomesView } from '../outcomes-view.js';
import {
  model,
  config,
  state,
  command,
  announce,
  scheduleRender,
  setView,
  whenApplied,
  viewNotes,
  visibleCentre,
  workshopId,
  token,
} from './context.js';

export const journeyView = createJourneyView({
  model,
  command: (cmd, errorEl) => command(cmd, errorEl),
  announce: (text) => announce(text),
  scheduleRender: () => scheduleRender(),
  setView: (v) => setView(v),
  currentView: () => state.currentView,
  newNotePosition: () => newNoteSpot(visibleCentre(), viewNotes().values(), config.maxCoordinate),
  newNoteId: () => randomId(),
  defaultColor: () => config.defaultColor,
  maxNoteText: () => config.maxNoteText,
  workshopId,
  token,
});

export const outcomesView = createOutcomesView({
  model,
  command,
  whenApplied,
  announce,
  scheduleRender,
  workshopId,
  token,
});
