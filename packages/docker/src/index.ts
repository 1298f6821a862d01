// `@deckhand/docker`: the Docker engine, through its API for what lasts as long as a terminal (sandbox
// containers, the reaper) and through its command-line client for `check` and the sidecar engine.
export { DockerClient, type DockerResult, type DockerRunOptions } from './docker-client';
export { EngineApi, sizeBytes, type AttachedContainer, type Labelled, type Labels } from './engine-api';
export { engineAbsence } from './engine-absence';
export { ENGINE_QUERY, describeEngine, readEngine, versionAtLeast, type DockerEngine } from './engine-version';
export { ownerId, ownerIsGone } from './owner';
export { reapOrphans, removeOwnedBy, type OrphanLabels, type Reaped } from './reap-orphans';
