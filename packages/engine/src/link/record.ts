/** A record as the engine sees it: an id and named text fields, null when missing. */
export interface LinkRecord {
  readonly id: string;
  readonly fields: Readonly<Record<string, string | null>>;
}
