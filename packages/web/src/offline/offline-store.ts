import type {
  HandoverRecord,
  ManifestFile,
  ReceiptBatchDocument,
  SigningKey,
  StageManifest,
} from '../api/exchange.types.ts';
import type { TranslatedText } from '../talks/talk-texts.ts';

/**
 * What the handover point's work needs without a network, kept in this browser's IndexedDB: the
 * stages taken offline (the stage, its persons by name, its signed manifest and the keys that
 * verify it), the actions recorded there, and the records signed over them until they are synced.
 */

const DB_NAME = 'parley-offline';
type StoreName = 'stages' | 'actions' | 'records';

export type OfflineRole =
  { role: 'neutral_verifier'; party: null } | { role: 'party_officer'; party: string };

export interface OfflinePerson {
  personId: string;
  recordId: string;
  name: string | null;
  nameLatin: string | null;
  party: string;
  receivingParty: string;
  /** The state when the stage was taken offline (as the signer may see it). */
  state: string;
}

export interface OfflineStage {
  stageId: string;
  mechanism: { id: string; name: string };
  stage: { number: number; place: string; date: string; status: string };
  username: string;
  signer: OfflineRole;
  persons: OfflinePerson[];
  manifest: ManifestFile<StageManifest> | null;
  keys: SigningKey[];
  /** The browser key this user signs with, registered before the stage went offline. */
  keyId: string;
  takenAt: string;
  /** The batch of the stage's receipts issued when it was taken offline (or last synced). */
  batch?: ManifestFile<ReceiptBatchDocument> | null;
  /** This user's signatures of receipt batches made here, kept until synced. */
  batchSignatures?: BatchSignature[];
  /**
   * The translation memory's entries for the mechanism's name and the stage's place, so that the
   * offline pages say them in the reader's language (the memory itself needs the network).
   */
  texts?: TranslatedText[];
}

/** A receipt batch signed here, and what the server answered at sync. */
export interface BatchSignature {
  hash: string;
  keyId: string;
  signature: string;
  role: OfflineRole['role'];
  party: string | null;
  signedAt: string;
  syncedAt: string | null;
  answer: { outcome: 'applied' | 'conflict'; problem: string | null } | null;
}

export type ActionKind = 'check' | 'handover' | 'refusal' | 'received';

/** Why the server did not apply an action (domain/handover-record.ts on the server). */
export type OfflineConflict =
  | 'not_in_stage'
  | 'stage_not_executing'
  | 'state_changed'
  | 'not_handed_over'
  | 'not_yours'
  | 'refused'
  | 'receipt_unsigned';

/** A conflict the server answered, for the user to resolve. */
export interface SyncAnswer {
  outcome: 'applied' | 'conflict';
  conflict: OfflineConflict | null;
  problem: string | null;
  serverState: string | null;
  syncedAt: string;
}

export interface QueuedAction {
  clientId: string;
  stageId: string;
  kind: ActionKind;
  personId: string;
  recordId: string;
  expected: string;
  recordedAt: string;
  at?: string;
  place?: string;
  reason?: string;
  matches?: boolean;
  /** The hash of the record that signed it; none while it waits for a signature. */
  record: string | null;
  answer: SyncAnswer | null;
  /** The user accepted the server's state over this conflicting action. */
  dismissed?: boolean;
  /** The new action the user recorded in place of this conflicting one, to sync again. */
  retriedAs?: string;
}

export interface SignedRecord {
  hash: string;
  stageId: string;
  document: HandoverRecord;
  keyId: string;
  signature: string;
  syncedAt: string | null;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('stages', { keyPath: 'stageId' });
      request.result.createObjectStore('actions', { keyPath: 'clientId' });
      request.result.createObjectStore('records', { keyPath: 'hash' });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB is not available'));
  });
}

async function run<T>(
  store: StoreName,
  mode: IDBTransactionMode,
  act: (store: IDBObjectStore) => IDBRequest | void,
): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(store, mode);
      const request = act(transaction.objectStore(store));
      // Resolved once the transaction is committed: a write is on disk before the page says so.
      transaction.oncomplete = () => resolve((request ? request.result : undefined) as T);
      transaction.onerror = () => reject(transaction.error ?? new Error('IndexedDB refused'));
    });
  } finally {
    db.close();
  }
}

const all = <T>(store: StoreName) => run<T[]>(store, 'readonly', (s) => s.getAll());
const put = (store: StoreName, value: unknown) =>
  run<void>(store, 'readwrite', (s) => void s.put(value));

export const offlineStore = {
  stages: () => all<OfflineStage>('stages'),
  stage: (stageId: string) =>
    run<OfflineStage | undefined>('stages', 'readonly', (s) => s.get(stageId)),
  keepStage: (stage: OfflineStage) => put('stages', stage),
  actions: async (stageId: string) =>
    (await all<QueuedAction>('actions'))
      .filter((a) => a.stageId === stageId)
      .sort((a, b) => a.recordedAt.localeCompare(b.recordedAt)),
  keepActions: async (actions: readonly QueuedAction[]) => {
    for (const action of actions) await put('actions', action);
  },
  records: async (stageId: string) =>
    (await all<SignedRecord>('records')).filter((r) => r.stageId === stageId),
  keepRecord: (record: SignedRecord) => put('records', record),
};
