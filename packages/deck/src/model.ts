// The slide model: what the deck package produces and every other part (server, presenter, CLI) reads.
// Plain data only, so it can cross a WebSocket or be embedded in a static export as JSON.
//
// Rendering contract for the presenter (issue 5), the same shape Marpit renders:
//   <div class="dh-deck">                        ← DECK_SCOPE: one wrapper per rendered deck
//     {slide.sectionHtml}                         ← a complete <section> element, ready to place
//   </div>
//   <style>{deck.css}</style>                     ← put in as textContent (never as HTML)
// `sectionHtml` is `<section class="… " style="…" data-index data-paginate data-marpit-pagination …>`
// holding, in order: the background layer (when the slide has `bg` images), `<header>` (when the
// header directive is set), the slide content (`html`), `<footer>`. Page numbers are Marp's way: the
// section carries `data-marpit-pagination="N"` and `data-marpit-pagination-total="T"` when paginate is
// on, and the theme draws them with `section[data-marpit-pagination]::after { content:
// attr(data-marpit-pagination) }`, so a deck's own `section::after` CSS works as it does in Marp.
// Theme CSS (Marp's default | gaia | uncover, Deckhand's deckhand-light | dark | deckhand) is the
// presenter's: it styles `section`, `header`, `footer`, `pre` and `section::after` under the same
// `.dh-deck` scope. Structural layout that must hold in every theme (the background layer, split backgrounds) is inline style in `sectionHtml`, so no theme
// can break it; the section itself gets `position: relative; isolation: isolate` inline for that reason.
//   - `bg` images: `<div class="dh-backgrounds" data-direction="row|column">` of `<figure>`s, behind the
//     content (z-index -1 in the isolated section). With `bg left|right:N%` the layer takes that side and
//     the section gets `padding-<side>: calc(N% + var(--dh-slide-padding-<side>, var(--dh-slide-padding,
//     1.5em)))`: a theme sets `--dh-slide-padding-left|right` (or `--dh-slide-padding`) to its own padding.
//   - Code blocks: `<pre class="dh-code" data-lang="sh" data-block="<CodeBlock.id>" [data-runnable="true"]
//     tabindex="0"><code><span class="line">…`, a child of the section as Marp's `<pre>` is, so a theme's
//     `pre` rules apply as they do in Marp. The presenter adds Run/Copy inside the `<pre>`, positioned over
//     it (out of the flow). Token colours are CSS variables the theme may set: `--shiki-token-{keyword,
//     string,string-expression,comment,constant,function,parameter,punctuation,link}`; without them GitHub's
//     light colours apply. The block's own text and background are the theme's `pre`.
//   - Math: `$…$` is MathJax's `<mjx-container class="MathJax" jax="SVG">` (inline) or, for `$$…$$`, the
//     same in a `<p>` (display="true"); with `math: katex`, KaTeX's `<span class="katex"><math>` (MathML).
//     A formula with a TeX error stays as written in `<span class="dh-math-error">`.
//   - Fitting headings (`# <!-- fit --> Title`): `<h1 data-fitting-heading><span data-fitting-text>`; the
//     presenter scales the span's font to fill the heading's width (apps/presenter/src/slides/fit-headings.ts).
//   - Exercises: tips and solutions are `<details><summary>…</summary>…</details>` (closed).

/** CSS selector every deck stylesheet is scoped to: the element the presenter wraps slides in. */
export const DECK_SCOPE = '.dh-deck';

export interface DeckWarning {
  /** 1-based line in the deck file. */
  line: number;
  message: string;
}

export type Directives = Record<string, unknown>;

export interface RunnableBlockOptions {
  run?: boolean;
  skip?: string;
  cwd?: string;
  interrupt?: boolean;
  type?: boolean;
  term?: number;
  timeout?: number;
  expect?: 'exact' | 'contains' | 'none';
  id?: string;
  /** The expected output is what Docker Engine this version (`23`, `29.1`) or later prints. */
  engine?: string;
  /** The expected output is what an engine with this image store prints (`image-store=containerd`). */
  imageStore?: 'containerd' | 'classic';
}

