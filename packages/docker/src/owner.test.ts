// The reaper's rule: only what a process of this host that is gone left behind may be removed.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ownerId, ownerIsGone } from './owner';

describe('ownerIsGone', () => {
  it('keeps what this live process owns, with or without a run suffix', () => {
    expect(ownerIsGone(ownerId())).toBe(false);
    expect(ownerIsGone(`${ownerId()}:a1b2c3d4`)).toBe(false);
  });

  it('reaps what an exited process of this host owned', () => {
    const exited = spawnSync('true').pid;
    expect(exited).toBeGreaterThan(0);
    expect(ownerIsGone(ownerId(exited))).toBe(true);
  });

  it('keeps what another host, or an owner it cannot read, left', () => {
    expect(ownerIsGone(`not-${os.hostname()}:999999`)).toBe(false);
    expect(ownerIsGone('')).toBe(false);
    expect(ownerIsGone(`${os.hostname()}:zero`)).toBe(false);
    expect(ownerIsGone(`${os.hostname()}:-4`)).toBe(false);
  });
});
