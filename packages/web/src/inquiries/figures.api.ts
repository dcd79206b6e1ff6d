import { useQuery } from '@tanstack/react-query';
import { api, seg } from '../api/client.ts';
import type { InquiryStatus } from './inquiries.api.ts';

export interface FiguresPoint {
  at: string;
  counts: Record<InquiryStatus, number>;
}

export interface FirstAnswer {
  inquiries: number;
  answered: number;
  medianDays: number | null;
  /** Inquiries answered within each number of days (the last: beyond, upToDays null). */
  distribution: Array<{ upToDays: number | null; count: number }>;
}

/** The figures of inquiries as GET …/inquiries/figures answers them. */
export interface InquiryFigures {
  generatedAt: string;
  unit: 'day' | 'week' | 'month';
  counted: 'all' | 'shared_with_mediator' | 'shared_with_icrc';
  parties: Array<{ party: string; series: FiguresPoint[]; firstAnswer: FirstAnswer }>;
  total: { series: FiguresPoint[]; firstAnswer: FirstAnswer };
}

export function useInquiryFigures(mechanismId: string, unit: InquiryFigures['unit']) {
  return useQuery({
    queryKey: ['inquiries', mechanismId, 'figures', unit],
    queryFn: () =>
      api<InquiryFigures>(`/mechanisms/${seg(mechanismId)}/inquiries/figures?unit=${unit}`),
  });
}
