import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, query, seg } from '../api/client.ts';
import type {
  Assessment,
  Ceasefire,
  CeasefireStatus,
  DocumentSummary,
  Gap,
  ImportPreview,
  Note,
  Round,
  Stance,
  TalksDocument,
  TimelineEntry,
  Verification,
  Violation,
  ViolationCounts,
} from './talks.types.ts';

const base = (mechanismId: string) => `/mechanisms/${seg(mechanismId)}/talks`;
const key = (mechanismId: string) => ['talks', mechanismId] as const;

/** A write that refreshes every talks query of the mechanism once it succeeds. */
function useTalksWrite<Input, Output>(
  mechanismId: string,
  write: (input: Input) => Promise<Output>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId) }),
  });
}

export function useRounds(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'rounds'],
    queryFn: () => api<Round[]>(`${base(mechanismId)}/rounds`),
  });
}

export interface NewRound {
  date: string;
  venue: string;
  mediators: string[];
  delegations: Array<{ party: string; head: string | null; members: string[] }>;
  durationMinutes: number | null;
  summary: string;
  outcomes: Array<{ text: string; agreementId?: string | null }>;
}

export function useAddRound(mechanismId: string) {
  return useTalksWrite(mechanismId, (input: NewRound) =>
    api<{ id: string; number: number }>(`${base(mechanismId)}/rounds`, {
      method: 'POST',
      json: input,
    }),
  );
}

export interface RoundCorrection {
  date?: string;
  venue?: string;
  mediators?: string[];
  durationMinutes?: number | null;
  summary?: string;
  delegations?: Array<{ party: string; head: string | null; members: string[] }>;
  outcomes?: Array<{ text: string; agreementId: string | null }>;
  reason?: string | null;
}

export function useCorrectRound(mechanismId: string, roundId: string) {
  return useTalksWrite(mechanismId, (input: RoundCorrection) =>
    api<{ corrected: string[] }>(`${base(mechanismId)}/rounds/${seg(roundId)}`, {
      method: 'PATCH',
      json: input,
    }),
  );
}

export function useDocuments(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'documents'],
    queryFn: () => api<DocumentSummary[]>(`${base(mechanismId)}/documents`),
  });
}

export function useDocument(mechanismId: string, documentId: string, version?: number) {
  return useQuery({
    queryKey: [...key(mechanismId), 'document', documentId, version ?? 'latest'],
    queryFn: () =>
      api<TalksDocument>(`${base(mechanismId)}/documents/${seg(documentId)}${query({ version })}`),
    // Another version of the same document replaces the one shown once it arrives, not a blank.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[3] === documentId ? previous : undefined,
  });
}

export interface TabledDocument {
  title: string;
  author: string;
  kind: string;
  tabledOn: string;
  roundId: string | null;
  note: string;
  points: Array<{ label: string; kind: string; text: string }>;
}

export function useTableDocument(mechanismId: string) {
  return useTalksWrite(mechanismId, (input: TabledDocument) =>
    api<{ id: string; version: number; points: number }>(`${base(mechanismId)}/documents`, {
      method: 'POST',
      json: input,
    }),
  );
}

export function useGap(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'gap'],
    queryFn: () => api<Gap>(`${base(mechanismId)}/gap`),
  });
}

export interface NewPosition {
  pointId: string;
  party: string;
  stance: Stance;
  conditions?: string | null;
  statedOn: string;
  source: string;
}

export function useRecordPosition(mechanismId: string) {
  return useTalksWrite(mechanismId, (input: NewPosition) =>
    api(`${base(mechanismId)}/positions`, { method: 'POST', json: input }),
  );
}

export function useRevisePoint(mechanismId: string, documentId: string) {
  return useTalksWrite(
    mechanismId,
    ({ label, ...input }: { label: string; text: string; tabledOn: string; note?: string }) =>
      api<{ version: number }>(
        `${base(mechanismId)}/documents/${seg(documentId)}/points/${seg(label)}`,
        { method: 'PUT', json: input },
      ),
  );
}

