import { call, setCsrfToken } from '../api/client.ts';
import type { HandoverRecord, OfflineSyncAnswer } from '../api/exchange.types.ts';
import type { Session } from '../api/types.ts';
import { getManifestFile } from '../manifests/manifests.api.ts';
import { browserKey, newBrowserKey, signHash } from '../manifests/signing-key.ts';
import { canonicalText, sha256Hex } from '../receipts/canonical.ts';
import type { TranslatedText } from '../talks/talk-texts.ts';
import { batchSignatureBody, downloadBatch, unsyncedBatchSignatures } from './offline-batch.ts';
import {
  offlineStore,
  type ActionKind,
  type OfflineRole,
  type OfflineStage,
  type QueuedAction,
  type SyncAnswer,
} from './offline-store.ts';

export const RECORD_KIND = 'parley-handover-record/1';

const M = '/mechanisms/{mechanism}';
const STAGE = `${M}/stages/{stage}` as const;

/** Thrown when the signed-in user holds no role that works at the handover point. */
export class NoHandoverRole extends Error {}

/** The role the user works in at the handover: the verifier's, else a receiving officer's. */
function roleAt(session: Session, mechanismId: string, receiving: Set<string>): OfflineRole {
  const grants = session.grants.filter((g) => g.mechanismId === mechanismId);
  if (grants.some((g) => g.role === 'neutral_verifier'))
    return { role: 'neutral_verifier', party: null };
  const officer = grants.find(
    (g) => g.role === 'party_officer' && g.party && receiving.has(g.party),
  );
  if (officer?.party) return { role: 'party_officer', party: officer.party };
  throw new NoHandoverRole('no role at the handover');
}

/** This browser's key, registered in the mechanism (again after a revocation), as signing does. */
async function registeredKey(username: string, mechanismId: string) {
  let key = await browserKey(username, mechanismId);
  const keys = { params: { mechanism: mechanismId } };
  const { items } = await call('get', `${M}/keys`, keys);
  const kept = items.find((k) => k.keyId === key.keyId);
  if (kept?.revokedAt) key = await newBrowserKey(username, mechanismId);
  if (!kept || kept.revokedAt)
    await call('post', `${M}/keys`, { ...keys, json: { publicKey: key.publicKey } });
  return { key, keys: (await call('get', `${M}/keys`, keys)).items };
}

/**
 * Downloads one stage for work without a network: the stage, its persons by name, its latest
 * signed manifest and the mechanism's keys to verify it; registers this browser's key first, and
 * waits until the service worker holds the application, so that a reload offline still opens it.
 */
export async function takeStageOffline(input: {
  session: Session;
  mechanism: { id: string; name: string };
  stageId: string;
  /** The mechanism's translation memory, as far as it is loaded. */
  memory: readonly TranslatedText[];
}): Promise<OfflineStage> {
  const { session, mechanism, stageId } = input;
  const username = session.actor.replace(/^user:/, '');
  const params = { mechanism: mechanism.id, stage: stageId };
  const stage = await call('get', STAGE, { params });
  const persons = (await call('get', `${STAGE}/receipts`, { params })).items;
  const signer = roleAt(session, mechanism.id, new Set(persons.map((p) => p.receivingParty)));
  const latest = stage.manifests.at(-1);
  const manifest = latest ? await getManifestFile(mechanism.id, latest.id) : null;
  const { key, keys } = await registeredKey(username, mechanism.id);
  const batch = await downloadBatch(
    mechanism.id,
    stageId,
    persons.some((p) => p.receipt),
  );
  const before = await offlineStore.stage(stageId);
  const offline: OfflineStage = {
    stageId,
    mechanism,
    stage: { number: stage.number, place: stage.place, date: stage.date, status: stage.status },
    username,
    signer,
    persons: persons.map((p) => ({
      personId: p.personId,
      recordId: p.recordId,
      name: p.name,
      nameLatin: p.nameLatin,
      party: p.party,
      receivingParty: p.receivingParty,
      state: p.state,
    })),
    manifest,
    keys,
    keyId: key.keyId,
    takenAt: new Date().toISOString(),
    batch,
    // Signatures made here before the stage was taken offline again are kept until synced.
    batchSignatures: before?.batchSignatures ?? [],
    texts: input.memory.filter((e) => e.source === mechanism.name || e.source === stage.place),
  };
  await offlineStore.keepStage(offline);
  await shellKept();
  return offline;
}

/** Thrown when this browser could not keep the application for use without a network. */
export class ShellNotKept extends Error {}

/** Waits until the service worker holds the application (it precaches it when installed). */
async function shellKept() {
  if (!('serviceWorker' in navigator)) throw new ShellNotKept('no service worker');
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), 30_000));
  if (!(await Promise.race([navigator.serviceWorker.ready, timeout])))
    throw new ShellNotKept('the service worker did not become ready');
}

/** Keeps one action recorded at the handover point, unsigned until the user signs. */
export async function recordAction(
  stage: OfflineStage,
  input: {
    kind: ActionKind;
    personId: string;
    at?: string;
    place?: string;
    reason?: string;
    matches?: boolean;
  },
): Promise<QueuedAction> {
  const person = stage.persons.find((p) => p.personId === input.personId)!;
  const action: QueuedAction = {
    clientId: crypto.randomUUID(),
    stageId: stage.stageId,
    kind: input.kind,
    personId: person.personId,
    recordId: person.recordId,
    expected: person.state,
    recordedAt: new Date().toISOString(),
    ...(input.at ? { at: input.at } : {}),
    ...(input.place ? { place: input.place } : {}),
    ...(input.reason ? { reason: input.reason } : {}),
    ...(input.matches !== undefined ? { matches: input.matches } : {}),
    record: null,
    answer: null,
  };
  await offlineStore.keepActions([action]);
  return action;
}

