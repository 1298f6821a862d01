// What a recorded run leaves on screen, as plain text: the recording is played into a headless xterm
// (the same terminal emulator the pane uses), so carriage returns, cursor moves and erased lines come
// out as the reader would see them. For "show all outputs", handouts and the search index.
import headless from '@xterm/headless';
import type { Recording } from '@deckhand/recording';

const { Terminal } = headless;
/** Lines of scrollback kept: a recording longer than this keeps its last lines. */
const SCROLLBACK = 5_000;

export async function terminalText(recording: Recording): Promise<string> {
  const terminal = new Terminal({ cols: recording.cols, rows: recording.rows, scrollback: SCROLLBACK, allowProposedApi: true });
  try {
    for (const event of recording.events) {
      if (event.code === 'o') await new Promise<void>((resolve) => terminal.write(event.data, resolve));
    }
    const buffer = terminal.buffer.active;
    const lines: string[] = [];
    for (let i = 0; i < buffer.length; i++) lines.push(buffer.getLine(i)?.translateToString(true) ?? '');
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    // The prompt the shell printed after the last command is the screen's, not the block's output.
    if (/^[$#%>]\s*$/.test(lines[lines.length - 1] ?? '')) lines.pop();
    return lines.join('\n');
  } finally {
    terminal.dispose();
  }
}
