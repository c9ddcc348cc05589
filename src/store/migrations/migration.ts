/** One numbered, forward-only schema change. Never edit one that has shipped: add the next number. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
