// An open deck: loads it (and reloads it when its file changes), keeps the slide in the address and in
// step with the other views, runs blocks, and routes keys to commands. Which view shows it depends on
// the route and the screen: audience (reading view on a phone), presenter (clicker on a phone), with the
// overview and the shortcut help on top.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CodeBlock } from '@deckhand/deck';
import { SlideAnnouncer } from '../a11y/SlideAnnouncer';
import { AccessNeeded } from '../deck-access/AccessNeeded';
import { NotFound } from '../deck-access/NotFound';
import { ServerRestarted } from '../deck-access/ServerRestarted';
import { useDeck } from '../deck-access/use-deck';
import { AudienceView } from '../audience/AudienceView';
import { PAGE_ROLE } from '../deck-access/server-access';
import { exercisesOf } from '../exercises/exercises';
import { FollowBar } from '../follow/FollowBar';
import { followSession, useFollowSession } from '../follow/follow-session';
import { useExerciseProgress } from '../exercises/use-exercise-progress';
import { useAttendeeReport } from '../classroom/use-attendee-report';
import { useLayout } from '../layout/use-layout';
import { HelpDialog } from '../navigation/HelpDialog';
import type { Command } from '../navigation/shortcuts';
import { useShortcuts } from '../navigation/use-shortcuts';
import { ReadingView } from '../reading/ReadingView';
import { navigate, routeHash, type Route } from '../route';
import { useBlockRuns } from '../runs/use-block-runs';
import { useRehearsalRecording } from '../presenter/use-rehearsal-recording';
import { NARROW_SCREEN } from '../layout/layout-rules';
import { useMediaQuery } from '../settings/use-media-query';
import { isBoolean, isNumber } from '../settings/stored';
import { useStoredState } from '../settings/use-stored-state';
import { focusedBlockId } from '../slides/code-actions';
import { scrollSlide } from '../slides/slide-overflow';
import { DeckStyle } from '../slides/DeckStyle';
import { sharedSyncChannel } from '../sync/sync-channel';
import { useSlideSync } from '../sync/use-slide-sync';
import { useDetailsSync } from '../sync/use-details-sync';
import { useTerminalTabSync } from '../sync/use-terminal-tab-sync';
import type { TerminalController } from '../terminal/terminal-controller';
import { themeOf, themeTone } from '../themes/theme-names';
import type { LoadedDeck } from '../deck-access/api';
import type { DeckSession } from './deck-session';

const PresenterView = lazy(() => import('../presenter/PresenterView'));
const OverviewGrid = lazy(() => import('../overview/OverviewGrid'));
// Only the offline reader has a search index; the live app's build leaves this out.
const SearchDialog = __DECKHAND_READER__ ? lazy(() => import('../reader/SearchDialog')) : null;

const FONT_MIN = 10;
const FONT_MAX = 40;

export function DeckScreen({ route, deckId }: { route: Route; deckId: string }) {
  const sync = sharedSyncChannel();
  const state = useDeck(deckId, sync);
  if (state.kind === 'access-needed') return <AccessNeeded />;
  if (state.kind === 'not-found') return <NotFound message={state.message} />;
  if (state.kind === 'error') {
    return (
      <main className="notice" role="alert">
        <h1>Deckhand could not open this deck</h1>
        <p>{state.message}</p>
      </main>
    );
  }
  if (state.kind === 'loading') return <main className="notice">Loading…</main>;
  return <OpenDeck route={route} deck={state.deck} />;
}

