import { useQuery } from '@tanstack/react-query';
import { api, seg } from '../api/client.ts';
import type { Answer, Item } from '../api/contract.ts';

/** The figures of inquiries as GET …/inquiries/figures answers them. */
export type InquiryFigures = Answer<'/mechanisms/{mechanism}/inquiries/figures'>;
export type FirstAnswer = InquiryFigures['total']['firstAnswer'];
export type FiguresPoint = Item<InquiryFigures['total']['series']>;

export function useInquiryFigures(mechanismId: string, unit: InquiryFigures['unit']) {
  return useQuery({
    queryKey: ['inquiries', mechanismId, 'figures', unit],
    queryFn: () =>
      api<InquiryFigures>(`/mechanisms/${seg(mechanismId)}/inquiries/figures?unit=${unit}`),
  });
}
