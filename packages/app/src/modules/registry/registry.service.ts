import { createHash, randomUUID } from 'node:crypto';
import { PassThrough, type Writable } from 'node:stream';
import type { Database } from '../../platform/db/kysely.ts';
import { AppError } from '../../platform/errors.ts';
import { withScope } from '../../platform/db/scope.ts';
import { auditEvent, type AuditLog } from '../audit/index.ts';
import {
  authorize,
  isAllowed,
  maySeeDetentionPlace,
  maySeeHealth,
  rowScope,
  type Actor,
  type Permission,
} from '../access/index.ts';
import type { Mechanism, MechanismsService } from '../mechanisms/index.ts';
import { diffLines, type LineDiff } from './domain/line-cells.ts';
import { formatProblem, withholdValues, type LineProblem } from './domain/line-problem.ts';
import type { PersonLine } from './domain/list-columns.ts';
import type { ColumnMapping } from './domain/list-header.ts';
import type { ListRef, ListVersion, VersionId } from './domain/list-version.ts';
import type { ListFileInput } from './list-file-reader.ts';
import { previewListFile } from './list-file-preview.ts';
import { validateFile } from './list-file-validation.ts';
import { writeListFile, type ListFileFormat } from './list-file-writer.ts';
import { recordChanges, type ListVersionGuard } from './list-version-guard.ts';
import { createPageCache, type KeptPage, type PageCacheOptions } from './page-cache.ts';
import { createPageReader } from './page-reader.ts';
import * as repo from './registry.repository.ts';

export interface RegistryDeps {
  db: Database;
  mechanisms: MechanismsService;
  audit: AuditLog;
  /** Asked about every new version before it is kept (the exchanges guard their stages' persons). */
  versionGuard?: ListVersionGuard;
  /** The pages kept in memory (page-cache.ts): at most so many bytes, each version trusted so long. */
  pageCache?: PageCacheOptions;
}

/** A page of a version's lines, as the reader may see them. */
export interface LinesPage {
  version: ListVersion;
  total: number;
  lines: PersonLine[];
}

/** 64 MiB: some 1,300 pages of 100 lines. */
export const DEFAULT_PAGE_CACHE_BYTES = 64 * 1024 * 1024;

function keptOf(page: LinesPage, body: Buffer): KeptPage {
  return {
    versionId: page.version.id,
    versionNumber: page.version.number,
    body,
    recordIds: page.lines.map((line) => `${page.version.id}/${line.recordId}`),
  };
}

export interface ImportRequest extends ListRef {
  file: ListFileInput;
  acceptInvalid: boolean;
  /** The list column each differently named file column holds. */
  columns?: ColumnMapping;
}

export interface ImportResult {
  version: ListVersion;
  warnings: LineProblem[];
}

/** A new version kept: what a listener (the inquiries' matching) is told once it is committed. */
export interface KeptVersion {
  mechanismId: string;
  parties: readonly string[];
  party: string;
  kind: ListRef['kind'];
  versionId: VersionId;
}

export interface VersionSelector extends ListRef {
  /** A version number; the latest when absent. */
  version?: number;
}

// A version keeps its first warnings; the full list is in the answer to the import itself.
const STORED_WARNINGS = 1_000;

