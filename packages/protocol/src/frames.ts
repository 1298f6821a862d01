// The terminal wire format, shared by the server and the browser. Every WebSocket message is one
// binary frame: a type byte, then the payload. Terminal output travels as the pty's raw bytes (no
// base64, no JSON around it); only rare control messages carry JSON.

/** Negotiated as the WebSocket subprotocol; bump the number on any incompatible change. */
export const PROTOCOL_VERSION = 1;
export const SUBPROTOCOL = `deckhand.terminal.v${PROTOCOL_VERSION}`;

/** Frame type bytes. Client-to-server types are below 0x80, server-to-client ones from 0x80. */
export const FrameType = {
  /** Keystrokes or pasted text, as UTF-8 bytes. */
  Input: 0x01,
  /** Terminal size: cols then rows, each an unsigned 16-bit big-endian integer. */
  Resize: 0x02,
  /** Raw pty output bytes. */
  Output: 0x81,
  /** The shell ended: exit code as a signed 32-bit big-endian integer, then the signal number (u8). */
  Exit: 0x82,
} as const;

export type ClientFrame =
  | { type: 'input'; data: Uint8Array }
  | { type: 'resize'; cols: number; rows: number };

export type ServerFrame =
  | { type: 'output'; data: Uint8Array }
  | { type: 'exit'; code: number; signal: number };

/** Limits on what a client may ask for; values outside are clamped, garbage is refused. */
export const TERMINAL_SIZE = { minCols: 2, maxCols: 500, minRows: 1, maxRows: 200 } as const;

/** Largest frame a server accepts from a browser: a big paste fits, a memory attack does not. */
export const MAX_CLIENT_FRAME_BYTES = 1024 * 1024;

/** WebSocket close codes used by both ends. */
export const CloseCode = {
  Normal: 1000,
  ProtocolError: 1002,
  UnsupportedData: 1003,
  TooBig: 1009,
  ServerShuttingDown: 1001,
  /** The shell exited and its output has all been sent. */
  ShellExited: 4000,
} as const;

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

export function encodeClientFrame(frame: ClientFrame): Uint8Array {
  switch (frame.type) {
    case 'input':
      return withType(FrameType.Input, frame.data);
    case 'resize': {
      const bytes = new Uint8Array(5);
      const view = new DataView(bytes.buffer);
      bytes[0] = FrameType.Resize;
      view.setUint16(1, frame.cols);
      view.setUint16(3, frame.rows);
      return bytes;
    }
  }
}

export function decodeClientFrame(bytes: Uint8Array): ClientFrame {
  if (bytes.length === 0) throw new ProtocolError('empty frame');
  const payload = bytes.subarray(1);
  switch (bytes[0]) {
    case FrameType.Input:
      return { type: 'input', data: payload };
    case FrameType.Resize: {
      if (payload.length !== 4) throw new ProtocolError(`resize frame has ${payload.length} payload bytes, expected 4`);
      const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
      return { type: 'resize', ...clampSize(view.getUint16(0), view.getUint16(2)) };
    }
    default:
      throw new ProtocolError(`unknown client frame type 0x${(bytes[0] ?? 0).toString(16)}`);
  }
}

export function encodeServerFrame(frame: ServerFrame): Uint8Array {
  switch (frame.type) {
    case 'output':
      return withType(FrameType.Output, frame.data);
    case 'exit': {
      const bytes = new Uint8Array(6);
      const view = new DataView(bytes.buffer);
      bytes[0] = FrameType.Exit;
      view.setInt32(1, frame.code);
      bytes[5] = frame.signal & 0xff;
      return bytes;
    }
  }
}

export function decodeServerFrame(bytes: Uint8Array): ServerFrame {
  if (bytes.length === 0) throw new ProtocolError('empty frame');
  const payload = bytes.subarray(1);
  switch (bytes[0]) {
    case FrameType.Output:
      return { type: 'output', data: payload };
    case FrameType.Exit: {
      if (payload.length !== 5) throw new ProtocolError('exit frame must carry 5 payload bytes');
      const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
      return { type: 'exit', code: view.getInt32(0), signal: view.getUint8(4) };
    }
    default:
      throw new ProtocolError(`unknown server frame type 0x${(bytes[0] ?? 0).toString(16)}`);
  }
}

export function clampSize(cols: number, rows: number): { cols: number; rows: number } {
  const clamp = (n: number, min: number, max: number): number => Math.min(max, Math.max(min, Math.trunc(n) || min));
  return {
    cols: clamp(cols, TERMINAL_SIZE.minCols, TERMINAL_SIZE.maxCols),
    rows: clamp(rows, TERMINAL_SIZE.minRows, TERMINAL_SIZE.maxRows),
  };
}

function withType(type: number, data: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(data.length + 1);
  bytes[0] = type;
  bytes.set(data, 1);
  return bytes;
}
