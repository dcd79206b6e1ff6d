// The talks API's answers and requests by the names the web gives them, each read from the types
// generated from the server's OpenAPI document (../api/contract.ts).
import type { Answer, Body, Item, Query } from '../api/contract.ts';

type T = '/mechanisms/{mechanism}/talks';

export type Round = Item<Answer<`${T}/rounds`>>;
export type Delegation = Item<Round['delegations']>;
export type NewRound = Body<`${T}/rounds`, 'post'>;
export type RoundCorrection = Body<`${T}/rounds/{round}`, 'patch'>;
export type Note = Item<Answer<`${T}/notes`>>;
export type TimelineEntry = Item<Answer<`${T}/timeline`>>;

export type DocumentSummary = Item<Answer<`${T}/documents`>>;
export type DocumentKind = DocumentSummary['kind'];
export type TalksDocument = Answer<`${T}/documents/{document}`>;
export type TabledDocument = Body<`${T}/documents`, 'post'>;
export type Point = Item<TalksDocument['points']>;
export type PointKind = Point['kind'];
export type PartyPosition = Item<Point['positions']>;
export type Stance = PartyPosition['stance'];
export type NewPosition = Body<`${T}/positions`, 'post'>;
export type PointRevision = Body<`${T}/documents/{document}/points/{label}`, 'put'>;
export type Gap = Answer<`${T}/gap`>;

export type Ceasefire = Item<Answer<`${T}/ceasefires`>>;
export type CeasefireScope = Item<Ceasefire['scope']>;
export type CeasefireStatus = Ceasefire['status'];
export type NewRegime = Body<`${T}/ceasefires`, 'post'>;
export type StatusChange = Body<`${T}/ceasefires/{ceasefire}/status`, 'post'>;

export type Violation = Item<Answer<`${T}/violations`>['items']>;
export type Verification = Violation['verification'];
export type Observation = Violation['observation'];
export type Assessment = Violation['assessment'];
export type ViolationCounts = Answer<`${T}/violations/counts`>;
export type ViolationFilter = Query<`${T}/violations/counts`>;
export type ViolationFile = Body<`${T}/violations/import`, 'post'>;
export type Reporter = ViolationFile['reporter'];
export type ImportPreview = Answer<`${T}/violations/import/preview`, 'post'>;

// The vocabulary the forms offer, in the order they offer it.
export const STANCES = [
  'proposes',
  'accepts',
  'rejects',
  'accepts_with_conditions',
  'silent',
] as const satisfies readonly Stance[];
export const POINT_KINDS = [
  'ceasefire',
  'humanitarian',
  'security_guarantee',
  'territory',
  'sanctions',
  'sequence_step',
  'precondition',
] as const satisfies readonly PointKind[];
export const DOCUMENT_KINDS = [
  'memorandum',
  'plan',
  'proposal',
  'statement',
] as const satisfies readonly DocumentKind[];
export const CEASEFIRE_SCOPES = [
  'land',
  'air',
  'sea',
  'long_range_strikes',
  'energy_infrastructure',
] as const satisfies readonly CeasefireScope[];
export const VERIFICATIONS = [
  'reported',
  'confirmed',
  'not_confirmed',
  'disputed',
] as const satisfies readonly Verification[];
export const CONFIDENCES = ['low', 'medium', 'high'] as const satisfies readonly NonNullable<
  Assessment['confidence']
>[];
