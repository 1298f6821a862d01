// `@deckhand/docker`: the Docker engine through its command-line client, for the sandbox, `check` and tests.
export { DockerClient, type DockerResult, type DockerRunOptions } from './docker-client';
export { engineAbsence } from './engine-absence';
export { ENGINE_QUERY, describeEngine, readEngine, versionAtLeast, type DockerEngine } from './engine-version';
export { ownerId, ownerIsGone } from './owner';
export { reapOrphans, type OrphanLabels, type Reaped } from './reap-orphans';
