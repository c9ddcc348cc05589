import type { Varbind } from './varbind.js';

/**
 * What one poll of one device may read in all: rows, and bytes (OIDs and values), so that a hostile or
 * broken agent answering endless rows of long strings cannot grow the daemon (a review's agent pushed one
 * probe to 505 MB with rows capped and bytes not).
 */
export class WalkBudget {
  #rows: number;
  #bytes: number;
  constructor(
    readonly maxRows = 20_000,
    readonly maxBytes = 8 * 1024 * 1024,
  ) {
    this.#rows = maxRows;
    this.#bytes = maxBytes;
  }

  /** Counts one row; false once the poll has read more than it may. */
  take(vb: Varbind): boolean {
    const v = vb.value;
    const size =
      vb.oid.length + (Buffer.isBuffer(v) ? v.length : typeof v === 'string' ? Buffer.byteLength(v) : 8);
    this.#rows--;
    this.#bytes -= size;
    return this.#rows >= 0 && this.#bytes >= 0;
  }

  get exhausted(): boolean {
    return this.#rows < 0 || this.#bytes < 0;
  }

  get why(): string {
    return this.#rows < 0
      ? `more than ${this.maxRows} rows in one poll`
      : `more than ${this.maxBytes} bytes in one poll`;
  }
}
