import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse-deck';
import { readImageKeywords } from './image-keywords';

describe('image keywords', () => {
  it('reads sizes, filters and our center, and keeps Marp\'s keywords out of the alt text (center stays, as in Marp)', () => {
    expect(readImageKeywords('Docker logo w:200 h:10em sepia blur:4px center')).toMatchObject({
      alt: 'Docker logo center', width: '200px', height: '10em', filter: 'sepia(1) blur(4px)', center: true, background: false,
    });
    expect(readImageKeywords('width:50% height:120px').alt).toBe('');
  });

  it('reads backgrounds: size keyword, split side and size, vertical', () => {
    expect(readImageKeywords('bg fit')).toMatchObject({ background: true, size: 'contain' });
    expect(readImageKeywords('bg 60%')).toMatchObject({ background: true, size: '60%' });
    expect(readImageKeywords('bg right:30% vertical')).toMatchObject({ split: { side: 'right', size: '30%' }, vertical: true });
    expect(readImageKeywords('bg left')).toMatchObject({ split: { side: 'left', size: '50%' } });
  });

  it('leaves words that only look like keywords in the alt text', () => {
    expect(readImageKeywords('w:wide bg:yes blur:;x').alt).toBe('w:wide bg:yes blur:;x');
  });
});

describe('images on a slide', () => {
  it('renders an inline image with its size and filter, never the keywords', () => {
    const html = parseDeck('![Logo w:120 grayscale](logo.svg)\n').slides[0]?.html;
    expect(html).toBe('<p><img src="logo.svg" alt="Logo" style="width:120px;filter:grayscale(1)" /></p>\n');
  });

  it('centres an image with the center keyword', () => {
    expect(parseDeck('![center](a.svg)\n').slides[0]?.html).toContain('style="display:block;margin-left:auto;margin-right:auto"');
  });

  it('takes bg images out of the content into the section, several of them, in order', () => {
    const slide = parseDeck('![bg](a.svg)\n![bg contain sepia](b.svg)\n\n# Title\n').slides[0];
    expect(slide?.html).toBe('<h1>Title</h1>\n');
    expect(slide?.section.backgrounds).toEqual([
      { url: 'a.svg', size: 'cover', filter: '' },
      { url: 'b.svg', size: 'contain', filter: 'sepia(1)' },
    ]);
    expect(slide?.section.backgroundDirection).toBe('row');
    expect(slide?.sectionHtml.match(/<figure style="flex:1/g)).toHaveLength(2);
  });

  it('stacks bg images vertically with the vertical keyword', () => {
    const slide = parseDeck('![bg vertical](a.svg)\n![bg](b.svg)\n').slides[0];
    expect(slide?.section.backgroundDirection).toBe('column');
    expect(slide?.sectionHtml).toContain('flex-direction:column');
  });

  it('warns on its line about an image from the network, since decks must work offline', () => {
    const deck = parseDeck('# One\n\nText\n\n![w:100](https://example.com/logo.png)\n');
    expect(deck.warnings).toEqual([{ line: 5, message: expect.stringMatching(/comes from the network/) }]);
    expect(deck.slides[0]?.html).toContain('src="https://example.com/logo.png"');
  });

  it('drops a javascript: background with a warning on the slide line', () => {
    const deck = parseDeck('# One\n\n---\n\nText\n\n![bg](javascript:alert(1))\n');
    expect(deck.slides[1]?.section.backgrounds).toEqual([]);
    expect(deck.slides[1]?.sectionHtml).not.toContain('javascript');
    expect(deck.warnings).toEqual([{ line: 7, message: expect.stringMatching(/Background image .* was dropped/) }]);
  });
});
