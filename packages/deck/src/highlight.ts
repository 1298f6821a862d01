// Syntax highlighting for code blocks with shiki: bundled grammars and themes (works offline), the
// JavaScript regex engine (no WebAssembly, so it runs the same in Node and in a browser), created
// synchronously so parseDeck stays synchronous. Only the languages decks use are loaded; any other
// language is shown as plain, escaped text.
import { createCssVariablesTheme, createHighlighterCoreSync, type HighlighterCore } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import bash from 'shiki/langs/bash.mjs';
import c from 'shiki/langs/c.mjs';
import cpp from 'shiki/langs/cpp.mjs';
import css from 'shiki/langs/css.mjs';
import diff from 'shiki/langs/diff.mjs';
import dockerfile from 'shiki/langs/dockerfile.mjs';
import go from 'shiki/langs/go.mjs';
import html from 'shiki/langs/html.mjs';
import ini from 'shiki/langs/ini.mjs';
import javascript from 'shiki/langs/javascript.mjs';
import json from 'shiki/langs/json.mjs';
import makefile from 'shiki/langs/makefile.mjs';
import markdown from 'shiki/langs/markdown.mjs';
import python from 'shiki/langs/python.mjs';
import rust from 'shiki/langs/rust.mjs';
import shellsession from 'shiki/langs/shellsession.mjs';
import toml from 'shiki/langs/toml.mjs';
import typescript from 'shiki/langs/typescript.mjs';
import yaml from 'shiki/langs/yaml.mjs';
import { escapeHtml } from './html-policy';

/** Fence languages decks write, mapped to the grammar that highlights them. */
const GRAMMAR_OF: Record<string, string> = {
  sh: 'bash', bash: 'bash', shell: 'bash', zsh: 'bash', console: 'shellsession', 'shell-session': 'shellsession',
  dockerfile: 'dockerfile', docker: 'dockerfile', containerfile: 'dockerfile',
  yaml: 'yaml', yml: 'yaml', json: 'json', toml: 'toml', ini: 'ini',
  go: 'go', rust: 'rust', rs: 'rust', c: 'c', cpp: 'cpp', 'c++': 'cpp',
  js: 'javascript', javascript: 'javascript', ts: 'typescript', typescript: 'typescript',
  py: 'python', python: 'python', html: 'html', css: 'css', diff: 'diff',
  make: 'makefile', makefile: 'makefile', md: 'markdown', markdown: 'markdown',
};

/**
 * Token colours are CSS variables, so the presenter's theme decides them (light, dark, projector…)
 * and code is tokenized once whatever the theme. The fallbacks are GitHub's light palette, so code
 * is coloured even where no theme sets the variables: `--shiki-foreground`, `--shiki-background`,
 * `--shiki-token-{keyword,string,string-expression,comment,constant,function,parameter,punctuation,link}`.
 */
const codeTheme = createCssVariablesTheme({
  name: 'deckhand',
  variablePrefix: '--shiki-',
  variableDefaults: {
    foreground: '#24292e',
    background: '#f6f8fa',
    'token-keyword': '#d73a49',
    'token-string': '#032f62',
    'token-string-expression': '#032f62',
    'token-comment': '#6a737d',
    'token-constant': '#005cc5',
    'token-function': '#6f42c1',
    'token-parameter': '#e36209',
    'token-punctuation': '#24292e',
    'token-link': '#032f62',
  },
  fontStyle: true,
});

let highlighter: HighlighterCore | null = null;

function getHighlighter(): HighlighterCore {
  highlighter ??= createHighlighterCoreSync({
    themes: [codeTheme],
    langs: [bash, c, cpp, css, diff, dockerfile, go, html, ini, javascript, json, makefile, markdown, python,
      rust, shellsession, toml, typescript, yaml],
    engine: createJavaScriptRegexEngine({ forgiving: true }),
  });
  return highlighter;
}

/** Code blocks longer than this are shown plain: highlighting costs about 20 µs a character, and no
 *  slide shows that much code. */
const MAX_HIGHLIGHTED_CHARS = 10_000;

/** Highlighted blocks by language and code: a deck is parsed again on every save, its blocks mostly
 *  unchanged. Bounded by the characters it holds (about 2 bytes each); cleared when full. */
const cache = new Map<string, string>();
const CACHE_CHARS = 16_000_000;
let cachedChars = 0;

/** The `<code>` of a code block (its `<pre>` is the slide renderer's), its tokens coloured through the
 *  CSS variables above. Shiki's own `<pre>` and its inline colours are left out: the slide's theme
 *  colours the block, as Marp's themes colour a `<pre>`. */
export function highlightCode(code: string, lang: string): string {
  let grammar = GRAMMAR_OF[lang.toLowerCase()];
  // A shell block written with prompts is a session: prompt, command, output.
  if (grammar === 'bash' && /^\$(?: |$)/m.test(code)) grammar = 'shellsession';
  if (!grammar || code.length > MAX_HIGHLIGHTED_CHARS) return plainCode(code, lang);
  const key = `${grammar}\n${code}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  try {
    const pre = getHighlighter().codeToHtml(code, { lang: grammar, theme: 'deckhand' });
    const html = pre.slice(pre.indexOf('<code>'), pre.lastIndexOf('</code>') + '</code>'.length);
    if (cachedChars + key.length + html.length > CACHE_CHARS) {
      cache.clear();
      cachedChars = 0;
    }
    cache.set(key, html);
    cachedChars += key.length + html.length;
    return html;
  } catch {
    return plainCode(code, lang);
  }
}

/** A code block's `<code>` without colours. */
export function plainCode(code: string, lang: string): string {
  return `<code class="language-${escapeHtml(lang)}">${escapeHtml(code)}</code>`;
}
