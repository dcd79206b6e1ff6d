import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, seg } from '../api/client.ts';
import type { Answer, Body, Item } from '../api/contract.ts';

export const OUTCOME_LISTS = ['not_acknowledged', 'acknowledged', 'unrequested'] as const;
export type OutcomeList = (typeof OUTCOME_LISTS)[number];

export type OutcomeRelease = Item<
  Answer<'/mechanisms/{mechanism}/outcome-lists/releases'>['items']
>;
export type OutcomeLine = Item<Answer<'/mechanisms/{mechanism}/outcome-lists/{party}'>['lines']>;

const O = '/mechanisms/{mechanism}/outcome-lists';
const key = (mechanismId: string) => ['outcome-lists', mechanismId] as const;

/** The address of the lists as a file in a language, for a plain download link. */
export const outcomeFileUrl = (
  mechanismId: string,
  party: string,
  format: 'csv' | 'xlsx' | 'pdf',
  language: string,
) =>
  `/api/v1/mechanisms/${seg(mechanismId)}/outcome-lists/${seg(party)}?format=${format}&lang=${['en', 'uk', 'ru'].includes(language) ? language : 'en'}`;

/** The releases the user may know of, the latest first. */
export function useOutcomeReleases(mechanismId: string) {
  return useQuery({
    queryKey: [...key(mechanismId), 'releases'],
    queryFn: async () =>
      (await call('get', `${O}/releases`, { params: { mechanism: mechanismId } })).items,
  });
}

/** The lists last released to a party, person by person. */
export function useOutcomeLists(mechanismId: string, party: string | null) {
  return useQuery({
    queryKey: [...key(mechanismId), 'lists', party],
    retry: false,
    queryFn:
      party === null
        ? skipToken
        : () => call('get', `${O}/{party}`, { params: { mechanism: mechanismId, party } }),
  });
}

/** The mediator releases lists of the latest finished reconciliation to a party. */
export function useReleaseOutcomes(mechanismId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Body<`${typeof O}/releases`, 'post'>) =>
      call('post', `${O}/releases`, { params: { mechanism: mechanismId }, json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: key(mechanismId) }),
  });
}
