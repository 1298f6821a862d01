// A problem the build found in its input, named by file and line (`slides/02.md:41: …`). The build
// goes on: a warning never loses the rest of the site.
export interface BuildWarning {
  file: string;
  line: number;
  message: string;
}

export type Warn = (warning: BuildWarning) => void;

export function formatWarning(warning: BuildWarning, root = process.cwd()): string {
  const relative = warning.file.startsWith(root + '/') ? warning.file.slice(root.length + 1) : warning.file;
  return `${relative}:${warning.line}: ${warning.message}`;
}

/** The 1-based line of the first line of `source` containing `text`, or `fallback`. */
export function lineOf(source: string, text: string, fallback: number): number {
  const at = source.indexOf(text);
  return at === -1 ? fallback : source.slice(0, at).split('\n').length;
}