function OpenDeck({ route, deck }: { route: Route; deck: LoadedDeck }) {
  const sync = sharedSyncChannel();
  const total = deck.slides.length;
  const current = Math.min(route.slide, Math.max(total, 1));
  const narrow = useMediaQuery(NARROW_SCREEN);

  const go = useCallback(
    (slide: number) => navigate({ deck: deck.id, slide: Math.min(Math.max(slide, 1), total), view: route.view }),
    [deck.id, total, route.view],
  );
  useSlideSync(sync, deck.id, current, route.view);
  const [layout, setLayout] = useLayout(sync, deck.id);

  const terminal = useRef<TerminalController | null>(null);
  const followTerminalTabs = useTerminalTabSync(sync, deck.id);
  useDetailsSync(sync, deck.id);
  const onTerminalReady = useCallback(
    (controller: TerminalController | null) => {
      terminal.current = controller;
      followTerminalTabs(controller);
    },
    [followTerminalTabs],
  );
  const replayOf = useMemo(
    () => (__DECKHAND_READER__ ? (block: CodeBlock) => ({ run: deck.recordings?.[block.id] ?? null, title: block.commands[0]?.split('\n')[0] ?? '' }) : undefined),
    [deck],
  );
  const rehearsal = useRehearsalRecording(deck.id);
  // Only the presenter view records: the audience window runs nothing of its own.
  const recorder = !__DECKHAND_READER__ && route.view === 'presenter' ? rehearsal.recorder : undefined;
  const runs = useBlockRuns(deck.id, sync, terminal, { replayOf, recorder });
  const follow = useFollowSession();
  const actions = useMemo(() => ({ run: runs.run, stop: runs.stop, canRun: follow.hasShell }), [runs.run, runs.stop, follow.hasShell]);

  const [fontSize, setFontSize] = useStoredState('deckhand.terminal.fontSize', 15, isNumber);
  const [screenReaderMode, setScreenReaderMode] = useStoredState('deckhand.terminal.screenReader', false, isBoolean);
  const tone = themeTone(themeOf(deck.theme), deck.directives.class);
  // A follower's page has no shell: it shows the trainer's terminal while the trainer shares one.
  const watch = follow.hasShell ? undefined : (follow.status.position?.terminal ?? null);
  const terminalSettings = useMemo(() => ({ fontSize, tone, screenReaderMode, watch }), [fontSize, tone, screenReaderMode, watch]);
  const changeFontSize = useCallback(
    (step: number) => setFontSize((size) => Math.min(FONT_MAX, Math.max(FONT_MIN, size + step))),
    [setFontSize],
  );

  const exercises = useMemo(() => exercisesOf(deck), [deck]);
  const progress = useExerciseProgress(deck.id);
  useAttendeeReport(deck.id, current, progress.done);
  // A follower tells the trainer's dashboard where it is and which exercises it has done.
  useEffect(() => {
    if (follow.active) followSession().tell({ deck: deck.id, slide: current, done: [...progress.done] });
  }, [follow.active, deck.id, current, progress.done]);
  // A follower's terminal shows when the trainer shares one, and goes when the trainer stops.
  useEffect(() => {
    if (PAGE_ROLE === 'follower') setLayout(watch ? 'split' : 'slide');
  }, [watch, setLayout]);
  const [helpOpen, setHelpOpen] = useState(false);
  const [searchOpen, setSearchOpen] = useState(false);

  // The audience view's overview is a route (Back closes it); over the presenter view it is a layer, so
  // the presenter view (and its terminal) stays underneath.
  const [presenterOverview, setPresenterOverview] = useState(false);
  const presenting = route.view === 'presenter';
  const overviewOpen = presenting ? presenterOverview : route.view === 'overview';
  const openOverview = useCallback(() => {
    if (presenting) setPresenterOverview(true);
    else navigate({ deck: deck.id, slide: current, view: 'overview' });
  }, [presenting, deck.id, current]);
  const closeOverview = useCallback(
    (slide: number) => {
      if (presenting) {
        setPresenterOverview(false);
        navigate({ deck: deck.id, slide, view: 'presenter' });
      } else navigate({ deck: deck.id, slide, view: 'audience' });
    },
    [presenting, deck.id],
  );
  const openPresenter = useCallback(() => {
    window.open(routeHash({ deck: deck.id, slide: current, view: 'presenter' }), `deckhand-presenter-${deck.id}`);
  }, [deck.id, current]);

  const session: DeckSession = {
    deck,
    current,
    total,
    go,
    actions,
    running: runs.running,
    terminal: terminalSettings,
    onTerminalReady,
    changeFontSize,
    toggleScreenReaderMode: () => setScreenReaderMode((on) => !on),
    layout,
    setLayout,
    exercises,
    progress,
    openOverview,
    openPresenter: PAGE_ROLE === 'follower' ? undefined : openPresenter,
    openHelp: () => setHelpOpen(true),
    openSearch: () => setSearchOpen(Boolean(SearchDialog)),
    rehearsal,
  };

  const runShortcut = (): void => {
    const slide = deck.slides[current - 1];
    const id = focusedBlockId();
    const block = slide?.blocks.find((candidate) => candidate.id === id && candidate.runnable) ?? slide?.blocks.find((candidate) => candidate.runnable);
    if (block) runs.run(block);
  };
  const commands: Record<Command, () => void> = {
    next: () => go(current + 1),
    previous: () => go(current - 1),
    'scroll-down': () => scrollSlide(1) || go(current + 1),
    'scroll-up': () => scrollSlide(-1) || go(current - 1),
    first: () => go(1),
    last: () => go(total),
    overview: () => (overviewOpen ? closeOverview(current) : openOverview()),
    presenter: () => (presenting || PAGE_ROLE === 'follower' ? undefined : openPresenter()),
    fullscreen: () => void (document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen()).catch(() => {}),
    terminal: () => setLayout(layout === 'slide' ? 'split' : 'slide'),
    'maximise-terminal': () => setLayout(layout === 'terminal' ? 'split' : 'terminal'),
    run: runShortcut,
    'font-larger': () => changeFontSize(2),
    'font-smaller': () => changeFontSize(-2),
    help: () => setHelpOpen((open) => !open),
    search: () => setSearchOpen(Boolean(SearchDialog)),
    close: () => {
      if (searchOpen) setSearchOpen(false);
      else if (helpOpen) setHelpOpen(false);
      else if (overviewOpen) closeOverview(current);
    },
  };
  useShortcuts({ command: (command) => commands[command](), jump: go });

  const slide = deck.slides[current - 1];
  let view;
  if (presenting) view = <PresenterView session={session} narrow={narrow} />;
  else if (narrow) view = <ReadingView session={session} />;
  else view = <AudienceView session={session} />;

  return (
    <>
      <DeckStyle css={deck.css} />
      <SlideAnnouncer index={current} total={total} title={slide?.title ?? null} />
      <Suspense fallback={<main className="notice">Loading…</main>}>{view}</Suspense>
      {overviewOpen && (
        <Suspense fallback={null}>
          <OverviewGrid session={session} onSelect={closeOverview} />
        </Suspense>
      )}
      {helpOpen && <HelpDialog onClose={() => setHelpOpen(false)} />}
      {searchOpen && SearchDialog && (
        <Suspense fallback={null}>
          <SearchDialog onClose={() => setSearchOpen(false)} />
        </Suspense>
      )}
      <ServerRestarted sync={sync} newShells={() => terminal.current?.newShells?.()} />
      {!presenting && narrow && <FollowBar deck={deck.id} docked />}
    </>
  );
}
