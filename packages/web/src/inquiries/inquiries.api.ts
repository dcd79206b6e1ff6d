import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Channel,
  ErasureBasis,
  ErasureRefusal,
  ErasureRequester,
  ErasureScope,
  InquiryBody,
  InquiryStatus,
  Relation,
} from '@parley/kernel/inquiry';
import { api, seg } from '../api/client.ts';

export { INQUIRY_STATUSES, LANGUAGES, RELATIONS, type InquiryStatus } from '@parley/kernel/inquiry';
/** The channels a form offers: a file comes through the import. */
export { INTAKE_CHANNELS as CHANNELS } from '@parley/kernel/inquiry';

export interface SoughtPerson {
  surname: string | null;
  givenName: string | null;
  patronymic: string | null;
  dateOfBirth: string | null;
  serviceNumber: string | null;
  rank: string | null;
  unit: string | null;
  lastKnownPlace: string | null;
  lastKnownDate: string | null;
  circumstances: string | null;
  marks: string | null;
}

export interface Inquiry {
  id: string;
  party: string;
  number: number;
  channel: Channel;
  receivedOn: string;
  sought: SoughtPerson;
  consent: { tracing: boolean; sharing: { mediator: boolean; icrc: boolean; otherParty: boolean } };
  status: InquiryStatus;
  statusAt: string;
}

export interface InquiryDetail extends Inquiry {
  inquirer: { name: string; relation: Relation; contact: string; language: string } | null;
  history: Array<{
    from: InquiryStatus | null;
    to: InquiryStatus;
    reason: string | null;
    onDate: string | null;
    at: string;
  }>;
  /** Other inquiries of the party about the same person (the bureau's view only). */
  samePerson: Array<{
    id: string;
    inquiryId: string;
    number: string | null;
    status: 'matched' | 'proposed' | 'confirmed';
    probability: number;
  }>;
  /** Why the inquiry is kept from retention and erasure (the bureau's view only). */
  legalHold: { reason: string; by: string | null; at: string | null } | null;
  /** The requests to erase the inquirer's data, and what came of each (the bureau's view only). */
  erasures: Array<{
    id: string;
    scope: ErasureScope;
    requester: ErasureRequester;
    requestedOn: string;
    basis: ErasureBasis;
    outcome: 'erased' | 'refused';
    refusal: ErasureRefusal | null;
    recordedAt: string;
  }>;
  matches: Array<{
    id: string;
    target: { party: string; recordId: string };
    probability: number;
    status: 'matched' | 'proposed' | 'confirmed' | 'rejected';
  }>;
}

/**
 * A form's inquiry (the kernel's inquiryBody): its choices as the form holds them, an unchosen one
 * empty, so that the server's validation names what is missing.
 */
export type NewInquiry = Omit<InquiryBody, 'party' | 'channel' | 'inquirer'> & {
  channel: string;
  inquirer: { [Field in keyof InquiryBody['inquirer']]: string };
};

const path = (mechanismId: string) => `/mechanisms/${seg(mechanismId)}/inquiries`;

export function useInquiries(mechanismId: string, status: InquiryStatus | null) {
  return useQuery({
    queryKey: ['inquiries', mechanismId, status],
    queryFn: () =>
      api<{ total: number; inquiries: Inquiry[] }>(
        `${path(mechanismId)}?limit=100${status ? `&status=${status}` : ''}`,
      ),
  });
}

export function useInquiry(mechanismId: string, id: string) {
  return useQuery({
    queryKey: ['inquiries', mechanismId, 'one', id],
    queryFn: () => api<InquiryDetail>(`${path(mechanismId)}/${seg(id)}`),
  });
}

export function useRegisterInquiry(mechanismId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewInquiry) =>
      api<Inquiry>(path(mechanismId), { method: 'POST', json: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inquiries', mechanismId] }),
  });
}
