import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ENGINE_QUERY, describeEngine, readEngine, versionAtLeast } from './engine-version';
import { engineAbsence } from './engine-absence';

describe('engine version', () => {
  it('reads the engine, its API, the client and the image store', () => {
    const engine = readEngine('engine=28.5.2+dfsg4 api=1.50 client=28.2.2\ndriver=io.containerd.snapshotter.v1\n');
    expect(engine).toEqual({ version: '28.5.2+dfsg4', api: '1.50', client: '28.2.2', imageStore: 'containerd' });
    expect(describeEngine(engine!)).toBe('Docker Engine 28.5.2+dfsg4 (API 1.50, containerd image store), client 28.2.2');
    expect(readEngine('engine=20.10.24+dfsg1 api=1.41 client=20.10.24+dfsg1\ndriver=\n')?.imageStore).toBe('classic');
    expect(readEngine('Cannot connect to the Docker daemon at unix:///var/run/docker.sock.')).toBeNull();
  });

  it('compares versions by their numbers, Debian suffixes aside', () => {
    expect(versionAtLeast('20.10.24+dfsg1', '23')).toBe(false);
    expect(versionAtLeast('23.0.0', '23')).toBe(true);
    expect(versionAtLeast('28.5.2+dfsg4', '29')).toBe(false);
    expect(versionAtLeast('29.1.3', '29')).toBe(true);
    expect(versionAtLeast('29.0.4', '29.1')).toBe(false);
    expect(versionAtLeast('30.0.0', '29.1')).toBe(true);
  });

  it.skipIf(engineAbsence() !== null)('reads the engine of this machine', () => {
    const output = execFileSync('sh', ['-c', ENGINE_QUERY], { encoding: 'utf8' });
    const engine = readEngine(output);
    expect(engine?.version).toMatch(/^\d+\.\d+/);
    expect(engine?.api).toMatch(/^1\.\d+$/);
  });
});
