// The terminal wire format, shared by the server and the browser. Every WebSocket message is one
// binary frame: a type byte, then the payload. Terminal output travels as the pty's raw bytes behind
// its byte offset in the session's output stream (no base64, no JSON around it); only rare control
// messages (attached, notice) carry JSON. Offsets are unsigned 64-bit big-endian integers.

/** Negotiated as the WebSocket subprotocol; bump the number on any incompatible change. */
export const PROTOCOL_VERSION = 2;
export const SUBPROTOCOL = `deckhand.terminal.v${PROTOCOL_VERSION}`;

/** Frame type bytes. Client-to-server types are below 0x80, server-to-client ones from 0x80. */
export const FrameType = {
  /** Keystrokes or pasted text, as UTF-8 bytes. */
  Input: 0x01,
  /** Terminal size: cols then rows, each an unsigned 16-bit big-endian integer. */
  Resize: 0x02,
  /** The offset up to which the page has parsed output (see flow.ts). */
  Ack: 0x03,
  /** Offset of the first byte, then raw pty output bytes. */
  Output: 0x81,
  /** The shell ended: exit code as a signed 32-bit big-endian integer, then the signal number (u8). */
  Exit: 0x82,
  /** First frame on every connection: which session this socket shows, and where its stream starts. JSON. */
  Attached: 0x83,
  /** A serialized screen (UTF-8 escape sequences) standing for all output before the offset it carries. */
  Screen: 0x84,
  /** Something the page should tell the user, such as the session ending soon. JSON. */
  Notice: 0x85,
  /** Sent regularly so the page can tell a quiet shell from a dead connection. Empty. */
  Heartbeat: 0x86,
} as const;

export interface AttachedInfo {
  /** The session's id (unguessable; only ever usable together with its owner's cookie). */
  session: string;
  /** The terminal tab this session is, 1-based. */
  term: number;
  /** The stream offset at which this connection's output starts. */
  offset: number;
  /** True when the page's own offset was still in the replay buffer: no screen follows. */
  resumed: boolean;
}

export interface EndingNotice {
  kind: 'ending';
  reason: 'idle' | 'lifetime';
  /** Milliseconds until the session ends, from when the notice was sent. */
  inMs: number;
}
export type Notice = EndingNotice;

export type ClientFrame =
  | { type: 'input'; data: Uint8Array }
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'ack'; offset: number };

export type ServerFrame =
  | { type: 'output'; offset: number; data: Uint8Array }
  | { type: 'exit'; code: number; signal: number }
  | ({ type: 'attached' } & AttachedInfo)
  | { type: 'screen'; offset: number; text: string }
  | ({ type: 'notice' } & Notice)
  | { type: 'heartbeat' };

/** Limits on what a client may ask for; values outside are clamped, garbage is refused. */
export const TERMINAL_SIZE = { minCols: 2, maxCols: 500, minRows: 1, maxRows: 200 } as const;

/** Largest frame a server accepts from a browser: a big paste fits, a memory attack does not. */
export const MAX_CLIENT_FRAME_BYTES = 1024 * 1024;

/** WebSocket close codes used by both ends. */
export const CloseCode = {
  Normal: 1000,
  ServerShuttingDown: 1001,
  ProtocolError: 1002,
  UnsupportedData: 1003,
  /** The peer stopped answering heartbeats. */
  PolicyViolation: 1008,
  TooBig: 1009,
  /** The server met an unexpected error serving this socket; the rest of the server carries on. */
  InternalError: 1011,
  /** The shell exited and its output has all been sent. */
  ShellExited: 4000,
  /** The session ended after its idle timeout. */
  IdleTimeout: 4001,
  /** The session reached its maximum lifetime. */
  LifetimeEnded: 4002,
  /** The page asked to resume a session that no longer exists (server restart, timeout, grace over). */
  SessionGone: 4004,
  /** Too many sessions for this browser or this server; the reason says which. */
  SessionLimit: 4008,
  /** A follower was watching the trainer's shared terminal, and the trainer stopped sharing it. */
  ShareEnded: 4012,
} as const;

export class ProtocolError extends Error {
  override name = 'ProtocolError';
}

// Both runtimes have these; the protocol package compiles without DOM or Node types.
declare const TextEncoder: new () => { encode(text: string): Uint8Array };
declare const TextDecoder: new (label?: string, options?: { fatal?: boolean }) => { decode(bytes: Uint8Array): string };
const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

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
    case 'ack': {
      const bytes = new Uint8Array(9);
      bytes[0] = FrameType.Ack;
      writeOffset(bytes, 1, frame.offset);
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
    case FrameType.Ack: {
      if (payload.length !== 8) throw new ProtocolError(`ack frame has ${payload.length} payload bytes, expected 8`);
      return { type: 'ack', offset: readOffset(payload, 0) };
    }
    default:
      throw new ProtocolError(`unknown client frame type 0x${(bytes[0] ?? 0).toString(16)}`);
  }
}

