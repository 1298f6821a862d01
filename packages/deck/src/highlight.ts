// Syntax highlighting for code blocks with shiki: bundled grammars and themes (works offline), the
// JavaScript regex engine (no WebAssembly, so it runs the same in Node and in a browser), created
// synchronously so parseDeck stays synchronous. Only the languages decks use are loaded; any other
// language is shown as plain, escaped text.
import { createHighlighterCoreSync, type HighlighterCore } from 'shiki/core';
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
import githubDark from 'shiki/themes/github-dark.mjs';
import githubLight from 'shiki/themes/github-light.mjs';
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

let highlighter: HighlighterCore | null = null;

function getHighlighter(): HighlighterCore {
  highlighter ??= createHighlighterCoreSync({
    themes: [githubLight, githubDark],
    langs: [bash, c, cpp, css, diff, dockerfile, go, html, ini, javascript, json, makefile, markdown, python,
      rust, shellsession, toml, typescript, yaml],
    engine: createJavaScriptRegexEngine({ forgiving: true }),
  });
  return highlighter;
}

/** Code blocks longer than this are shown plain: highlighting cost grows with size, slides stay short. */
const MAX_HIGHLIGHTED_CHARS = 20_000;

/**
 * The `<pre>` for a code block. Colours come as CSS variables for both themes: the light one is the
 * default (`color` on each token), `--shiki-dark` holds the dark one for themes that switch to it.
 */
export function highlightCode(code: string, lang: string): string {
  const grammar = GRAMMAR_OF[lang.toLowerCase()];
  if (!grammar || code.length > MAX_HIGHLIGHTED_CHARS) {
    return `<pre class="shiki"><code class="language-${escapeHtml(lang)}">${escapeHtml(code)}</code></pre>`;
  }
  try {
    return getHighlighter().codeToHtml(code, {
      lang: grammar,
      themes: { light: 'github-light', dark: 'github-dark' },
    });
  } catch {
    return `<pre class="shiki"><code class="language-${escapeHtml(lang)}">${escapeHtml(code)}</code></pre>`;
  }
}
