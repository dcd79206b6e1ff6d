import type { ListKind } from './list-columns.ts';

export type ListId = string & { readonly __brand: 'ListId' };
export type VersionId = string & { readonly __brand: 'VersionId' };

/** Which list: a party's held or sought list within a mechanism. */
export interface ListRef {
  mechanism: string;
  party: string;
  kind: ListKind;
}

export interface ListVersion {
  id: VersionId;
  listId: ListId;
  number: number;
  createdAt: Date;
  createdBy: string;
  sourceName: string;
  sourceSha256: string;
  lineCount: number;
  flaggedLineCount: number;
  warnings: string[];
}
