import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse-deck';

const html = (markdown: string): string => parseDeck(markdown).slides[0]?.html ?? '';

describe('emoji shortcodes', () => {
  it('turns a shortcode into its Unicode emoji, in text, headings, lists and the footer', () => {
    expect(html('# Ship it :whale:\n\n- :+1: done, :rocket: next\n')).toBe('<h1>Ship it 🐳</h1>\n<ul>\n<li>👍 done, 🚀 next</li>\n</ul>\n');
    expect(parseDeck("---\nfooter: 'Docker :whale:'\n---\n\nx\n").slides[0]?.section.footer).toBe('Docker 🐳');
  });

  it('leaves shortcodes in code spans and code blocks, unknown names, times and URLs alone', () => {
    expect(html('Type `:whale:` or :not_an_emoji: at 10:30:00 on https://example.com/a:b\n')).toBe(
      '<p>Type <code>:whale:</code> or :not_an_emoji: at 10:30:00 on <a href="https://example.com/a:b">https://example.com/a:b</a></p>\n',
    );
    const deck = parseDeck('```sh\necho :whale:\n```\n');
    expect(deck.slides[0]?.blocks[0]?.code).toBe('echo :whale:');
    expect(deck.slides[0]?.html).not.toContain('🐳');
  });
});
