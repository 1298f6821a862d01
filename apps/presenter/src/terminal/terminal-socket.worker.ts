// The terminal's WebSocket, in a worker of its own: receiving a megabyte flood costs the receiving
// thread per message, and here that thread is not the one that parses and draws. Output frames are
// coalesced (output-coalescer.ts) and handed to the page with their buffers transferred, not copied.
// Messages: in  {open, url, protocol} · {send, data} · {close, code?, reason?}
//           out {open} · {message, data: ArrayBuffer} · {close, code, reason}
/// <reference lib="webworker" />
import { OutputCoalescer } from './output-coalescer';
import type { FromSocketWorker, ToSocketWorker } from './worker-socket';

declare const self: DedicatedWorkerGlobalScope;

let socket: WebSocket | null = null;

const post = (message: FromSocketWorker, transfer: Transferable[] = []): void => self.postMessage(message, transfer);

const coalescer = new OutputCoalescer(
  (frame) => {
    // A frame that is a whole buffer moves; a view into a larger one is copied out first.
    const data = frame.byteOffset === 0 && frame.byteLength === frame.buffer.byteLength ? frame.buffer : frame.slice().buffer;
    post({ type: 'message', data: data as ArrayBuffer }, [data]);
  },
  {
    now: () => performance.now(),
    after: (ms, callback) => {
      const timer = setTimeout(callback, ms);
      return () => clearTimeout(timer);
    },
  },
);

self.onmessage = (event: MessageEvent<ToSocketWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'open': {
      const opened = new WebSocket(message.url, message.protocol);
      opened.binaryType = 'arraybuffer';
      opened.onopen = () => post({ type: 'open' });
      opened.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
        // Text frames are not part of the protocol: an empty frame, which the page refuses.
        coalescer.receive(typeof event.data === 'string' ? new Uint8Array(0) : new Uint8Array(event.data));
      };
      opened.onclose = (event) => {
        coalescer.flush();
        post({ type: 'close', code: event.code, reason: event.reason });
      };
      socket = opened;
      break;
    }
    case 'send':
      if (socket?.readyState === WebSocket.OPEN) socket.send(message.data);
      break;
    case 'close':
      coalescer.dispose();
      try {
        socket?.close(message.code, message.reason);
      } catch {
        socket?.close(); // a code a page may not send (only 1000 and 3000–4999 are allowed)
      }
      break;
  }
};
