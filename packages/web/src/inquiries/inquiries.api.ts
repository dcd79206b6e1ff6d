import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../api/client.ts';

export const INQUIRY_STATUSES = [
  'no_information',
  'under_review',
  'acknowledged',
  'on_stage',
  'handed_over',
  'remains_identified',
  'closed',
] as const;
export type InquiryStatus = (typeof INQUIRY_STATUSES)[number];
export const RELATIONS = [
  'mother',
  'father',
  'wife',
  'husband',
  'partner',
  'son',
  'daughter',
  'sister',
  'brother',
  'other_relative',
  'other',
] as const;
export const CHANNELS = ['phone', 'letter', 'in_person', 'online'] as const;
/** How an inquiry came: as the bureau takes one down, or from a file. */
export type Channel = (typeof CHANNELS)[number] | 'file';
export type Relation = (typeof RELATIONS)[number];
export const LANGUAGES = ['uk', 'ru', 'en'] as const;

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
  matches: Array<{
    id: string;
    target: { party: string; recordId: string };
    probability: number;
    status: 'matched' | 'proposed' | 'confirmed' | 'rejected';
  }>;
}

export interface NewInquiry {
  channel: string;
  receivedOn: string;
  inquirer: { name: string; relation: string; contact: string; language: string };
  sought: Partial<SoughtPerson>;
  consent: Inquiry['consent'];
}

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
