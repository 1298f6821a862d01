// `deckhand inspect` run as a user runs it: the real command on a real deck file.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
const deckhand = path.join(root, 'apps', 'cli', 'bin', 'deckhand.js');
const deck = path.join(root, 'packages', 'deck', 'fixtures', 'header-footer-pagination.md');

describe('deckhand inspect', () => {
  it('prints the JSON shape scripts rely on', () => {
    const json = JSON.parse(execFileSync(process.execPath, [deckhand, 'inspect', deck, '--json'], { encoding: 'utf8' }));
    expect(json.directives).toMatchObject({ marp: true, paginate: true, title: 'Containers in one afternoon' });
    expect(json.slides).toHaveLength(4);
    expect(json.slides[0]).toMatchObject({ index: 1, title: 'Containers in one afternoon', notes: ['Ask who has used Docker before.'] });
    expect(json.slides[1]).toMatchObject({
      index: 2,
      directives: { paginate: true },
      blocks: [{ lang: 'console', runnable: true, commands: ['docker run --rm busybox echo hello'], expected: 'hello', options: {} }],
    });
    expect(json.slides[3].exercise).toMatchObject({ id: 'name-a-container' });
    expect(json.warnings).toEqual([]);
  });

  it('prints a readable summary with warnings and their lines', () => {
    const out = execFileSync(process.execPath, [deckhand, 'inspect', deck], { encoding: 'utf8' });
    expect(out).toContain('4 slides, 2 code blocks (2 runnable), 1 exercise, 0 warnings; 1280×720, theme default');
    expect(out).toContain('exercise name-a-container: tip "Tip 1", solution "Solution"');
    expect(out).toContain('$ docker run --rm busybox echo hello');
  });

  it('says plainly when the deck file is missing', () => {
    const result = spawnSync(process.execPath, [deckhand, 'inspect', 'no-such-deck.md'], { encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('deckhand inspect: cannot read no-such-deck.md: no such file\n');
  });
});
