// A session's recent output, addressed by byte offset in the session's whole output stream. A page
// that reconnects says the offset it has reached and gets the bytes after it from here, as long as
// they are still kept; older ones are dropped once the ring holds more than its capacity, except those
// the screen mirror has not parsed yet (`keepFrom`): a serialized screen is always followed by the
// bytes after it.

export class OutputRing {
  /** Kept chunks are chunks[head…]; those before head are dropped (the array is compacted now and then). */
  private chunks: Buffer[] = [];
  private head = 0;
  /** Offset of the first byte still kept. */
  private first = 0;
  /** Offset just past the last byte ever written. */
  private last = 0;
  private kept = 0;
  /** Bytes from this offset on are kept even beyond the capacity. */
  private keepFrom = 0;

  constructor(private readonly capacity: number) {}

  get start(): number {
    return this.first;
  }

  get end(): number {
    return this.last;
  }

  append(data: Buffer): void {
    if (data.length === 0) return;
    this.chunks.push(data);
    this.kept += data.length;
    this.last += data.length;
    this.trim();
  }

  /** Keeps every byte from `offset` on (the mirror's parsed offset), whatever the capacity. */
  keepAfter(offset: number): void {
    this.keepFrom = offset;
  }

  private trim(): void {
    // Typing makes a chunk per keystroke: dropping moves an index, never the array's other elements.
    while (this.chunks.length - this.head > 1) {
      const oldest = this.chunks[this.head] as Buffer;
      if (this.kept - oldest.length < this.capacity || this.first + oldest.length > this.keepFrom) break;
      this.chunks[this.head++] = EMPTY;
      this.kept -= oldest.length;
      this.first += oldest.length;
    }
    if (this.head > 1024 && this.head * 2 > this.chunks.length) {
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }

  /** True when every byte from `offset` to the end is still kept. */
  holds(offset: number): boolean {
    return offset >= this.first && offset <= this.last;
  }

  /**
   * The kept bytes from `from` on, at most `limit` of them, as views of the kept chunks (no copy);
   * `from` must be held. Found from the newest chunk back: a page is nearly always at the end, so an
   * echo costs the same after an hour of typing as after a minute.
   */
  slices(from: number, limit: number): Buffer[] {
    if (!this.holds(from)) throw new RangeError(`offset ${from} is no longer kept (kept: ${this.first}–${this.last})`);
    const to = Math.min(this.last, from + limit);
    let index = this.chunks.length;
    let position = this.last;
    while (index > this.head && position > from) position -= (this.chunks[--index] as Buffer).length;
    const parts: Buffer[] = [];
    for (; index < this.chunks.length && position < to; index++) {
      const chunk = this.chunks[index] as Buffer;
      const chunkEnd = position + chunk.length;
      if (chunkEnd > from) parts.push(chunk.subarray(Math.max(0, from - position), Math.min(chunk.length, to - position)));
      position = chunkEnd;
    }
    return parts;
  }

  clear(): void {
    this.chunks = [];
    this.head = 0;
    this.kept = 0;
    this.first = this.last;
  }
}

const EMPTY = Buffer.alloc(0);