export function useCeasefires(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'ceasefires'],
    queryFn: () => api<Ceasefire[]>(`${base(mechanismId)}/ceasefires`),
  });
}

export interface NewRegime {
  name: string;
  kind: 'general' | 'local';
  scope: string[];
  geography: string;
  sectors: string[];
  startsAt: string | null;
  durationDays: number | null;
  extension: string | null;
  monitoringBody: string | null;
  proposedBy: string;
  preconditions: string[];
}

export function useProposeRegime(mechanismId: string) {
  return useTalksWrite(mechanismId, (input: NewRegime) =>
    api<{ id: string }>(`${base(mechanismId)}/ceasefires`, { method: 'POST', json: input }),
  );
}

export function useChangeStatus(mechanismId: string) {
  return useTalksWrite(
    mechanismId,
    ({ id, ...input }: { id: string; to: CeasefireStatus; at?: string; reason?: string | null }) =>
      api(`${base(mechanismId)}/ceasefires/${seg(id)}/status`, { method: 'POST', json: input }),
  );
}

export interface ViolationFilter {
  ceasefire?: string;
  sector?: string;
  from?: string;
  to?: string;
}

export function useViolations(mechanismId: string, filter: ViolationFilter, page: number) {
  const pageSize = 50;
  return useQuery({
    queryKey: [...key(mechanismId), 'violations', filter, page],
    queryFn: () =>
      api<{ total: number; items: Violation[] }>(
        `${base(mechanismId)}/violations${query({ ...filter, limit: pageSize, offset: page * pageSize })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useViolationCounts(mechanismId: string, filter: ViolationFilter) {
  return useQuery({
    queryKey: [...key(mechanismId), 'counts', filter],
    queryFn: () =>
      api<ViolationCounts>(`${base(mechanismId)}/violations/counts${query({ ...filter })}`),
  });
}

export type Reporter = { party: string } | { monitor: string };
export interface ViolationFile {
  reporter: Reporter;
  ceasefire: string | null;
  fileName: string;
  csv: string;
}

export function usePreviewImport(mechanismId: string) {
  return useMutation({
    mutationFn: (input: ViolationFile) =>
      api<ImportPreview>(`${base(mechanismId)}/violations/import/preview`, {
        method: 'POST',
        json: input,
      }),
  });
}

export function useImportViolations(mechanismId: string) {
  return useTalksWrite(mechanismId, (input: ViolationFile) =>
    api<{ importId: string; reports: number }>(`${base(mechanismId)}/violations/import`, {
      method: 'POST',
      json: input,
    }),
  );
}

export function useVerify(mechanismId: string) {
  return useTalksWrite(
    mechanismId,
    ({ id, ...input }: { id: string; verification: Verification; reason?: string | null }) =>
      api(`${base(mechanismId)}/violations/${seg(id)}/verification`, {
        method: 'POST',
        json: input,
      }),
  );
}

export function useAssess(mechanismId: string) {
  return useTalksWrite(
    mechanismId,
    ({ id, ...input }: { id: string; assessment: Partial<Assessment>; reason?: string | null }) =>
      api<Violation>(`${base(mechanismId)}/violations/${seg(id)}/assessment`, {
        method: 'PATCH',
        json: input,
      }),
  );
}

export function useTimeline(mechanismId: string, range: { from?: string; to?: string }) {
  return useQuery({
    queryKey: [...key(mechanismId), 'timeline', range],
    queryFn: () => api<TimelineEntry[]>(`${base(mechanismId)}/timeline${query({ ...range })}`),
  });
}

export function useNotes(mechanismId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key(mechanismId), 'notes'],
    queryFn: () => api<Note[]>(`${base(mechanismId)}/notes`),
    enabled,
  });
}

export function useAddNote(mechanismId: string) {
  return useTalksWrite(mechanismId, (input: { subject?: string | null; text: string }) =>
    api<Note>(`${base(mechanismId)}/notes`, { method: 'POST', json: input }),
  );
}
