// Where browsers reach `deckhand serve` when a forwarding proxy stands in front of it: `--public-url`,
// or the forwarded port of the cloud workspace it runs in (GitHub Codespaces, Gitpod-style hosts),
// read from the variables those workspaces set. The server prints that address and admits exactly its
// Host and Origin (https included), besides its own.
import { UsageError } from './usage-error';

export interface PublicAddress {
  url: URL;
  /** What gave it, for the start-up message. */
  source: string;
}

export function publicAddress(flag: string | undefined, port: number, env: NodeJS.ProcessEnv, usage: string): PublicAddress | undefined {
  if (flag !== undefined) return { url: parsePublicUrl(flag, usage), source: '--public-url' };
  return workspaceAddress(port, env);
}

/** The forwarded address of `port` in the workspace this runs in, if it runs in one. */
export function workspaceAddress(port: number, env: NodeJS.ProcessEnv): PublicAddress | undefined {
  if (port === 0) return undefined; // a port picked at random has no forwarded address to predict
  const { CODESPACES, CODESPACE_NAME, GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN, GITPOD_WORKSPACE_URL } = env;
  if (CODESPACES === 'true' && CODESPACE_NAME && GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN) {
    return { url: new URL(`https://${CODESPACE_NAME}-${port}.${GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN}`), source: 'GitHub Codespaces' };
  }
  if (GITPOD_WORKSPACE_URL) {
    try {
      // Gitpod forwards port P of https://<workspace> at https://P-<workspace>.
      const workspace = new URL(GITPOD_WORKSPACE_URL);
      return { url: new URL(`https://${port}-${workspace.host}`), source: 'the Gitpod workspace' };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function parsePublicUrl(value: string, usage: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--public-url must be an address such as https://deckhand.example.org, got "${value}"`, usage);
  }
  if (!['http:', 'https:'].includes(url.protocol)) throw new UsageError(`--public-url must start with https:// or http://, got "${value}"`, usage);
  if (url.pathname !== '/' || url.search || url.hash || url.username || url.password) {
    throw new UsageError(`--public-url must be an origin with no path, query or user (Deckhand serves from the root), got "${value}"`, usage);
  }
  return url;
}
