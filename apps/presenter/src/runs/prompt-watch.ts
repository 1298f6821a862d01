// Decides when a block has finished: the shell printed its prompt again and then stayed quiet. Shells
// give no other signal without integration scripts, and a prompt ends in `$ `, `# `, `% ` or `> `
// (with the space: `45%` at the end of a progress line is not a prompt).
const PROMPT_END = /[$#%>] $/;
// Colours, cursor moves and title sequences around the prompt (escape codes are the point here).
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
const TAIL_CHARS = 200;
/** Quiet time after a prompt before calling the block finished. */
export const PROMPT_SETTLE_MS = 300;

export class PromptWatch {
  private tail = '';
  private readonly decoder = new TextDecoder();

  /** Feeds output; answers whether the output so far ends with a prompt. */
  push(data: Uint8Array): boolean {
    this.tail = (this.tail + this.decoder.decode(data, { stream: true })).slice(-TAIL_CHARS);
    return endsWithPrompt(this.tail);
  }
}

export function endsWithPrompt(output: string): boolean {
  const lastLine = output.replace(ESCAPES, '').split(/\r?\n|\r/).pop() ?? '';
  return PROMPT_END.test(lastLine);
}
