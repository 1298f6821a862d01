import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse-deck';

const html = (markdown: string, options = {}) => parseDeck(markdown, options).slides[0]?.html ?? '';

describe('HTML in decks', () => {
  it('keeps allowlisted tags (as Marp Core) and shows others as text unless the deck opts in', () => {
    expect(html('Press <kbd>Ctrl</kbd>-<kbd>C</kbd>\n')).toBe('<p>Press <kbd>Ctrl</kbd>-<kbd>C</kbd></p>\n');
    expect(html('<iframe src="https://example.com"></iframe>\n').trim()).toBe('&lt;iframe src="https://example.com"&gt;&lt;/iframe&gt;');
    expect(html('---\nhtml: true\n---\n<iframe src="https://example.com"></iframe>\n')).not.toContain('&lt;iframe');
  });

  it('never lets script, event handlers or javascript: URLs through, even with html: true', () => {
    const out = html('<script>alert(1)</script>\n\n<img src="x" onerror="alert(1)">\n\n[a](javascript:alert(1))\n\n<a href="JaVaScRiPt:alert(1)">b</a>\n', { html: true });
    expect(out).not.toMatch(/<script|onerror|javascript:/i);
  });

  it('resolves relative image URLs for the page and leaves others alone', () => {
    const out = html('![a](images/a.svg)\n\n![b](https://example.com/b.png)\n', { resolveUrl: (url: string) => `/files/${url}` });
    expect(out).toContain('src="/files/images/a.svg"');
    expect(out).toContain('src="https://example.com/b.png"');
  });

  it('shows code blocks highlighted, with the source text intact for Copy', () => {
    const slide = parseDeck('```dockerfile\nFROM busybox\nCMD ["echo", "<hi>"]\n```\n').slides[0];
    expect(slide?.html).toMatch(/^<pre class="dh-code" data-lang="dockerfile" data-block="s1-b1" tabindex="0"><code><span class="line">/);
    expect(slide?.html).toContain('var(--shiki-token-keyword');
    expect(slide?.html).toContain('"&#x3C;hi>"');
    expect(slide?.blocks[0]?.code).toBe('FROM busybox\nCMD ["echo", "<hi>"]');
  });

  it('shows code in a language it has no grammar for as plain escaped text', () => {
    expect(html('```brainfuck\n<+>\n```\n')).toContain('<code class="language-brainfuck">&lt;+&gt;</code>');
  });
});
