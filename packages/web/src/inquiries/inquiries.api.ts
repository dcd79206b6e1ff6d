import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InquiryBody, InquiryStatus } from '@parley/kernel/inquiry';
import { call } from '../api/client.ts';
import type { Answer, Body, Item } from '../api/contract.ts';

export { INQUIRY_STATUSES, LANGUAGES, RELATIONS, type InquiryStatus } from '@parley/kernel/inquiry';
/** The channels a form offers: a file comes through the import. */
export { INTAKE_CHANNELS as CHANNELS } from '@parley/kernel/inquiry';

const I = '/mechanisms/{mechanism}/inquiries';

export type Inquiry = Item<Answer<typeof I>['inquiries']>;
export type SoughtPerson = Inquiry['sought'];
export type InquiryDetail = Answer<`${typeof I}/{inquiry}`>;

/**
 * A form's inquiry (the kernel's inquiryBody): its choices as the form holds them, an unchosen one
 * empty, so that the server's validation names what is missing.
 */
export type NewInquiry = Omit<InquiryBody, 'party' | 'channel' | 'inquirer'> & {
  channel: string;
  inquirer: { [Field in keyof InquiryBody['inquirer']]: string };
};

export function useInquiries(mechanismId: string, status: InquiryStatus | null) {
  return useQuery({
    queryKey: ['inquiries', mechanismId, status],
    queryFn: () =>
      call('get', I, {
        params: { mechanism: mechanismId },
        query: { limit: 100, status: status ?? undefined },
      }),
  });
}

export function useInquiry(mechanismId: string, id: string) {
  return useQuery({
    queryKey: ['inquiries', mechanismId, 'one', id],
    queryFn: () =>
      call('get', `${I}/{inquiry}`, { params: { mechanism: mechanismId, inquiry: id } }),
  });
}

export function useRegisterInquiry(mechanismId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewInquiry) =>
      call('post', I, {
        params: { mechanism: mechanismId },
        // The form's choices go as held, an unchosen one empty: the server's validation names it.
        json: input as Body<typeof I, 'post'>,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inquiries', mechanismId] }),
  });
}