export interface CodeBlock {
  /** Stable within a deck: `s<slide>-b<n>`, or the author's `id` option. */
  id: string;
  lang: string;
  /** 1-based line of the opening fence in the deck file. */
  line: number;
  /** The source text of the block, as shown on the slide (what Copy copies). */
  code: string;
  runnable: boolean;
  /** Commands to type, in order. Empty for blocks that are not runnable. */
  commands: string[];
  /** Expected output (the non-prompt lines of a prompt-style block), or null when none is given. */
  expected: string | null;
  /** Each command with the output written under it in the deck. */
  steps: Array<{ command: string; expected: string[] }>;
  options: RunnableBlockOptions;
}

/** A `bg` image (Marp's advanced backgrounds), in the order written on the slide. */
export interface SlideBackground {
  /** URL after the deck's UrlResolver ran. */
  url: string;
  /** CSS background-size: `cover` (default), `contain` (also for `fit`), `auto`, or a percentage. */
  size: string;
  /** CSS filter built from Marp's filter keywords (`blur:4px`, `sepia`…), or '' when none. */
  filter: string;
}

/** How the slide's `<section>` looks: everything `sectionHtml` already carries, as data. */
export interface SlideSection {
  /** The `class` directive, as written (space-separated classes). */
  className: string;
  /** Inline CSS for the section from backgroundColor, backgroundImage, backgroundPosition,
   *  backgroundRepeat, backgroundSize and color directives (already escaped, `;`-separated). */
  style: string;
  /** Marpit's `data-*` attributes on the section: each directive set on the slide (kebab-case name,
   *  its value as text), so theme CSS like `section[data-footer]` or `section[data-size="4:3"]` applies. */
  data: Record<string, string>;
  paginate: boolean;
  /** 1-based page number (the slide index), shown only when `paginate` is true. */
  pageNumber: number;
  /** Sanitized HTML of the header / footer directive (Markdown inline, images allowed), or null. */
  header: string | null;
  footer: string | null;
  backgrounds: SlideBackground[];
  /** `row` by default, `column` when any bg image says `vertical`. */
  backgroundDirection: 'row' | 'column';
  /** `bg left[:N%]` / `bg right[:N%]`: the backgrounds take that side, the content the rest. */
  split: { side: 'left' | 'right'; size: string } | null;
}

/** A slide that declares an exercise (its first heading starts with `Exercise:`). */
export interface Exercise {
  /** Heading text after `Exercise:`, lowercased, runs of non-alphanumerics as `-`. Unique per deck. */
  id: string;
  title: string;
  /** The `<details>` on the slide, in order: tips, then usually one solution. */
  parts: Array<{ kind: 'tip' | 'solution'; summary: string }>;
}

export interface Slide {
  /** 1-based position in the deck. */
  index: number;
  /** 1-based line where the slide starts in the deck file. */
  line: number;
  title: string | null;
  /** Sanitized HTML of the slide's content only (no header, footer or backgrounds). */
  html: string;
  notes: string[];
  /** Effective directives on this slide: carried local ones, then `_`-scoped ones. */
  directives: Directives;
  blocks: CodeBlock[];
  section: SlideSection;
  /** The whole slide as Marpit renders it: `<section …>` with backgrounds, header, content, footer.
   *  Sanitized; place it inside the DECK_SCOPE wrapper. */
  sectionHtml: string;
  exercise: Exercise | null;
}

export interface Deck {
  directives: Directives;
  slides: Slide[];
  warnings: DeckWarning[];
  /** The deck's own CSS: the `style` directive and every `<style>` in the deck, scoped under
   *  DECK_SCOPE (`section` → `.dh-deck > section`, `h1` → `.dh-deck > section h1`, `:root` →
   *  `.dh-deck > section`); a `<style scoped>` only reaches its slide (`section[data-index="N"]`).
   *  `@import` is dropped with a warning (decks work offline). Insert as a <style>'s textContent. */
  css: string;
  /** Slide size in CSS pixels from the `size` directive: 16:9 = 1280×720 (default), 4:3 = 960×720. */
  size: { width: number; height: number };
  /** The `theme` directive, or 'default' (Marp's default theme, as in Marp). The presenter maps it to its
   *  theme CSS, and an unknown name to Marp's default. */
  theme: string;
  /** Set when the deck has math but its engine (the `math` directive: MathJax by default) was not
   *  loaded yet, so formulas are shown as written (`<span class="dh-math-pending">`): call
   *  `loadMathEngine(deck.mathPending)` and parse again. Absent when every formula is typeset. */
  mathPending?: 'mathjax' | 'katex';
}
