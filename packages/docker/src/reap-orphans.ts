// Removes the containers, networks and volumes a process that is gone left behind (killed, or stopped
// before its clean-up ran), found by label: `label` marks Deckhand's objects of one kind (sandbox,
// check) and `ownerLabel` holds the owner id (see owner.ts; it may be the same label).
import type { DockerClient } from './docker-client';
import { ownerIsGone } from './owner';

export interface OrphanLabels {
  label: string;
  ownerLabel: string;
}

export interface Reaped {
  containers: number;
  networks: number;
  volumes: number;
}

export async function reapOrphans(docker: DockerClient, { label, ownerLabel }: OrphanLabels): Promise<Reaped> {
  const orphans = async (args: string[]): Promise<string[]> => {
    const listed = await docker.run([...args, '--filter', `label=${label}`, '--format', `{{.ID}}\t{{.Label "${ownerLabel}"}}`]);
    return listed.stdout
      .split('\n')
      .map((line) => line.trim().split('\t'))
      .filter(([id, owner]) => id && owner && ownerIsGone(owner))
      .map(([id]) => id as string);
  };
  const containers = await orphans(['ps', '-a']);
  if (containers.length > 0) await docker.run(['rm', '-f', '-v', ...containers]);
  const networks = await orphans(['network', 'ls']);
  if (networks.length > 0) await docker.run(['network', 'rm', ...networks]);
  // `volume ls --format` has no per-label field on every engine version: ask each volume.
  let volumes = 0;
  const listed = await docker.run(['volume', 'ls', '-q', '--filter', `label=${label}`]);
  for (const volume of listed.stdout.split('\n').filter(Boolean)) {
    const owner = (await docker.run(['volume', 'inspect', '--format', `{{index .Labels "${ownerLabel}"}}`, volume])).stdout.trim();
    if (ownerIsGone(owner) && (await docker.run(['volume', 'rm', '-f', volume])).code === 0) volumes++;
  }
  return { containers: containers.length, networks: networks.length, volumes };
}
