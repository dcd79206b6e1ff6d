/** One row of a list file: its line number (1 is the header) and its cells as text. */
export interface RawRow {
  line: number;
  cells: string[];
}
