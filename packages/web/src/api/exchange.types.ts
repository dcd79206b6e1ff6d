// The agreement, eligibility and exchange answers by the names the web gives them, each read from
// the types generated from the server's OpenAPI document (contract.ts).
import type { StageManifest } from '@parley/kernel/signed-documents';
import type { Answer, Body, Item } from './contract.ts';

export type Agreement = Answer<'/mechanisms/{mechanism}/agreements/{agreement}'>;
export type AgreementStatus = Agreement['status'];
export type AgreementVersion = Item<Agreement['versions']>;
export type AgreementDefinition = AgreementVersion['definition'];
export type AgreementRule = Item<AgreementDefinition['categories']>;
export type AgreementTemplate = Item<Answer<'/agreement-templates'>['items']>;

type Eligibility = '/mechanisms/{mechanism}/agreements/{agreement}/versions/{version}/eligibility';
/** A list's counts as a preview answers them (a kept summary adds isEvaluated). */
export type ListCounts = Item<
  Answer<'/mechanisms/{mechanism}/eligibility/preview', 'post'>['lists']
>;
export type EligibilityPage = Answer<`${Eligibility}/{party}/{kind}`>;
export type EligibilityResult = Item<EligibilityPage['items']>;
export type Outcome3 = EligibilityResult['outcome'];
export const ELIGIBILITY_OUTCOMES = [
  'eligible',
  'not_eligible',
  'undetermined',
] as const satisfies readonly Outcome3[];

export type PathPerson = Item<
  Answer<'/mechanisms/{mechanism}/agreements/{agreement}/persons'>['items']
>;
export type PersonState = PathPerson['state'];
/** The states in path order, as the server names them (parties see cleared / not cleared). */
export const PERSON_STATES = [
  'proposed',
  'acknowledged',
  'identity_verified',
  'category_confirmed',
  'fit_to_travel',
  'wish_verified',
  'cleared',
  'approved',
  'assigned',
  'in_transit',
  'handed_over',
  'receipt_confirmed',
  'closed',
  'not_found',
  'deceased',
  'refuses_return',
  'not_cleared',
  'legal_hold',
  'withdrawn',
  'data_mismatch',
  'already_released',
] as const satisfies readonly PersonState[];
/** A move of one person, as the server takes it. */
export type Move = Item<Body<'/mechanisms/{mechanism}/moves', 'post'>['moves']>;
/** A state a move may go to: not a party's view of one (cleared, not cleared). */
export type MoveTarget = Move['to'];
export type MoveResult = Item<Answer<'/mechanisms/{mechanism}/moves', 'post'>['results']>;

export type StageSummary = Item<Answer<'/mechanisms/{mechanism}/stages'>['items']>;
export type StageStatus = StageSummary['status'];
export type StageDetail = Answer<'/mechanisms/{mechanism}/stages/{stage}'>;
export type Parity = StageDetail['parity'];
export type StageProposal = Answer<'/mechanisms/{mechanism}/agreements/{agreement}/stages', 'post'>;

type Manifest = Answer<'/mechanisms/{mechanism}/manifests/{manifest}'>;
/** A signed document as a self-contained file: a stage's manifest, or a handover receipt. */
export type ManifestFile<Document = StageManifest> = Omit<Manifest, 'document'> & {
  document: Document;
};
export type ManifestSignature = Item<Manifest['signatures']>;
export type SignerRole = Item<Manifest['requiredSigners']>['role'];
/** A role that signs a manifest, a receipt or a batch (of the signers, not the observer). */
export type SigningRole = Body<
  '/mechanisms/{mechanism}/manifests/{manifest}/signatures',
  'post'
>['role'];
export type ManifestVerification =
  Answer<'/mechanisms/{mechanism}/manifests/{manifest}/verification'>;
export type SigningKey = Item<Answer<'/mechanisms/{mechanism}/keys'>['items']>;

/** A person of a stage and their handover receipt, as GET .../stages/:stage/receipts answers. */
export type StageReceipt = Item<Answer<'/mechanisms/{mechanism}/stages/{stage}/receipts'>['items']>;
export type SignerRef = Item<NonNullable<StageReceipt['receipt']>['signed']>;

type OfflineSync = '/mechanisms/{mechanism}/stages/{stage}/offline-sync';
/** A record signed offline at the handover point (parley-handover-record/1), as the sync takes it. */
export type HandoverRecord = Item<Body<OfflineSync, 'post'>['records']>['document'];
export type OfflineSyncAnswer = Answer<OfflineSync, 'post'>;

// The signed documents' own formats: the server answers a document as it was signed, unchecked
// (a serializer's pass must not touch what a signature covers), so the OpenAPI document leaves it
// open; the shapes are the kernel's, which the server builds them by.
export type {
  ReceiptBatchDocument,
  ReceiptDocument,
  StageManifest,
} from '@parley/kernel/signed-documents';
