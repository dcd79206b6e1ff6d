import { useQuery } from '@tanstack/react-query';
import { api, seg } from '../api/client.ts';
import type { Pair, PersonLine } from '../api/types.ts';
import type { PersonState, StageStatus } from '../api/exchange.types.ts';

/** A person's file as the server answers it for the reader's role (GET …/persons/:id/file). */
export interface PersonFile {
  person: {
    id: string;
    agreementId: string;
    party: string;
    receivingParty: string;
    recordId: string;
    category: string;
    rank: string | null;
    state: PersonState;
    name: string | null;
    nameLatin: string | null;
  };
  stage: { id: string; number: number; place: string; date: string; status: StageStatus } | null;
  held: PersonLine | null;
  match: { outcome: string | null; pair: Pair | null } | null;
  eligibility: {
    outcome: string;
    decidedBy: string | null;
    clause: string | null;
    categories: string[];
    missing: string[];
  } | null;
  path: Array<{
    from: PersonState;
    to: PersonState;
    reason: string | null;
    actor: string;
    at: string;
  }>;
  receipt: {
    id: string;
    hash: string;
    issuedAt: string;
    required: Array<{ role: string; party: string | null }>;
    signatures: Array<{ role: string; party: string | null; signer: string; signedAt: string }>;
  } | null;
}

export function usePersonFile(mechanismId: string, personId: string) {
  return useQuery({
    // Under the exchange's key, so that a move anywhere brings the file up to date.
    queryKey: ['exchange', mechanismId, 'person-file', personId],
    queryFn: () => api<PersonFile>(`/mechanisms/${seg(mechanismId)}/persons/${seg(personId)}/file`),
  });
}
