import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type {
  NewPosition,
  NewRegime,
  NewRound,
  PointRevision,
  RoundCorrection,
  StatusChange,
  TabledDocument,
  ViolationFile,
  ViolationFilter,
} from './talks.types.ts';
import type { Body } from '../api/contract.ts';

const T = '/mechanisms/{mechanism}/talks';
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
    queryFn: () => call('get', `${T}/rounds`, { params: { mechanism: mechanismId } }),
  });
}

export function useAddRound(mechanismId: string) {
  return useTalksWrite(mechanismId, (input: NewRound) =>
    call('post', `${T}/rounds`, { params: { mechanism: mechanismId }, json: input }),
  );
}

export function useCorrectRound(mechanismId: string, roundId: string) {
  return useTalksWrite(mechanismId, (input: RoundCorrection) =>
    call('patch', `${T}/rounds/{round}`, {
      params: { mechanism: mechanismId, round: roundId },
      json: input,
    }),
  );
}

export function useDocuments(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'documents'],
    queryFn: () => call('get', `${T}/documents`, { params: { mechanism: mechanismId } }),
  });
}

export function useDocument(mechanismId: string, documentId: string, version?: number) {
  return useQuery({
    queryKey: [...key(mechanismId), 'document', documentId, version ?? 'latest'],
    queryFn: () =>
      call('get', `${T}/documents/{document}`, {
        params: { mechanism: mechanismId, document: documentId },
        query: version === undefined ? {} : { version },
      }),
    // Another version of the same document replaces the one shown once it arrives, not a blank.
    placeholderData: (previous, previousQuery) =>
      previousQuery?.queryKey[3] === documentId ? previous : undefined,
  });
}

export function useTableDocument(mechanismId: string) {
  return useTalksWrite(mechanismId, (input: TabledDocument) =>
    call('post', `${T}/documents`, { params: { mechanism: mechanismId }, json: input }),
  );
}

export function useGap(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'gap'],
    queryFn: () => call('get', `${T}/gap`, { params: { mechanism: mechanismId } }),
  });
}

export function useRecordPosition(mechanismId: string) {
  return useTalksWrite(mechanismId, (input: NewPosition) =>
    call('post', `${T}/positions`, { params: { mechanism: mechanismId }, json: input }),
  );
}

export function useRevisePoint(mechanismId: string, documentId: string) {
  return useTalksWrite(mechanismId, ({ label, ...input }: PointRevision & { label: string }) =>
    call('put', `${T}/documents/{document}/points/{label}`, {
      params: { mechanism: mechanismId, document: documentId, label },
      json: input,
    }),
  );
}

export function useCeasefires(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'ceasefires'],
    queryFn: () => call('get', `${T}/ceasefires`, { params: { mechanism: mechanismId } }),
  });
}

export function useProposeRegime(mechanismId: string) {
  return useTalksWrite(mechanismId, (input: NewRegime) =>
    call('post', `${T}/ceasefires`, { params: { mechanism: mechanismId }, json: input }),
  );
}

export function useChangeStatus(mechanismId: string) {
  return useTalksWrite(mechanismId, ({ id, ...input }: StatusChange & { id: string }) =>
    call('post', `${T}/ceasefires/{ceasefire}/status`, {
      params: { mechanism: mechanismId, ceasefire: id },
      json: input,
    }),
  );
}

export function useViolations(mechanismId: string, filter: ViolationFilter, page: number) {
  const pageSize = 50;
  return useQuery({
    queryKey: [...key(mechanismId), 'violations', filter, page],
    queryFn: () =>
      call('get', `${T}/violations`, {
        params: { mechanism: mechanismId },
        query: { ...filter, limit: pageSize, offset: page * pageSize },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useViolationCounts(mechanismId: string, filter: ViolationFilter) {
  return useQuery({
    queryKey: [...key(mechanismId), 'counts', filter],
    queryFn: () =>
      call('get', `${T}/violations/counts`, { params: { mechanism: mechanismId }, query: filter }),
  });
}

export function usePreviewImport(mechanismId: string) {
  return useMutation({
    mutationFn: (input: ViolationFile) =>
      call('post', `${T}/violations/import/preview`, {
        params: { mechanism: mechanismId },
        json: input,
      }),
  });
}

export function useImportViolations(mechanismId: string) {
  return useTalksWrite(mechanismId, (input: ViolationFile) =>
    call('post', `${T}/violations/import`, { params: { mechanism: mechanismId }, json: input }),
  );
}

type Verifying = Body<`${typeof T}/violations/{violation}/verification`, 'post'>;
export function useVerify(mechanismId: string) {
  return useTalksWrite(mechanismId, ({ id, ...input }: Verifying & { id: string }) =>
    call('post', `${T}/violations/{violation}/verification`, {
      params: { mechanism: mechanismId, violation: id },
      json: input,
    }),
  );
}

type Assessing = Body<`${typeof T}/violations/{violation}/assessment`, 'patch'>;
export function useAssess(mechanismId: string) {
  return useTalksWrite(mechanismId, ({ id, ...input }: Assessing & { id: string }) =>
    call('patch', `${T}/violations/{violation}/assessment`, {
      params: { mechanism: mechanismId, violation: id },
      json: input,
    }),
  );
}

export function useTimeline(mechanismId: string, range: { from?: string; to?: string }) {
  return useQuery({
    queryKey: [...key(mechanismId), 'timeline', range],
    queryFn: () =>
      call('get', `${T}/timeline`, { params: { mechanism: mechanismId }, query: range }),
  });
}

export function useNotes(mechanismId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key(mechanismId), 'notes'],
    queryFn: () => call('get', `${T}/notes`, { params: { mechanism: mechanismId } }),
    enabled,
  });
}

export function useAddNote(mechanismId: string) {
  return useTalksWrite(mechanismId, (input: Body<`${typeof T}/notes`, 'post'>) =>
    call('post', `${T}/notes`, { params: { mechanism: mechanismId }, json: input }),
  );
}
