import type { Database } from '../../platform/db/kysely.ts';
import { scopedRead, withScope } from '../../platform/db/scope.ts';
import type { ListKind, PersonLine } from './domain/list-columns.ts';
import type { ListVersion } from './domain/list-version.ts';
import { createKnownVersions, knownVersionKey } from './known-versions.ts';
import * as repo from './registry.repository.ts';

export interface PageRequest {
  /** The row scope of the reader (access's rowScope). */
  scope: Record<string, string>;
  list: { mechanismId: string; party: string; kind: ListKind; number?: number };
  query: Omit<repo.LineQuery, 'versionId'>;
  /** The error to throw when the version is not there, given the latest version's number. */
  notFound: (latest: number | null) => Error;
}

/**
 * Reads pages of a version's lines under the reader's row scope, at the fewest round trips a
 * page allows (issue 17): a numbered version is remembered with its span (known-versions.ts), so
 * that a page of it in line order is one statement (on PostgreSQL one message); any other page,
 * or a version not yet known, is read with its version in one scoped transaction.
 */
export function createPageReader(db: Database) {
  const knownVersions = createKnownVersions();

  /** The version and the page in one scoped transaction, remembering the version found. */
  function readWithVersion(
    request: PageRequest,
    key: string | null,
    remembered?: repo.VersionWithSpan,
  ) {
    return withScope(db, request.scope, async (scoped) => {
      const lookUp = async () => {
        const { latest, found } = await repo.findVersionWithSpan(scoped, request.list);
        if (!found) throw request.notFound(latest);
        if (key !== null) knownVersions.remember(key, found);
        return found;
      };
      const pageOf = (versioned: repo.VersionWithSpan) =>
        repo.findLines(
          scoped,
          { ...request.query, versionId: versioned.version.id },
          { span: versioned.span, lineCount: versioned.version.lineCount },
        );
      let versioned = remembered ?? (await lookUp());
      let page = await pageOf(versioned);
      if (remembered && page.lines.length === 0 && key !== null) {
        // An empty page of a remembered version: retention may have deleted it since.
        knownVersions.forget(key);
        versioned = await lookUp();
        page = await pageOf(versioned);
      }
      return { version: versioned.version, ...page };
    });
  }

  return async (
    request: PageRequest,
  ): Promise<{ version: ListVersion; total: number; lines: PersonLine[] }> => {
    const { number } = request.list;
    const key =
      number === undefined ? null : knownVersionKey(request.scope, { ...request.list, number });
    const remembered = key === null ? undefined : knownVersions.get(key);
    if (!remembered) return readWithVersion(request, key);
    const range = repo.rangePage(
      db,
      { ...request.query, versionId: remembered.version.id },
      remembered.span,
    );
    const rows = range ? await scopedRead(db, request.scope, range.query) : [];
    // An empty range may be a version retention deleted: the transaction finds out.
    if (!range || rows.length === 0) return readWithVersion(request, key, remembered);
    return { version: remembered.version, ...range.answer(rows) };
  };
}
