// A session's recent output, addressed by byte offset in the session's whole output stream. A page
// that reconnects says the offset it has reached and gets the bytes after it from here, as long as
// they are still kept; older ones are dropped once the ring holds more than its capacity, except those
// the screen mirror has not parsed yet (`keepFrom`): a serialized screen is always followed by the
// bytes after it.

export class OutputRing {
  private chunks: Buffer[] = [];
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
    while (this.chunks.length > 1 && this.kept - (this.chunks[0]?.length ?? 0) >= this.capacity && this.first + (this.chunks[0]?.length ?? 0) <= this.keepFrom) {
      const dropped = this.chunks.shift()!;
      this.kept -= dropped.length;
      this.first += dropped.length;
    }
  }

  /** True when every byte from `offset` to the end is still kept. */
  holds(offset: number): boolean {
    return offset >= this.first && offset <= this.last;
  }

  /**
   * The kept bytes from `from` on, at most `limit` of them, as views of the kept chunks (no copy);
   * `from` must be held.
   */
  slices(from: number, limit: number): Buffer[] {
    if (!this.holds(from)) throw new RangeError(`offset ${from} is no longer kept (kept: ${this.first}–${this.last})`);
    const to = Math.min(this.last, from + limit);
    const parts: Buffer[] = [];
    let position = this.first;
    for (const chunk of this.chunks) {
      const chunkEnd = position + chunk.length;
      if (chunkEnd > from && position < to) {
        parts.push(chunk.subarray(Math.max(0, from - position), Math.min(chunk.length, to - position)));
      }
      if (chunkEnd >= to) break;
      position = chunkEnd;
    }
    return parts;
  }

  clear(): void {
    this.chunks = [];
    this.kept = 0;
    this.first = this.last;
  }
}