/** What the server's record names of an action: what was recorded, without local bookkeeping. */
const actionOf = (a: QueuedAction) => ({
  clientId: a.clientId,
  kind: a.kind,
  personId: a.personId,
  recordId: a.recordId,
  expected: a.expected,
  recordedAt: a.recordedAt,
  ...(a.at ? { at: a.at } : {}),
  ...(a.place ? { place: a.place } : {}),
  ...(a.reason ? { reason: a.reason } : {}),
  ...(a.matches !== undefined ? { matches: a.matches } : {}),
});

/**
 * Signs, with this browser's key and without a network, one record of every action not yet
 * signed: its canonical JSON's SHA-256, as the online flow signs manifests and receipt batches.
 */
export async function signPending(stage: OfflineStage): Promise<number> {
  const pending = (await offlineStore.actions(stage.stageId)).filter((a) => a.record === null);
  if (pending.length === 0) return 0;
  const document: HandoverRecord = {
    format: RECORD_KIND,
    mechanism: { id: stage.mechanism.id },
    stage: { id: stage.stageId, number: stage.stage.number },
    manifest: stage.manifest?.hash ?? null,
    signer: { user: stage.username, role: stage.signer.role, party: stage.signer.party },
    signedAt: new Date().toISOString(),
    actions: pending.map(actionOf),
  };
  const hash = await sha256Hex(canonicalText(document));
  const key = await browserKey(stage.username, stage.mechanism.id);
  const signature = await signHash(key, RECORD_KIND, hash);
  await offlineStore.keepRecord({
    hash,
    stageId: stage.stageId,
    document,
    keyId: key.keyId,
    signature,
    syncedAt: null,
  });
  await offlineStore.keepActions(pending.map((a) => ({ ...a, record: hash })));
  return pending.length;
}

/**
 * Sends every signed record and receipt batch signature not yet synced (the signatures with the
 * first request, so that arrivals they complete confirm their receipts), keeps the server's
 * answer to each, and refreshes the persons' states and the receipt batch from the server.
 */
export async function syncStage(stage: OfflineStage) {
  const session = await call('get', '/session');
  setCsrfToken(session.csrfToken ?? null);
  const unsynced = (await offlineStore.records(stage.stageId)).filter((r) => !r.syncedAt);
  let signatures = unsyncedBatchSignatures(stage);
  const answers = new Map<string, SyncAnswer>();
  const batchAnswers = new Map<string, OfflineSyncAnswer['batches'][number]>();
  const params = { mechanism: stage.mechanism.id, stage: stage.stageId };
  for (const record of unsynced.length ? unsynced : [null]) {
    if (!record && signatures.length === 0) break;
    const { results, batches } = await call('post', `${STAGE}/offline-sync`, {
      params,
      json: {
        records: record
          ? [
              {
                document: record.document,
                hash: record.hash,
                keyId: record.keyId,
                signature: record.signature,
              },
            ]
          : [],
        ...(signatures.length ? { receiptBatches: signatures.map(batchSignatureBody) } : {}),
      },
    });
    signatures = [];
    for (const r of results) answers.set(r.clientId, r);
    for (const b of batches) batchAnswers.set(b.hash, b);
    if (record) await offlineStore.keepRecord({ ...record, syncedAt: new Date().toISOString() });
  }
  const actions = await offlineStore.actions(stage.stageId);
  await offlineStore.keepActions(
    actions
      .filter((a) => answers.has(a.clientId))
      .map((a) => ({ ...a, answer: answers.get(a.clientId)! })),
  );
  const persons = (await call('get', `${STAGE}/receipts`, { params })).items;
  const states = new Map(persons.map((p) => [p.personId, p.state]));
  const kept = (await offlineStore.stage(stage.stageId)) ?? stage;
  const syncedAt = new Date().toISOString();
  await offlineStore.keepStage({
    ...kept,
    persons: kept.persons.map((p) => ({ ...p, state: states.get(p.personId) ?? p.state })),
    batch: await downloadBatch(
      stage.mechanism.id,
      stage.stageId,
      persons.some((p) => p.receipt),
    ),
    batchSignatures: (kept.batchSignatures ?? []).map((s) => {
      const answer = batchAnswers.get(s.hash);
      return answer && !s.syncedAt
        ? { ...s, syncedAt, answer: { outcome: answer.outcome, problem: answer.problem } }
        : s;
    }),
  });
  const sent = [...answers.values()];
  return {
    applied: sent.filter((a) => a.outcome === 'applied').length,
    conflicts: sent.filter((a) => a.outcome === 'conflict').length,
    batches: [...batchAnswers.values()].filter((b) => b.outcome === 'applied').length,
  };
}

/** Conflicts that another's step may since have resolved: the user may record the action again. */
export const RETRYABLE: ReadonlySet<string> = new Set([
  'not_handed_over',
  'receipt_unsigned',
  'stage_not_executing',
]);

/**
 * Records a conflicting action again, as a new action from the state the server answered: to be
 * signed and synced like any other. The first stays in this browser (and on the server), marked.
 */
export async function retryAction(action: QueuedAction): Promise<QueuedAction> {
  const again: QueuedAction = {
    ...action,
    clientId: crypto.randomUUID(),
    expected: action.answer?.serverState ?? action.expected,
    // Still the time it was recorded at the handover point; the new record says when it was signed.
    record: null,
    answer: null,
  };
  delete again.retriedAs;
  delete again.dismissed;
  await offlineStore.keepActions([{ ...action, retriedAs: again.clientId }, again]);
  return again;
}

/** The user keeps the server's record over a conflicting action (which stays, marked). */
export async function acceptServer(action: QueuedAction) {
  await offlineStore.keepActions([{ ...action, dismissed: true }]);
}