/** The list use cases: import a file as a new version, read versions and lines, diff and export them. */
export function createRegistryService({
  db,
  mechanisms,
  audit,
  versionGuard,
  pageCache = { maxBytes: DEFAULT_PAGE_CACHE_BYTES },
}: RegistryDeps) {
  const keptListeners = new Set<(kept: KeptVersion) => void>();
  const readPage = createPageReader(db);
  const readsUnderWay = new Map<string, Promise<KeptPage>>();
  const pages = createPageCache(
    (versionId) =>
      withScope(db, { system: 'on' }, (scoped) => repo.versionFingerprint(scoped, versionId)),
    pageCache,
  );
  /** Finds the list's mechanism and party, and refuses an actor without the permission for that party. */
  async function resolveList(
    actor: Actor,
    ref: ListRef,
    permission: Permission,
  ): Promise<{ mechanism: Mechanism; party: string }> {
    const mechanism = await mechanisms.get(actor, ref.mechanism);
    const party = ref.party.trim().toUpperCase();
    if (!mechanism.parties.includes(party as Mechanism['parties'][number])) {
      throw new AppError(
        'REGISTRY.PARTY_NOT_IN_MECHANISM',
        `${ref.party} is not a party of ${mechanism.name} (its parties are ${mechanism.parties.join(', ')})`,
      );
    }
    authorize(actor, permission, { mechanismId: mechanism.id, party });
    return { mechanism, party };
  }

  /** Hides the fields of a compartment the actor may not see (health; the place of detention). */
  function compartments(actor: Actor, mechanismId: string, party: string, kind: ListRef['kind']) {
    const isHealthVisible = maySeeHealth(actor, { mechanismId, party });
    const isDetentionVisible = maySeeDetentionPlace(actor, { mechanismId, party, kind });
    return (line: PersonLine): PersonLine => {
      if (isHealthVisible && isDetentionVisible) return line;
      const { health_status: rawHealth, detention_place: rawPlace, ...invalid } = line.invalid;
      return {
        ...line,
        healthStatus: isHealthVisible ? line.healthStatus : null,
        detentionPlace: isDetentionVisible ? line.detentionPlace : null,
        invalid: {
          ...invalid,
          ...(isHealthVisible && rawHealth !== undefined ? { health_status: rawHealth } : {}),
          ...(isDetentionVisible && rawPlace !== undefined ? { detention_place: rawPlace } : {}),
        },
      };
    };
  }

  /** A page under the reader's row scope, its compartments applied; not audited (the callers do). */
  async function readLines(
    actor: Actor,
    mechanismId: string,
    party: string,
    selector: VersionSelector,
    query: Omit<repo.LineQuery, 'versionId'>,
  ): Promise<LinesPage> {
    const { version, ...found } = await readPage({
      scope: rowScope(actor),
      list: {
        mechanismId,
        party,
        kind: selector.kind,
        ...(selector.version === undefined ? {} : { number: selector.version }),
      },
      query,
      notFound: (latest) => versionNotFound(selector, latest),
    });
    return {
      version,
      total: found.total,
      lines: found.lines.map(compartments(actor, mechanismId, party, selector.kind)),
    };
  }

  /** A read of personal data names every record it returned. */
  async function auditPage(
    actor: Actor,
    mechanismId: string,
    selector: VersionSelector,
    query: Omit<repo.LineQuery, 'versionId'>,
    page: Pick<KeptPage, 'versionId' | 'versionNumber' | 'recordIds'>,
  ): Promise<void> {
    await audit.record(
      null,
      auditEvent(actor, 'list.read', {
        mechanismId,
        objectIds: [...page.recordIds],
        details: {
          party: selector.party.toUpperCase(),
          kind: selector.kind,
          number: page.versionNumber,
          offset: query.offset,
          ...(query.after === undefined ? {} : { after: query.after }),
          search: query.search ?? null,
        },
      }),
    );
  }

  async function versionsIn(
    actor: Actor,
    ref: ListRef,
    permission: Permission,
  ): Promise<{ mechanism: Mechanism; versions: ListVersion[] }> {
    const { mechanism, party } = await resolveList(actor, ref, permission);
    const listId = await repo.findListId(db, { mechanismId: mechanism.id, party, kind: ref.kind });
    // Versions have row policies (0013): read in the actor's scope, as lines are.
    const versions = listId
      ? await withScope(db, rowScope(actor), (scoped) => repo.findVersions(scoped, listId))
      : [];
    return { mechanism, versions };
  }

  async function selectVersion(
    actor: Actor,
    selector: VersionSelector,
    permission: Permission,
  ): Promise<ListVersion & { mechanismId: string; party: string }> {
    const { mechanism, versions } = await versionsIn(actor, selector, permission);
    const version =
      selector.version === undefined
        ? versions.at(-1)
        : versions.find((v) => v.number === selector.version);
    if (!version) throw versionNotFound(selector, versions.at(-1)?.number ?? null);
    return { ...version, mechanismId: mechanism.id, party: selector.party.trim().toUpperCase() };
  }

  async function allLines(actor: Actor, versionId: ListVersion['id']): Promise<PersonLine[]> {
    return withScope(db, rowScope(actor), async (scoped) => {
      const lines: PersonLine[] = [];
      for await (const line of repo.streamLines(scoped, versionId)) lines.push(line);
      return lines;
    });
  }

  return {
    async importList(actor: Actor, request: ImportRequest): Promise<ImportResult> {
      const { mechanism, party } = await resolveList(actor, request, 'list.import');
      const hash = createHash('sha256');
      const file = {
        ...request.file,
        content: tap(request.file.content, (chunk) => hash.update(chunk)),
      };
      const { version, warnings } = await withScope(db, rowScope(actor), async (trx) => {
        // Lines are written while the file is still read, so that parsing and the database
        // overlap; an error anywhere rolls all of them back.
        const id = randomUUID() as VersionId;
        const owner = { versionId: id, mechanismId: mechanism.id, party };
        const writer = createBatchWriter((lines) => repo.insertLines(trx, owner, lines));
        const outcome = await validateFile(
          file,
          request.acceptInvalid,
          writer.write,
          request.columns ? { columns: request.columns } : {},
        );
        if (outcome.errors.length > 0) {
          await writer.abandon();
          const { errors, warnings: seen } = outcome;
          throw new AppError(
            'REGISTRY.IMPORT_REJECTED',
            `${request.file.name} was not imported: ${errors.length} error${errors.length === 1 ? '' : 's'}`,
            { errors, warnings: seen },
          );
        }
        await writer.finish();
        // The list is locked only now, so that concurrent imports wait for each other's numbering, not reading.
        const listId = await repo.lockList(trx, {
          mechanismId: mechanism.id,
          party,
          kind: request.kind,
        });
        const fields = {
          id,
          listId,
          number: await repo.nextVersionNumber(trx, listId),
          createdBy: actor.id,
          sourceName: request.file.name,
          sourceSha256: hash.digest('hex'),
          lineCount: outcome.lineCount,
          flaggedLineCount: outcome.flaggedLineCount,
          warnings: storedWarnings(outcome.warnings),
        };
        await repo.insertVersion(trx, fields);
        const [created] = (await repo.findVersions(trx, listId)).filter((v) => v.id === id);
        if (!created) throw new Error(`version ${id} vanished after insert`);
        const guarded = await versionGuard?.(trx, {
          actor,
          mechanismId: mechanism.id,
          party,
          kind: request.kind,
          versionId: id,
          changesOf: recordChanges(trx, id),
        });
        await audit.record(
          trx,
          auditEvent(actor, 'list.import', {
            mechanismId: mechanism.id,
            objectIds: [id],
            details: {
              party,
              kind: request.kind,
              number: fields.number,
              lineCount: fields.lineCount,
              flaggedLineCount: fields.flaggedLineCount,
              sourceName: fields.sourceName,
              sourceSha256: fields.sourceSha256,
              ...guarded,
            },
          }),
        );
        return { version: created, warnings: outcome.warnings };
      });
      // Once committed, as autovacuum would: the statistics sample the lines others now see.
      await repo.settleLines(db, version.lineCount);
      const kept = {
        mechanismId: mechanism.id,
        parties: mechanism.parties,
        party,
        kind: request.kind,
        versionId: version.id,
      };
      for (const listener of keptListeners) listener(kept);
      return { version, warnings };
    },

    /**
     * What keeping `lines` as the list's next version would change, for the officer who may
     * import it: the latest version, and the lines added, removed and changed against it.
     */
    async diffWithLatest(actor: Actor, ref: ListRef, lines: readonly PersonLine[]) {
      const { mechanism, party } = await resolveList(actor, ref, 'list.import');
      const { versions } = await versionsIn(actor, ref, 'list.import');
      const latest = versions.at(-1) ?? null;
      const before = latest ? await allLines(actor, latest.id) : [];
      if (latest)
        await audit.record(
          null,
          auditEvent(actor, 'list.diff', {
            mechanismId: mechanism.id,
            objectIds: [latest.id],
            details: { party, kind: ref.kind, diff: [latest.number, null] },
          }),
        );
      return { from: latest, diff: diffLines(before, lines) };
    },

    /**
     * Keeps lines that another module built (a party's sought list from its families'
     * inquiries) as the list's next version, through the import's own checks and audit.
     */
    async keepLines(actor: Actor, ref: ListRef, sourceName: string, lines: readonly PersonLine[]) {
      const chunks: Uint8Array[] = [];
      const sink = new PassThrough();
      sink.on('data', (chunk: Buffer) => chunks.push(chunk));
      const written = new Promise<void>((resolve, reject) => {
        sink.on('end', resolve);
        sink.on('error', reject);
      });
      await writeListFile(
        (async function* () {
          yield* lines;
        })(),
        [],
        'csv',
        sink,
      );
      await written;
      const bytes = Buffer.concat(chunks);
      return this.importList(actor, {
        ...ref,
        acceptInvalid: false,
        file: {
          name: sourceName,
          encoding: 'utf-8',
          maxBytes: bytes.length + 1,
          content: (async function* () {
            yield bytes;
          })(),
        },
      });
    },

    /** Tells `listener` of every version kept from now on, once it is committed. */
    onVersionKept(listener: (kept: KeptVersion) => void): void {
      keptListeners.add(listener);
    },

    /** Refuses, before a file is read, an actor who may not import into the list. */
    async authorizeImport(actor: Actor, ref: ListRef): Promise<void> {
      await resolveList(actor, ref, 'list.import');
    },

    /**
     * What importing a file would do, for the officer who may import it: how its columns are read,
     * its first lines, every error. Nothing is stored, and nothing is audited, since nothing of
     * the mechanism's data is read: the file is the caller's own.
     */
    async previewImport(actor: Actor, request: ImportRequest) {
      await resolveList(actor, request, 'list.import');
      return previewListFile(request.file, {
        acceptInvalid: request.acceptInvalid,
        ...(request.columns ? { columns: request.columns } : {}),
      });
    },

    /**
     * A list's versions. Their import warnings quote the file's values: a role that may see the
     * versions but not read the lines (an observer) sees where each warning is, not what it says.
     */
    async versions(actor: Actor, ref: ListRef): Promise<ListVersion[]> {
      const { mechanism, versions } = await versionsIn(actor, ref, 'list.versions');
      const party = ref.party.trim().toUpperCase();
      if (isAllowed(actor, 'list.read', { mechanismId: mechanism.id, party })) return versions;
      return versions.map((version) => ({
        ...version,
        warnings: version.warnings.map(withholdValues),
      }));
    },

    /** The version a selector names, for an actor who may export it (the export route names its file first). */
    version: (actor: Actor, selector: VersionSelector) =>
      selectVersion(actor, selector, 'list.export'),

    /** A page of a version's lines as the actor may see them; the read is audited, every record named. */
    async lines(
      actor: Actor,
      selector: VersionSelector,
      query: Omit<repo.LineQuery, 'versionId'>,
    ): Promise<LinesPage> {
      const { mechanism, party } = await resolveList(actor, selector, 'list.read');
      const page = await readLines(actor, mechanism.id, party, selector, query);
      await auditPage(actor, mechanism.id, selector, query, {
        versionId: page.version.id,
        versionNumber: page.version.number,
        recordIds: page.lines.map((line) => `${page.version.id}/${line.recordId}`),
      });
      return page;
    },

    /**
     * A page of lines as the bytes of its answer (`present` writes them), for the lines route. A
     * page of a numbered version is kept in memory (page-cache.ts) under everything it depends on:
     * the version, the query, the reader's row scope and compartments; read again, it costs no
     * read of the database. The actor's permission is checked first, and every read, kept or not,
     * is in the audit log naming every record before the answer goes. `presentation` names how
     * `present` writes the page, when the route writes it more than one way: a part of the key.
     */
    async linesAnswer(
      actor: Actor,
      selector: VersionSelector,
      query: Omit<repo.LineQuery, 'versionId'>,
      present: (page: LinesPage) => Buffer,
      presentation = '',
    ): Promise<Buffer> {
      const { mechanism, party } = await resolveList(actor, selector, 'list.read');
      if (selector.version === undefined || !pages.isOn) {
        const page = await readLines(actor, mechanism.id, party, selector, query);
        await auditPage(actor, mechanism.id, selector, query, keptOf(page, Buffer.alloc(0)));
        return present(page);
      }
      const listKey = `${mechanism.id}/${party}/${selector.kind}/${selector.version}`;
      const key = [
        listKey,
        JSON.stringify(rowScope(actor)),
        maySeeHealth(actor, { mechanismId: mechanism.id, party }),
        maySeeDetentionPlace(actor, { mechanismId: mechanism.id, party, kind: selector.kind }),
        JSON.stringify(query),
        presentation,
      ].join('|');
      let kept = await pages.get(key);
      if (!kept) {
        // Readers of one key at once (same page, scope and compartments) share one read.
        let reading = readsUnderWay.get(key);
        if (!reading) {
          const ticket = pages.before(listKey);
          reading = readLines(actor, mechanism.id, party, selector, query)
            .then((page) => {
              const read = keptOf(page, present(page));
              pages.keep(key, listKey, read, ticket);
              return read;
            })
            .finally(() => readsUnderWay.delete(key));
          readsUnderWay.set(key, reading);
        }
        kept = await reading;
      }
      await auditPage(actor, mechanism.id, selector, query, kept);
      return kept.body;
    },

    /** Bytes and pages kept in memory by `linesAnswer`. */
    keptPages: () => pages.size(),

    /** Compares a version with the one before it (or with `from`), by record_id. */
    async diff(
      actor: Actor,
      selector: VersionSelector & { from?: number },
    ): Promise<{ from: ListVersion | null; to: ListVersion; diff: LineDiff }> {
      const to = await selectVersion(actor, selector, 'list.read');
      const fromNumber = selector.from ?? to.number - 1;
      const from =
        fromNumber >= 1
          ? await selectVersion(actor, { ...selector, version: fromNumber }, 'list.read')
          : null;
      const visible = compartments(actor, to.mechanismId, to.party, selector.kind);
      const before = from ? (await allLines(actor, from.id)).map(visible) : [];
      await audit.record(
        null,
        auditEvent(actor, 'list.read', {
          mechanismId: to.mechanismId,
          objectIds: [...(from ? [from.id] : []), to.id],
          details: {
            party: selector.party.toUpperCase(),
            kind: selector.kind,
            diff: [from?.number ?? null, to.number],
          },
        }),
      );
      return { from, to, diff: diffLines(before, (await allLines(actor, to.id)).map(visible)) };
    },

    /**
     * The latest version of a list with all its lines, as the actor may see them, or null when the
     * list has none; for work over whole lists (reconciliation). The read is audited by version.
     */
    async latestLines(
      actor: Actor,
      ref: ListRef,
    ): Promise<{ version: ListVersion; lines: PersonLine[] } | null> {
      const { mechanism, versions } = await versionsIn(actor, ref, 'list.read');
      const version = versions.at(-1);
      if (!version) return null;
      const party = ref.party.trim().toUpperCase();
      const lines = (await allLines(actor, version.id)).map(
        compartments(actor, mechanism.id, party, ref.kind),
      );
      await audit.record(
        null,
        auditEvent(actor, 'list.read', {
          mechanismId: mechanism.id,
          objectIds: [version.id],
          details: { party, kind: ref.kind, number: version.number, lineCount: lines.length },
        }),
      );
      return { version, lines };
    },

    /** Named lines of named versions, as the actor may see them; each record read is audited. */
    async records(
      actor: Actor,
      mechanismId: string,
      refs: ReadonlyArray<{
        party: string;
        kind: ListRef['kind'];
        versionId: VersionId;
        recordId: string;
      }>,
    ): Promise<Array<PersonLine | null>> {
      for (const ref of refs) authorize(actor, 'list.read', { mechanismId, party: ref.party });
      const found = await withScope(db, rowScope(actor), async (scoped) => {
        const lines = new Map<string, PersonLine>();
        for (const versionId of new Set(refs.map((r) => r.versionId))) {
          const wanted = refs.filter((r) => r.versionId === versionId).map((r) => r.recordId);
          for (const line of await repo.findLinesByRecord(scoped, versionId, wanted))
            lines.set(`${versionId}/${line.recordId}`, line);
        }
        return lines;
      });
      await audit.record(
        null,
        auditEvent(actor, 'list.read', {
          mechanismId,
          objectIds: refs.map((r) => `${r.versionId}/${r.recordId}`),
          details: { records: refs.length },
        }),
      );
      return refs.map((ref) => {
        const line = found.get(`${ref.versionId}/${ref.recordId}`);
        return line ? compartments(actor, mechanismId, ref.party, ref.kind)(line) : null;
      });
    },

    async exportList(
      actor: Actor,
      selector: VersionSelector,
      format: ListFileFormat,
      out: Writable,
    ): Promise<ListVersion> {
      const version = await selectVersion(actor, selector, 'list.export');
      await audit.record(
        null,
        auditEvent(actor, 'list.export', {
          mechanismId: version.mechanismId,
          objectIds: [version.id],
          details: {
            party: selector.party.toUpperCase(),
            kind: selector.kind,
            number: version.number,
            format,
            lineCount: version.lineCount,
          },
        }),
      );
      const visible = compartments(actor, version.mechanismId, version.party, selector.kind);
      // One scoped transaction for the whole file: every page of lines is read under the same scope.
      await withScope(db, rowScope(actor), async (scoped) => {
        const extras = await repo.findExtraColumns(scoped, version.id);
        await writeListFile(
          mapAsync(repo.streamLines(scoped, version.id), visible),
          extras,
          format,
          out,
        );
      });
      return version;
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;

/** The error for a version a selector names and the list does not have (`latest`: its newest, if any). */
function versionNotFound(selector: VersionSelector, latest: number | null): AppError {
  const what = `${selector.party} ${selector.kind} list of ${selector.mechanism}`;
  return latest === null
    ? new AppError('REGISTRY.LIST_NOT_FOUND', `the ${what} has no versions yet`)
    : new AppError(
        'REGISTRY.VERSION_NOT_FOUND',
        `the ${what} has no version ${selector.version} (latest: ${latest})`,
      );
}

/**
 * Keeps one write in flight while the caller prepares the next batch; `write` waits only for
 * the previous one, and a failed write surfaces at the next call.
 */
function createBatchWriter(insert: (lines: PersonLine[]) => Promise<void>) {
  let inFlight: Promise<void> = Promise.resolve();
  return {
    write: async (lines: PersonLine[]): Promise<void> => {
      await inFlight;
      inFlight = insert(lines);
      inFlight.catch(() => {}); // observed by the next write or finish
    },
    finish: (): Promise<void> => inFlight,
    abandon: (): Promise<void> => inFlight.catch(() => {}),
  };
}

// Stored warnings are shown to every role that sees versions, so they never quote these columns' values.
const COMPARTMENT_COLUMNS = new Set(['health_status', 'detention_place']);

function storedWarnings(warnings: readonly LineProblem[]): string[] {
  const kept = warnings
    .slice(0, STORED_WARNINGS)
    .map(({ value, ...problem }) =>
      formatProblem(
        COMPARTMENT_COLUMNS.has(problem.column?.trim().toLowerCase() ?? '') || value === undefined
          ? problem
          : { ...problem, value },
      ),
    );
  if (warnings.length > STORED_WARNINGS)
    kept.push(`... and ${warnings.length - STORED_WARNINGS} more warnings`);
  return kept;
}

async function* mapAsync<T, U>(source: AsyncIterable<T>, map: (item: T) => U): AsyncGenerator<U> {
  for await (const item of source) yield map(item);
}

async function* tap<T>(source: AsyncIterable<T>, onItem: (item: T) => void): AsyncGenerator<T> {
  for await (const item of source) {
    onItem(item);
    yield item;
  }
}
