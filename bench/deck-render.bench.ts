// Parse and render of a generated 1,000-slide deck by the deck package, against @marp-team/marp-core
// rendering the same deck, in one run on one machine. Prints the medians and the ratio (ours / Marp);
// the goal is a ratio of 1 or less. Both sides do comparable work: Markdown to sanitized slide HTML
// with highlighted code (ours: shiki; Marp: highlight.js), directives, notes, backgrounds. Each round gets a fresh deck (the round number is in every code
// block) so neither side reuses work from an earlier round: our highlight cache never hits.
import { Marp } from '@marp-team/marp-core';
import katexPlugin from '@marp-team/marp-core/plugins/katex';
import { loadMathEngine, parseDeck } from '@deckhand/deck';

const SLIDES = 1_000;
const ROUNDS = 9;

function slide(round: number, i: number): string {
  const kinds = [
    `## Running container ${i}\n\n- start it with \`docker run\`\n- **list** it with \`docker ps\`\n\n\`\`\`console\n$ docker run --rm busybox echo round-${round}-${i}\nround-${round}-${i}\n\`\`\`\n\n<!-- Ask what --rm does (${i}). -->`,
    `<!-- _class: lead -->\n\n# Part ${i}\n\n![bg left:40%](images/layers-${i % 7}.svg)\n\nImages are *layers*, containers add one on top.`,
    `## A Dockerfile (${i})\n\n\`\`\`dockerfile\nFROM busybox:latest\nARG NAME=round-${round}-${i}\nCOPY hello.sh /hello.sh\nRUN chmod +x /hello.sh\nCMD ["/hello.sh"]\n\`\`\`\n\n| command | what |\n|---|---|\n| build | makes an image |\n| run | starts a container |`,
    `## Exercise: Step ${round}-${i}\n\nName a container.\n\n<details><summary>Tip</summary>\n\n\`--name\` sets it.\n\n</details>\n\n![w:200 center](images/logo.svg)`,
  ];
  return kinds[i % kinds.length] as string;
}

/** A formula on every slide, and a display formula on every fourth (for the decks-with-math figure);
 *  the round number is in each, so no round reuses typesetting from an earlier one. */
function withMath(round: number, i: number): string {
  const display = i % 4 === 0 ? `\n\n$$\n\\sum_{k=${round}}^{${i}} k = \\frac{${i}(${i}+1)}{2}\n$$` : '';
  return `${slide(round, i)}\n\nDensity: $\\frac{m_{${i}}}{${round + 2}} \\times 2^{20}$ bytes per container.${display}`;
}

function deck(round: number, makeSlide = slide): string {
  const front = '---\nmarp: true\ntitle: Bench\npaginate: true\nheader: Docker course\nfooter: Bench deck\n---\n\n';
  return front + Array.from({ length: SLIDES }, (_, i) => makeSlide(round, i)).join('\n\n---\n\n') + '\n';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(work: () => void): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

// Warm-up: grammars compiled, JIT settled, on a deck no round reuses.
const warm = deck(-1);
parseDeck(warm);
new Marp().render(warm);

const ours: number[] = [];
const marp: number[] = [];
const ratios: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const source = deck(round);
  // Alternate which side goes first so neither always runs on a warmer machine.
  if (round % 2 === 0) {
    ours.push(time(() => parseDeck(source)));
    marp.push(time(() => new Marp().render(source)));
  } else {
    marp.push(time(() => new Marp().render(source)));
    ours.push(time(() => parseDeck(source)));
  }
  ratios.push((ours[round] as number) / (marp[round] as number));
}

const check = parseDeck(deck(0));
if (check.slides.length !== SLIDES) throw new Error(`expected ${SLIDES} slides, got ${check.slides.length}`);
// The ratio is the median of each round's back-to-back ratio, which holds up on a busy machine better
// than a ratio of two medians taken at different moments.
process.stdout.write(
  `deck parse+render, ${SLIDES} slides, ${ROUNDS} rounds: deckhand median ${median(ours).toFixed(0)} ms, ` +
  `marp-core median ${median(marp).toFixed(0)} ms, ratio deckhand/marp-core ${median(ratios).toFixed(2)} ` +
  `(per-round ratios ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}; goal ≤ 1)\n`,
);

// Decks with math. Only now is the math engine loaded (the figure above is for decks that never load
// it): once per process, timed on its own. Marp Core's MathJax plugin needs font packages the registry
// does not have, so Marp here typesets with its KaTeX plugin (HTML), ours with MathJax (SVG).
const loadStart = performance.now();
await loadMathEngine('mathjax');
const loadMs = performance.now() - loadStart;
const marpWithMath = (): Marp => new Marp().use(katexPlugin());
parseDeck(deck(-1, withMath));
marpWithMath().render(deck(-1, withMath));
const mathOurs: number[] = [];
const mathMarp: number[] = [];
const mathRatios: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  const source = deck(round, withMath);
  if (round % 2 === 0) {
    mathOurs.push(time(() => parseDeck(source)));
    mathMarp.push(time(() => marpWithMath().render(source)));
  } else {
    mathMarp.push(time(() => marpWithMath().render(source)));
    mathOurs.push(time(() => parseDeck(source)));
  }
  mathRatios.push((mathOurs[round] as number) / (mathMarp[round] as number));
}
const mathCheck = parseDeck(deck(0, withMath));
const formulas = mathCheck.slides.reduce((n, s) => n + (s.html.match(/<mjx-container /g) ?? []).length, 0);
if (formulas !== SLIDES + SLIDES / 4) throw new Error(`expected ${SLIDES + SLIDES / 4} typeset formulas, got ${formulas}`);
process.stdout.write(
  `deck with math (${formulas} formulas), ${ROUNDS} rounds: math engine load ${loadMs.toFixed(0)} ms once; deckhand (MathJax SVG) median ` +
  `${median(mathOurs).toFixed(0)} ms, marp-core (KaTeX plugin) median ${median(mathMarp).toFixed(0)} ms, ` +
  `ratio ${median(mathRatios).toFixed(2)} (per-round ${Math.min(...mathRatios).toFixed(2)}–${Math.max(...mathRatios).toFixed(2)}); ` +
  `deckhand without math on the same slides ${median(ours).toFixed(0)} ms\n`,
);
