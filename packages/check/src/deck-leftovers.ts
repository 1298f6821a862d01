// What a deck leaves in the Docker engine, and how `deckhand check` removes it. Containers, networks
// and volumes a deck creates are labelled by a `docker` wrapper put first in the check shell's PATH
// (invisible in output: labels show only in `inspect`); at the end everything with the run's label
// goes, plus whatever appeared during the run under a name the deck itself wrote. Nothing else is
// touched, so checks can share an engine with other work.
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EngineApi, ownerId, reapOrphans, type DockerClient } from '@deckhand/docker';

export const CHECK_LABEL = 'deckhand.check';

export interface Snapshot {
  containers: Set<string>;
  networks: Set<string>;
  volumes: Set<string>;
  images: Set<string>;
}

/** A run id for this process: `host:pid:random`, so a later check can tell whether its run is gone. */
export function newRunId(): string {
  return `${ownerId()}:${randomBytes(4).toString('hex')}`;
}

/** Removes what checks that are gone left behind (killed, or their terminal closed before their clean-up ran). */
export async function reapDeadRuns(): Promise<void> {
  await reapOrphans(new EngineApi(), { label: CHECK_LABEL, ownerLabel: CHECK_LABEL });
}

export async function snapshot(docker: DockerClient): Promise<Snapshot> {
  const list = async (args: string[]): Promise<Set<string>> => new Set(lines((await docker.run(args)).stdout));
  return {
    containers: await list(['ps', '-aq', '--no-trunc']),
    networks: await list(['network', 'ls', '-q', '--no-trunc']),
    volumes: await list(['volume', 'ls', '-q']),
    images: await list(['image', 'ls', '-q', '--no-trunc']),
  };
}

/**
 * Removes what the run labelled, and what appeared since `before` under a name in `names` (volumes
 * made implicitly by `-v data:/x`, networks, images the deck built or tagged). Returns what went.
 */
export async function cleanUp(docker: DockerClient, runId: string, before: Snapshot, names: Set<string>): Promise<string[]> {
  const removed: string[] = [];
  const labelled = async (args: string[]): Promise<string[]> =>
    lines((await docker.run([...args, '--filter', `label=${CHECK_LABEL}=${runId}`])).stdout);
  const after = await snapshot(docker);
  const unique = (items: string[]): string[] => [...new Set(items)];

  const containers = await labelled(['ps', '-aq', '--no-trunc']);
  if (containers.length > 0 && (await docker.run(['rm', '-f', '-v', ...containers])).code === 0) removed.push(`${containers.length} container(s)`);

  const networkNames = new Map(pairs((await docker.run(['network', 'ls', '--no-trunc', '--format', '{{.ID}} {{.Name}}'])).stdout));
  const networks = unique([
    ...(await labelled(['network', 'ls', '-q', '--no-trunc'])),
    ...[...after.networks].filter((id) => !before.networks.has(id) && names.has(networkNames.get(id) ?? '')),
  ]);
  if (networks.length > 0 && (await docker.run(['network', 'rm', ...networks])).code === 0) removed.push(`${networks.length} network(s)`);

  const volumes = unique([
    ...(await labelled(['volume', 'ls', '-q'])),
    ...[...after.volumes].filter((name) => !before.volumes.has(name) && names.has(name)),
  ]);
  if (volumes.length > 0 && (await docker.run(['volume', 'rm', '-f', ...volumes])).code === 0) removed.push(`${volumes.length} volume(s)`);

  const tagged = pairs((await docker.run(['image', 'ls', '--no-trunc', '--format', '{{.ID}} {{.Repository}}:{{.Tag}}'])).stdout);
  const images = new Set<string>();
  for (const [id, ref] of tagged) {
    if (before.images.has(id)) continue;
    if (names.has(ref) || names.has(ref.replace(/:latest$/, ''))) images.add(ref);
  }
  if (images.size > 0 && (await docker.run(['image', 'rm', '-f', ...images])).code === 0) removed.push(`${images.size} image(s)`);
  return removed;
}

/**
 * A directory holding a `docker` that adds the run's label to `run`, `create`, `network create`
 * and `volume create`, then hands over to the real client. Builds are not labelled: the classic
 * builder would print an extra LABEL step and change the output decks show.
 */
export function makeLabellingWrapper(docker: DockerClient, runId: string): { dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-check-'));
  const label = `${CHECK_LABEL}=${runId}`;
  const script = `#!/bin/sh
# Written by deckhand check: labels what a deck creates so the check can remove it afterwards.
real='${docker.binary.replace(/'/g, "'\\''")}'
case "$1" in
  run|create) verb=$1; shift; exec "$real" "$verb" --label '${label}' "$@" ;;
  container|network|volume)
    if [ "$2" = run ] || [ "$2" = create ]; then group=$1; verb=$2; shift 2; exec "$real" "$group" "$verb" --label '${label}' "$@"; fi ;;
esac
exec "$real" "$@"
`;
  const file = path.join(dir, 'docker');
  writeFileSync(file, script);
  chmodSync(file, 0o755);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function lines(text: string): string[] {
  return text.split('\n').map((line) => line.trim()).filter(Boolean);
}

/** `A B` lines as [A, B] pairs (ids and names never hold spaces). */
function pairs(text: string): [string, string][] {
  return lines(text)
    .map((line) => line.split(' '))
    .filter((parts): parts is [string, string] => parts.length >= 2 && Boolean(parts[0]) && Boolean(parts[1]))
    .map(([a, b]) => [a, b]);
}
