import { z } from 'zod';
import { mayMove, stateSeenByParty, type PersonState } from './person-path.ts';

/**
 * What a verifier or a receiving officer records at the handover point without a network, and
 * signs in the browser with their own key: one action per person and step, each with an id the
 * browser gave it (so that a sync sent twice applies it once), the state the person was in when
 * the stage was taken offline, and the time it was recorded there. The server checks each action
 * at sync against the person as they now are; what no longer fits is a conflict, never lost.
 */
export const HANDOVER_RECORD_FORMAT = 'parley-handover-record/1';

export const ACTION_KINDS = ['check', 'handover', 'refusal', 'received'] as const;
export type OfflineActionKind = (typeof ACTION_KINDS)[number];

const iso = z.iso.datetime({ offset: true });

export const offlineActionSchema = z.object({
  clientId: z.uuid(),
  kind: z.enum(ACTION_KINDS),
  personId: z.uuid(),
  recordId: z.string().max(200),
  /** The person's state as the signer saw it when the stage was taken offline. */
  expected: z.string().max(40),
  recordedAt: iso,
  /** A handover's or an arrival's time and place (the stage's place when absent). */
  at: iso.optional(),
  place: z.string().max(200).optional(),
  /** A refusal's reason, or a check's note. */
  reason: z.string().max(2000).optional(),
  /** A check against the manifest: whether the person matches it. */
  matches: z.boolean().optional(),
});
export type OfflineAction = z.infer<typeof offlineActionSchema>;

export const handoverRecordSchema = z.object({
  format: z.literal(HANDOVER_RECORD_FORMAT),
  mechanism: z.object({ id: z.uuid() }),
  stage: z.object({ id: z.uuid(), number: z.number().int() }),
  /** The hash of the signed manifest the persons were checked against, if there was one. */
  manifest: z.string().nullable(),
  signer: z.object({
    user: z.string().max(200),
    role: z.enum(['party_officer', 'neutral_verifier']),
    party: z.string().max(8).nullable(),
  }),
  signedAt: iso,
  actions: z.array(offlineActionSchema).min(1).max(2000),
});
export type HandoverRecord = z.infer<typeof handoverRecordSchema>;

/**
 * A signature made offline over a stage's receipt batch (parley-receipt-batch/1) as the download
 * carried it, and when it was made there; checked at sync like a signature made online.
 */
export const offlineBatchSignatureSchema = z.object({
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  signature: z.base64().max(200),
  role: z.enum(['party_officer', 'neutral_verifier']),
  party: z.string().max(8).nullable(),
  signedAt: iso,
});
export type OfflineBatchSignature = z.infer<typeof offlineBatchSignatureSchema>;

/** Why an action recorded offline was not applied, for the page to show and the user to resolve. */
export const CONFLICTS = [
  'not_in_stage',
  'stage_not_executing',
  'state_changed',
  'not_handed_over',
  'not_yours',
  'refused',
  /** An arrival of a person whose receipt is not yet issued or not yet signed by both. */
  'receipt_unsigned',
] as const;
export type OfflineConflict = (typeof CONFLICTS)[number];

export type ActionPlan =
  | { apply: 'move'; to: PersonState }
  | { apply: 'note' }
  | { conflict: OfflineConflict; problem: string; serverState: string | null };

/** The person and stage as the server holds them when the action arrives. */
export interface ServerView {
  person: { state: PersonState; stageId: string | null; receivingParty: string } | null;
  stage: { id: string; status: string };
  /** Whether the server state is shown to the signer as is (the verifier), or as a party sees it. */
  isNeutral: boolean;
}

const seen = (state: PersonState, isNeutral: boolean) =>
  isNeutral ? state : stateSeenByParty(state);

/** What the server does with one action recorded offline: a move, a note, or a conflict. */
export function planAction(
  action: OfflineAction,
  signer: HandoverRecord['signer'],
  view: ServerView,
): ActionPlan {
  const { person, stage, isNeutral } = view;
  if (!person || person.stageId !== stage.id)
    return {
      conflict: 'not_in_stage',
      problem: `${action.recordId} is no longer in this stage`,
      serverState: null,
    };
  const now = seen(person.state, isNeutral);
  if (stage.status !== 'approved' && stage.status !== 'executing')
    return {
      conflict: 'stage_not_executing',
      problem: `the stage is ${stage.status}, not approved or executing`,
      serverState: now,
    };
  if (action.kind === 'received') {
    if (signer.role !== 'party_officer' || signer.party !== person.receivingParty)
      return {
        conflict: 'not_yours',
        problem: `${action.recordId} is received by ${person.receivingParty}'s officer`,
        serverState: now,
      };
    if (person.state === 'in_transit')
      return {
        conflict: 'not_handed_over',
        problem: `the verifier has not yet recorded ${action.recordId} handed over`,
        serverState: now,
      };
    // An arrival confirms the receipt; one confirmed already (online, or by an earlier sync) is noted.
    if (person.state === 'handed_over') return { apply: 'move', to: 'receipt_confirmed' };
    if (!['receipt_confirmed', 'closed'].includes(person.state))
      return {
        conflict: 'state_changed',
        problem: `${action.recordId} is ${now.replaceAll('_', ' ')} on the server`,
        serverState: now,
      };
    return { apply: 'note' };
  }
  if (action.kind === 'check') return { apply: 'note' };
  if (signer.role !== 'neutral_verifier')
    return {
      conflict: 'refused',
      problem: `only the neutral verifier records a ${action.kind}`,
      serverState: now,
    };
  const to: PersonState = action.kind === 'handover' ? 'handed_over' : 'refuses_return';
  // Moved on by someone else since the stage was taken offline, to where this step no longer fits.
  if (person.state !== action.expected && !mayMove(person.state, to, 'neutral_verifier').ok)
    return {
      conflict: 'state_changed',
      problem: `${action.recordId} was ${action.expected.replaceAll('_', ' ')} when taken offline and is ${now.replaceAll('_', ' ')} on the server`,
      serverState: now,
    };
  return { apply: 'move', to };
}
