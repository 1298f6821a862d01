// The screen mirrors' thread: one worker_thread holds every session's headless xterm.js and parses
// their output there, so a megabyte flood is parsed beside the server's event loop instead of on it
// (parsing was most of the server's work in a flood). Plain JavaScript because a worker loads its file
// with Node itself, without the TypeScript loader the server runs under. Messages, all keyed by `id`:
//   in:  open {cols, rows, scrollback} · write {data} · resize {cols, rows} · screen {request} · close
//   out: parsed {offset} after each write · screen {request, offset, text} once all written is parsed
import { readlinkSync } from 'node:fs';
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import headless from '@xterm/headless';
import serialize from '@xterm/addon-serialize';

// Mirroring is background work: during a flood it would otherwise take a core's share from the shells,
// the event loop and, when Deckhand runs on the trainer's laptop, the browser drawing the same output
// (docs/benchmarks.md, terminal). On Linux a thread's id works as a process id for setpriority;
// elsewhere the thread keeps the normal priority.
try {
  const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
  os.setPriority(threadId, os.constants.priority.PRIORITY_LOW);
} catch {
  // not Linux: normal priority
}

const { Terminal } = headless;
const { SerializeAddon } = serialize;

/** @type {Map<string, { terminal: InstanceType<typeof Terminal>, serializer: InstanceType<typeof SerializeAddon>, written: number, scrollback: number }>} */
const mirrors = new Map();

parentPort?.on('message', (message) => {
  const mirror = mirrors.get(message.id);
  switch (message.type) {
    case 'open': {
      const terminal = new Terminal({ cols: message.cols, rows: message.rows, scrollback: message.scrollback, allowProposedApi: true });
      const serializer = new SerializeAddon();
      terminal.loadAddon(serializer);
      mirrors.set(message.id, { terminal, serializer, written: 0, scrollback: message.scrollback });
      break;
    }
    case 'write': {
      if (!mirror) break;
      mirror.written += message.data.length;
      const offset = mirror.written;
      mirror.terminal.write(message.data, () => parentPort?.postMessage({ type: 'parsed', id: message.id, offset }));
      break;
    }
    case 'resize':
      mirror?.terminal.resize(message.cols, message.rows);
      break;
    case 'screen': {
      if (!mirror) break;
      const offset = mirror.written;
      // An empty write's callback runs once everything written before it is parsed.
      mirror.terminal.write('', () => {
        if (!mirrors.has(message.id)) return;
        const text = mirror.serializer.serialize({ scrollback: mirror.scrollback });
        parentPort?.postMessage({ type: 'screen', id: message.id, request: message.request, offset, text });
      });
      break;
    }
    case 'close':
      if (!mirror) break;
      mirrors.delete(message.id);
      mirror.serializer.dispose();
      mirror.terminal.dispose();
      break;
  }
});