export function encodeServerFrame(frame: ServerFrame): Uint8Array {
  switch (frame.type) {
    case 'output':
      return encodeOutputFrame(frame.offset, [frame.data]);
    case 'exit': {
      const bytes = new Uint8Array(6);
      const view = new DataView(bytes.buffer);
      bytes[0] = FrameType.Exit;
      view.setInt32(1, frame.code);
      bytes[5] = frame.signal & 0xff;
      return bytes;
    }
    case 'attached': {
      const { session, term, offset, resumed } = frame;
      return withType(FrameType.Attached, utf8.encode(JSON.stringify({ session, term, offset, resumed })));
    }
    case 'screen':
      return withOffset(FrameType.Screen, frame.offset, [utf8.encode(frame.text)]);
    case 'notice': {
      const { kind, reason, inMs } = frame;
      return withType(FrameType.Notice, utf8.encode(JSON.stringify({ kind, reason, inMs })));
    }
    case 'heartbeat':
      return new Uint8Array([FrameType.Heartbeat]);
  }
}

/**
 * An output frame from the bytes in `parts`, copied once into the frame: the server sends output
 * straight from its replay buffer's chunks, without joining them first (a flood allocates less, so the
 * server collects garbage less often).
 */
export function encodeOutputFrame(offset: number, parts: readonly Uint8Array[]): Uint8Array {
  return withOffset(FrameType.Output, offset, parts);
}

export function decodeServerFrame(bytes: Uint8Array): ServerFrame {
  if (bytes.length === 0) throw new ProtocolError('empty frame');
  const payload = bytes.subarray(1);
  switch (bytes[0]) {
    case FrameType.Output:
      if (payload.length < 8) throw new ProtocolError('output frame must start with an 8-byte offset');
      return { type: 'output', offset: readOffset(payload, 0), data: payload.subarray(8) };
    case FrameType.Exit: {
      if (payload.length !== 5) throw new ProtocolError('exit frame must carry 5 payload bytes');
      const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
      return { type: 'exit', code: view.getInt32(0), signal: view.getUint8(4) };
    }
    case FrameType.Attached: {
      const info = parseJson(payload) as Partial<AttachedInfo>;
      if (typeof info.session !== 'string' || !isCount(info.term) || !isCount(info.offset) || typeof info.resumed !== 'boolean') {
        throw new ProtocolError('attached frame is missing session, term, offset or resumed');
      }
      return { type: 'attached', session: info.session, term: info.term, offset: info.offset, resumed: info.resumed };
    }
    case FrameType.Screen:
      if (payload.length < 8) throw new ProtocolError('screen frame must start with an 8-byte offset');
      return { type: 'screen', offset: readOffset(payload, 0), text: decodeText(payload.subarray(8)) };
    case FrameType.Notice: {
      const notice = parseJson(payload) as Partial<EndingNotice>;
      if (notice.kind !== 'ending' || (notice.reason !== 'idle' && notice.reason !== 'lifetime') || !isCount(notice.inMs)) {
        throw new ProtocolError('notice frame is not a known notice');
      }
      return { type: 'notice', kind: notice.kind, reason: notice.reason, inMs: notice.inMs };
    }
    case FrameType.Heartbeat:
      return { type: 'heartbeat' };
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

/** A frame of `type`, the 8-byte offset, then the bytes of `parts` in order (one copy). */
function withOffset(type: number, offset: number, parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const bytes = new Uint8Array(9 + length);
  bytes[0] = type;
  writeOffset(bytes, 1, offset);
  let at = 9;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}

function writeOffset(bytes: Uint8Array, at: number, offset: number): void {
  if (!isCount(offset)) throw new ProtocolError(`offset ${offset} is not a non-negative safe integer`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(at, Math.floor(offset / 2 ** 32));
  view.setUint32(at + 4, offset >>> 0);
}

function readOffset(bytes: Uint8Array, at: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const offset = view.getUint32(at) * 2 ** 32 + view.getUint32(at + 4);
  if (!Number.isSafeInteger(offset)) throw new ProtocolError('offset beyond 2^53');
  return offset;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function decodeText(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new ProtocolError('frame text is not valid UTF-8');
  }
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(decodeText(bytes)) as unknown;
  } catch (error) {
    if (error instanceof ProtocolError) throw error;
    throw new ProtocolError('frame JSON does not parse');
  }
}
