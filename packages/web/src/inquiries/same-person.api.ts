import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Relation, SamePersonDecision } from '@parley/kernel/inquiry';
import { api, seg } from '../api/client.ts';
import type { InquiryStatus, SoughtPerson } from './inquiries.api.ts';

/** One inquiry of a pair, as the review shows it. */
export interface PairSide {
  id: string;
  number: string | null;
  receivedOn: string | null;
  status: InquiryStatus | null;
  sought: (SoughtPerson & { sex: 'M' | 'F' | null; placeOfBirth: string | null }) | null;
}

/** A possible same-person pair, as GET …/inquiries/same-person lists it. */
export interface SamePersonPair {
  id: string;
  status: 'matched' | 'proposed' | 'confirmed' | 'rejected';
  probability: number;
  foundAt: string | null;
  decidedAt: string | null;
  reason: string | null;
  inquiry: PairSide;
  other: PairSide;
}

export interface Inquirer {
  name: string;
  relation: Relation;
  contact: string;
  language: string;
}

/** One field as the engine compared it: the level reached and what it weighs, in bits. */
export interface FieldComparison {
  field: string;
  code: string;
  label: string;
  weight: number;
}

export interface SamePersonPairShown extends SamePersonPair {
  readsInquirer: boolean;
  inquirers: { inquiry: Inquirer | null; other: Inquirer | null };
  explanation: FieldComparison[];
}

const path = (mechanismId: string) => `/mechanisms/${seg(mechanismId)}/inquiries/same-person`;

export function useSamePersonQueue(mechanismId: string, state: 'waiting' | 'decided') {
  return useQuery({
    queryKey: ['inquiries', mechanismId, 'same-person', state],
    queryFn: () =>
      api<{ total: number; pairs: SamePersonPair[] }>(
        `${path(mechanismId)}?state=${state}&limit=100`,
      ),
  });
}

export function useSamePersonPair(mechanismId: string, pairId: string) {
  return useQuery({
    queryKey: ['inquiries', mechanismId, 'same-person', 'pair', pairId],
    queryFn: () => api<SamePersonPairShown>(`${path(mechanismId)}/${seg(pairId)}`),
  });
}

export function useDecideSamePerson(mechanismId: string, pairId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { decision: SamePersonDecision; reason: string }) =>
      api<{ id: string; status: SamePersonDecision }>(
        `${path(mechanismId)}/${seg(pairId)}/decision`,
        { method: 'POST', json: { decision: input.decision, reason: input.reason || null } },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inquiries', mechanismId] }),
  });
}
