import { useQuery } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { Answer, Item } from '../api/contract.ts';

/** The figures of inquiries as GET …/inquiries/figures answers them. */
export type InquiryFigures = Answer<'/mechanisms/{mechanism}/inquiries/figures'>;
export type FirstAnswer = InquiryFigures['total']['firstAnswer'];
export type FiguresPoint = Item<InquiryFigures['total']['series']>;

export function useInquiryFigures(mechanismId: string, unit: InquiryFigures['unit']) {
  return useQuery({
    queryKey: ['inquiries', mechanismId, 'figures', unit],
    queryFn: () =>
      call('get', '/mechanisms/{mechanism}/inquiries/figures', {
        params: { mechanism: mechanismId },
        query: { unit },
      }),
  });
}
