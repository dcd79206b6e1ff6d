/** What a page answered, kept: the answer's bytes and the records it names (for its audit entry). */
export interface KeptPage {
  versionId: string;
  versionNumber: number;
  body: Buffer;
  recordIds: readonly string[];
}

export interface PageCacheOptions {
  /** The most bytes of answers kept; the least lately read go first. 0 keeps nothing. */
  maxBytes: number;
  /**
   * How long a version is trusted unchanged without asking the database again: retention may
   * delete it, or its health data, meanwhile (in this instance or another).
   */
  trustedMs?: number;
  now?: () => number;
}

/** Whether a version is still there and still holds health data: what retention changes. */
export type VersionFingerprint = (versionId: string) => Promise<string>;

const TRUSTED_MS = 5_000;
// The key and the record ids cost memory beside the body: counted roughly, so that the bound holds.
const BYTES_A_RECORD_ID = 64;
/** Versions whose number is remembered at most; past that the memory starts again. */
const MOST_VERSIONS = 10_000;

/** What was known of a list's version before one of its pages was read. */
export interface Ticket {
  versionId: string | undefined;
  generation: number;
}

// Bumped when this process deletes versions or their health data (retention): every version is
// then asked about again before its kept pages are served, so a deletion here shows at once.
let deletions = 0;

/** Tells every page cache of this process that versions or their health data were deleted (after the commit). */
export function versionsDeleted(): void {
  deletions++;
}

interface VersionState {
  /** `deletions` when the fingerprint was last asked. */
  deletionsSeen: number;
  /** Counts the changes seen; 0 until the first look, so that nothing kept before it is served. */
  generation: number;
  fingerprint: string | undefined;
  checkedUntil: number;
  checking: Promise<void> | undefined;
}

interface Entry {
  page: KeptPage;
  generation: number;
  bytes: number;
}

/**
 * Answers of pages of list versions, kept as the bytes sent, so that reading a page again reads
 * nothing from the database (issue 17). A version never changes once kept; only retention
 * deletes it or its health data, and each version's fingerprint is asked again once it is
 * `trustedMs` old, so a deletion anywhere stops its pages within that time. The key is the
 * caller's: it must name everything the answer depends on (the version, the query, the reader's
 * row scope and compartments), so that no reader is ever given another's page.
 */
export function createPageCache(fingerprintOf: VersionFingerprint, options: PageCacheOptions) {
  const trustedMs = options.trustedMs ?? TRUSTED_MS;
  const now = options.now ?? (() => Date.now());
  // A Map iterates in insertion order: an entry read is put back at the end, so the first is the least lately read.
  const entries = new Map<string, Entry>();
  const versions = new Map<string, VersionState>();
  // The version id of each list's numbered version (numbers are never used again in a list).
  const versionIds = new Map<string, string>();
  let bytes = 0;

  function stateOf(versionId: string): VersionState {
    let state = versions.get(versionId);
    if (!state) {
      state = {
        deletionsSeen: deletions,
        generation: 0,
        fingerprint: undefined,
        checkedUntil: 0,
        checking: undefined,
      };
      versions.set(versionId, state);
    }
    return state;
  }

  /** Asks the version's fingerprint again when it is no longer trusted (one question at a time). */
  async function check(versionId: string): Promise<VersionState> {
    const state = stateOf(versionId);
    if (state.checkedUntil > now() && state.deletionsSeen === deletions) return state;
    const seen = deletions;
    state.checking ??= fingerprintOf(versionId)
      .then((fingerprint) => {
        state.deletionsSeen = seen;
        if (fingerprint !== state.fingerprint) state.generation++;
        state.fingerprint = fingerprint;
        state.checkedUntil = now() + trustedMs;
      })
      .finally(() => {
        state.checking = undefined;
      });
    await state.checking;
    return state;
  }

  function remove(key: string, entry: Entry): void {
    entries.delete(key);
    bytes -= entry.bytes;
  }

  return {
    isOn: options.maxBytes > 0,

    /** The page kept under the key, if its version is unchanged since it was kept. */
    async get(key: string): Promise<KeptPage | undefined> {
      const entry = entries.get(key);
      if (!entry) return undefined;
      const state = await check(entry.page.versionId).catch(() => undefined);
      if (!state || state.generation !== entry.generation || entries.get(key) !== entry) {
        if (entries.get(key) === entry) remove(key, entry);
        return undefined;
      }
      entries.delete(key);
      entries.set(key, entry);
      return entry.page;
    },

    /**
     * Taken before a page of the list's numbered version (`listKey`) is read, for `keep`: a
     * change seen while it was read makes the page stale at once.
     */
    before(listKey: string): Ticket {
      const versionId = versionIds.get(listKey);
      return { versionId, generation: versionId ? stateOf(versionId).generation : 0 };
    },

    /** Keeps a page read after `ticket` was taken, under the key that names all it depends on. */
    keep(key: string, listKey: string, page: KeptPage, ticket: Ticket): void {
      if (options.maxBytes <= 0) return;
      if (versionIds.size >= MOST_VERSIONS) versionIds.clear();
      versionIds.set(listKey, page.versionId);
      const generation = ticket.versionId === page.versionId ? ticket.generation : 0;
      const size = page.body.length + key.length * 2 + page.recordIds.length * BYTES_A_RECORD_ID;
      if (size > options.maxBytes) return;
      if (generation === 0) {
        // The version was never asked about: ask now, and keep its pages read from then on.
        check(page.versionId).catch(() => {});
        return;
      }
      const old = entries.get(key);
      if (old) remove(key, old);
      entries.set(key, { page, generation, bytes: size });
      bytes += size;
      for (const [oldest, entry] of entries) {
        if (bytes <= options.maxBytes) break;
        remove(oldest, entry);
      }
    },

    /** Bytes and entries kept, for tests and the benchmark. */
    size: () => ({ bytes, entries: entries.size }),
  };
}

export type PageCache = ReturnType<typeof createPageCache>;
