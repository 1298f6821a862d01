// Ctrl-C while a command runs a deck's blocks (check, record): the first stops the run softly, so what
// the deck created is still removed; a second quits at once (exit status 130).
export interface SoftInterrupt {
  /** Aborted by the first Ctrl-C. */
  signal: AbortSignal;
  /** Gives Ctrl-C back to Node once the run is over. */
  release(): void;
}

/** `doing` says what happens while stopping: "removing what the deck created". */
export function softInterrupt(doing: string): SoftInterrupt {
  const stopping = new AbortController();
  const onInterrupt = (): void => {
    if (stopping.signal.aborted) process.exit(130);
    process.stderr.write(`\nStopping: ${doing} (Ctrl-C again to quit at once)…\n`);
    stopping.abort();
  };
  process.on('SIGINT', onInterrupt);
  return { signal: stopping.signal, release: () => process.off('SIGINT', onInterrupt) };
}
