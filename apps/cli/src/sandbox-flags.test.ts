import { describe, expect, it } from 'vitest';
import { sandboxFromFlags } from './sandbox-flags';
import { UsageError } from './usage-error';

const usage = 'usage';

describe('serve sandbox flags', () => {
  it('keeps the local shell by default, and refuses Docker-only flags with it', async () => {
    expect((await sandboxFromFlags({}, '/tmp', usage)).name).toBe('local');
    await expect(sandboxFromFlags({ memory: '1g' }, '/tmp', usage)).rejects.toThrow(/--memory applies to --sandbox docker only/);
  });

  it('refuses settings that would undo the sandbox', async () => {
    const refused = async (values: Record<string, string>): Promise<string> => {
      try {
        await sandboxFromFlags({ sandbox: 'docker', ...values }, '/tmp', usage);
        return 'accepted';
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
    };
    expect(await refused({ network: 'host' })).toMatch(/host's network/);
    expect(await refused({ share: '/' })).toMatch(/system files/);
    expect(await refused({ share: '/etc' })).toMatch(/system files/);
    expect(await refused({ pids: 'lots' })).toMatch(/--pids/);
    expect(await refused({ memory: 'plenty' })).toMatch(/--memory/);
    expect(await refused({ 'docker-engine': 'host-socket' })).toMatch(/none or sidecar/);
    expect(await refused({ sandbox: 'vm' })).toMatch(/local, docker or kubernetes/);
    expect(await refused({ namespace: 'class' })).toMatch(/--namespace applies to --sandbox kubernetes only/);
  });

  it('refuses Docker-only settings for a Kubernetes sandbox before looking for a cluster', async () => {
    await expect(sandboxFromFlags({ sandbox: 'kubernetes', share: '/tmp' }, '/tmp', usage)).rejects.toThrow(/--share applies to --sandbox docker only/);
    await expect(sandboxFromFlags({ sandbox: 'kubernetes', 'docker-engine': 'sidecar' }, '/tmp', usage)).rejects.toThrow(/--docker-engine applies/);
    await expect(sandboxFromFlags({ sandbox: 'kubernetes', user: 'deckhand' }, '/tmp', usage)).rejects.toThrow(/UID\[:GID\] as numbers/);
  });
});
