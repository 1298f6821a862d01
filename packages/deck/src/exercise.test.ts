import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse-deck';

const exerciseSlide = `## Exercise: Run a *named* container!

Start a container called \`web\`.

<details><summary>Tip 1</summary>

\`docker run\` takes a \`--name\` flag.

</details>

<details><summary>Solution</summary>

\`\`\`console
$ docker run -d --name web busybox sleep 60
\`\`\`

</details>
`;

describe('exercises', () => {
  it('declares an exercise from its heading, with its tips and solution in order', () => {
    const slide = parseDeck(exerciseSlide).slides[0];
    expect(slide?.exercise).toEqual({
      id: 'run-a-named-container',
      title: 'Run a *named* container!',
      parts: [{ kind: 'tip', summary: 'Tip 1' }, { kind: 'solution', summary: 'Solution' }],
    });
  });

  it('renders tips and solution as collapsible <details> with Markdown and runnable blocks inside', () => {
    const slide = parseDeck(exerciseSlide).slides[0];
    expect(slide?.html).toContain('<details><summary>Tip 1</summary><p><code>docker run</code> takes a <code>--name</code> flag.</p>\n</details>');
    expect(slide?.blocks[0]).toMatchObject({ runnable: true, commands: ['docker run -d --name web busybox sleep 60'] });
    expect(slide?.html).not.toMatch(/<details[^>]*open/);
  });

  it('keeps exercise ids unique in a deck and says so', () => {
    const deck = parseDeck('## Exercise: Pull\n\n---\n\n## Exercise: Pull\n');
    expect(deck.slides.map((slide) => slide.exercise?.id)).toEqual(['pull', 'pull-2']);
    expect(deck.warnings[0]?.message).toMatch(/used twice/);
  });

  it('is null on slides that are not exercises', () => {
    expect(parseDeck('# Exercises are fun\n').slides[0]?.exercise).toBeNull();
  });
});
