import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse-deck';

const titles = (source: string): Array<string | null> => parseDeck(source).slides.map((slide) => slide.title);

describe('slide splitting', () => {
  it('splits on horizontal rules', () => {
    expect(titles('# One\n\n---\n\n# Two\n\n***\n\n# Three\n')).toEqual(['One', 'Two', 'Three']);
  });

  it('does not split on a rule inside a fenced code block', () => {
    const deck = parseDeck('# One\n\n```md\n---\nstill one\n```\n\n---\n\n# Two\n');
    expect(deck.slides.map((slide) => slide.title)).toEqual(['One', 'Two']);
    expect(deck.slides[0]?.blocks[0]?.code).toBe('---\nstill one');
  });

  it('does not split on a rule inside a tilde fence, an indented code block or an HTML comment', () => {
    expect(titles('# One\n\n~~~\n---\n~~~\n')).toEqual(['One']);
    expect(titles('# One\n\n    ---\n    code\n')).toEqual(['One']);
    expect(titles('# One\n\n<!--\n---\n-->\n')).toEqual(['One']);
  });

  it('reads front matter as global directives, not as a slide', () => {
    const deck = parseDeck('---\nmarp: true\npaginate: true\n---\n\n# One\n\n---\n\n# Two\n');
    expect(deck.directives).toEqual({ marp: true, paginate: true });
    expect(deck.slides).toHaveLength(2);
    expect(deck.slides[1]?.directives.paginate).toBe(true);
  });

  it('knows the line each slide starts on', () => {
    const deck = parseDeck('---\ntitle: x\n---\n# One\n\n---\n\n# Two\n');
    expect(deck.slides.map((slide) => slide.line)).toEqual([4, 7]);
  });

  it('turns invalid front matter into a warning and still renders the slides', () => {
    const deck = parseDeck('---\ntitle: [unclosed\n---\n# One\n');
    expect(deck.slides.map((slide) => slide.title)).toEqual(['One']);
    expect(deck.warnings[0]?.message).toMatch(/not valid YAML/);
  });
});

describe('notes and directives in comments', () => {
  it('keeps non-directive comments as notes, in order, and scopes underscore directives to one slide', () => {
    const deck = parseDeck('<!-- _class: lead -->\n<!-- first -->\n# One\n<!-- second -->\n\n---\n\n# Two\n');
    expect(deck.slides[0]?.notes).toEqual(['first', 'second']);
    expect(deck.slides[0]?.directives.class).toBe('lead');
    expect(deck.slides[1]?.directives.class).toBeUndefined();
  });
});

describe('HTML safety', () => {
  it('never lets script, event handlers or javascript: URLs through', () => {
    const html = parseDeck(
      '# x\n\n<script>alert(1)</script>\n\n<img src="x" onerror="alert(1)">\n\n[a](javascript:alert(1))\n',
      { html: true },
    ).slides[0]?.html;
    expect(html).not.toMatch(/<script|onerror|javascript:/i);
  });
});

describe('runnable blocks', () => {
  it('runs shell fences and reads prompts, expected output and options', () => {
    const block = parseDeck('```console {cwd=../examples/x timeout=60}\n$ echo hi\nhi\n```\n').slides[0]?.blocks[0];
    expect(block).toMatchObject({
      lang: 'console',
      runnable: true,
      commands: ['echo hi'],
      expected: 'hi',
      options: { cwd: '../examples/x', timeout: 60 },
    });
  });

  it('keeps a command going over quoted lines that repeat the prompt', () => {
    const block = parseDeck("```console\n$ sh -c '\n$   while :; do\n$     date\n$   done'\n```\n").slides[0]?.blocks[0];
    expect(block?.commands).toEqual(["sh -c '\n  while :; do\n    date\n  done'"]);
  });

  it('does not run other languages, run=false blocks or blocks with placeholders', () => {
    const deck = parseDeck('```dockerfile\nFROM busybox\n```\n\n```sh {run=false}\nls\n```\n\n```sh\ndocker pull <image>\n```\n');
    expect(deck.slides[0]?.blocks.map((block) => block.runnable)).toEqual([false, false, false]);
    expect(deck.warnings.map((warning) => warning.line)).toEqual([9]);
  });
});
