// The labels every container, network and volume of a Docker sandbox carries: what it is, and which
// server (`host:pid`, see @deckhand/docker's owner.ts) created it, so a reaper removes only what
// servers that are gone left behind.
export const SANDBOX_LABEL = 'deckhand.sandbox';
export const SANDBOX_OWNER_LABEL = 'deckhand.sandbox.owner';
