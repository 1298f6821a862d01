import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ScreenMirror } from './screen-mirror';

/** Nice values of this process's threads (Linux). */
function threadNiceValues(): number[] {
  return readdirSync('/proc/self/task').map((tid) => {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(') ') + 2).split(' ')[16]);
  });
}

describe('ScreenMirror', () => {
  it('serializes the screen standing for everything written, with its offset', async () => {
    const mirror = new ScreenMirror(40, 5, () => undefined);
    mirror.write(Buffer.from('first line\r\n\x1b[1msecond\x1b[0m'));
    const screen = await mirror.screen();
    mirror.dispose();
    expect(screen?.offset).toBe(26);
    expect(screen?.text).toContain('first line');
    expect(screen?.text).toContain('\x1b[1msecond');
  });

  it('parses a few bytes by itself shortly after, with no screen asked for', async () => {
    let parsed: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (parsed = resolve));
    const mirror = new ScreenMirror(40, 5, () => parsed());
    mirror.write(Buffer.from('j'));
    expect(mirror.pending).toBe(1);
    await done;
    expect(mirror.parsed).toBe(1);
    expect(mirror.pending).toBe(0);
    mirror.dispose();
  });

  it.runIf(process.platform === 'linux')('parses at the lowest priority, so a flood leaves the CPU to shells and browsers', async () => {
    const mirror = new ScreenMirror(80, 24, () => undefined);
    await mirror.screen();
    mirror.dispose();
    expect(threadNiceValues()).toContain(19);
  });
});
