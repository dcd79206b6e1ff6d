import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SamePersonDecision } from '@parley/kernel/inquiry';
import { api, seg } from '../api/client.ts';
import type { Answer, Item } from '../api/contract.ts';

const P = '/mechanisms/{mechanism}/inquiries/same-person';

/** A possible same-person pair, as GET …/inquiries/same-person lists it. */
export type SamePersonPair = Item<Answer<typeof P>['pairs']>;
/** One inquiry of a pair, as the review shows it. */
export type PairSide = SamePersonPair['inquiry'];
/** A pair side by side, with the inquirers where the role may read them and the engine's comparison. */
export type SamePersonPairShown = Answer<`${typeof P}/{pair}`>;
export type Inquirer = NonNullable<SamePersonPairShown['inquirers']['inquiry']>;
/** One field as the engine compared it: the level reached and what it weighs, in bits. */
export type FieldComparison = Item<SamePersonPairShown['explanation']>;

const path = (mechanismId: string) => `/mechanisms/${seg(mechanismId)}/inquiries/same-person`;

export function useSamePersonQueue(mechanismId: string, state: 'waiting' | 'decided') {
  return useQuery({
    queryKey: ['inquiries', mechanismId, 'same-person', state],
    queryFn: () => api<Answer<typeof P>>(`${path(mechanismId)}?state=${state}&limit=100`),
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
      api<Answer<`${typeof P}/{pair}/decision`, 'post'>>(
        `${path(mechanismId)}/${seg(pairId)}/decision`,
        { method: 'POST', json: { decision: input.decision, reason: input.reason || null } },
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inquiries', mechanismId] }),
  });
}
