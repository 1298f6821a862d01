import { describe, expect, it } from 'vitest';
import { renderNotes } from './notes-markdown';

describe('renderNotes', () => {
  it('renders Markdown', () => {
    expect(renderNotes(['Ask **who** has built an image.'])).toContain('<strong>who</strong>');
  });

  it('never lets a note run script', () => {
    const html = renderNotes(['<img src=x onerror=alert(1)> [x](javascript:alert(1))']);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('javascript:');
  });
});
