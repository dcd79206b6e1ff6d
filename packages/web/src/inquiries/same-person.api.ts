import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SamePersonDecision } from '@parley/kernel/inquiry';
import { call } from '../api/client.ts';
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

export function useSamePersonQueue(mechanismId: string, state: 'waiting' | 'decided') {
  return useQuery({
    queryKey: ['inquiries', mechanismId, 'same-person', state],
    queryFn: () =>
      call('get', P, { params: { mechanism: mechanismId }, query: { state, limit: 100 } }),
  });
}

export function useSamePersonPair(mechanismId: string, pairId: string) {
  return useQuery({
    queryKey: ['inquiries', mechanismId, 'same-person', 'pair', pairId],
    queryFn: () => call('get', `${P}/{pair}`, { params: { mechanism: mechanismId, pair: pairId } }),
  });
}

export function useDecideSamePerson(mechanismId: string, pairId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { decision: SamePersonDecision; reason: string }) =>
      call('post', `${P}/{pair}/decision`, {
        params: { mechanism: mechanismId, pair: pairId },
        json: { decision: input.decision, reason: input.reason || null },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inquiries', mechanismId] }),
  });
}
