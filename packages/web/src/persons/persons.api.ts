import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { Answer } from '../api/contract.ts';

const F = '/mechanisms/{mechanism}/persons/{person}/file';

/** A person's file as the server answers it for the reader's role (GET …/persons/:id/file). */
export type PersonFile = Answer<typeof F>;

export function usePersonFile(mechanismId: string, personId: string) {
  return useQuery({
    // Under the exchange's key, so that a move anywhere brings the file up to date.
    queryKey: ['exchange', mechanismId, 'person-file', personId],
    queryFn: () => call('get', F, { params: { mechanism: mechanismId, person: personId } }),
  });
}
