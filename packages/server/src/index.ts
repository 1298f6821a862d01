// The Deckhand server: decks over HTTP, shells over WebSocket, shells from a sandbox backend.
export { startServer, type ServerOptions, type RunningServer } from './server';
export type { SessionLimits } from './sessions/session-registry';
export { LocalShellSandbox } from './sandbox/local-shell';
export { DockerSandbox, DEFAULT_DOCKER_SANDBOX, type DockerSandboxOptions } from './sandbox/docker-sandbox';
export { DockerSidecarEngine, DEFAULT_SIDECAR } from './sandbox/docker-session-engine';
export { KubernetesSandbox } from './sandbox/kubernetes-sandbox';
export type { Sandbox, Shell, ShellOptions } from './sandbox/sandbox';
export { createLogger, type Logger } from './log';
export { exchangeSecret } from './access/access-client';
export { parseFollowLink } from './follow/follow-client';
