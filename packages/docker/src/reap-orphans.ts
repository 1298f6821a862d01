// Removes the containers, networks and volumes a process that is gone left behind (killed, or stopped
// before its clean-up ran), found by label through the engine's API: `label` marks Deckhand's objects
// of one kind (sandbox, check) and `ownerLabel` holds the owner id (see owner.ts; it may be the same
// label).
import type { EngineApi, Labelled } from './engine-api';
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

export function reapOrphans(engine: EngineApi, labels: OrphanLabels): Promise<Reaped> {
  return removeLabelled(engine, labels, ownerIsGone);
}

/** Removes everything `owner` (this process: ownerId()) created, for a clean stop. */
export function removeOwnedBy(engine: EngineApi, labels: OrphanLabels, owner: string): Promise<Reaped> {
  return removeLabelled(engine, labels, (value) => value === owner || value.startsWith(`${owner}:`));
}

async function removeLabelled(engine: EngineApi, { label, ownerLabel }: OrphanLabels, remove: (owner: string) => boolean): Promise<Reaped> {
  const orphaned = (objects: Labelled[]): string[] => objects.filter(({ labels }) => remove(labels[ownerLabel] ?? '')).map(({ id }) => id);
  const found = await engine.labelled(label);
  // Containers first: a network or volume still in use by one cannot be removed.
  const containers = orphaned(found.containers);
  await Promise.all(containers.map((id) => engine.remove(id)));
  let networks = 0;
  for (const id of orphaned(found.networks)) if (await engine.removeNetwork(id)) networks++;
  let volumes = 0;
  for (const name of orphaned(found.volumes)) if (await engine.removeVolume(name)) volumes++;
  return { containers: containers.length, networks, volumes };
}
