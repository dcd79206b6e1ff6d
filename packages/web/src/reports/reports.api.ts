import { useQuery } from '@tanstack/react-query';
import { api, seg } from '../api/client.ts';
import type { StageStatus } from '../api/exchange.types.ts';
import type { ReportRow } from './report-view.ts';

/** What a report covers: a whole agreement, or one of its stages. */
export type ReportScope = { agreementId: string } | { stageId: string };

const pathOf = (mechanismId: string, scope: ReportScope) =>
  'stageId' in scope
    ? `/mechanisms/${seg(mechanismId)}/stages/${seg(scope.stageId)}/report`
    : `/mechanisms/${seg(mechanismId)}/agreements/${seg(scope.agreementId)}/report`;

/** The address of the report as a file, for a plain download link (the session cookie goes along). */
export const reportFileUrl = (mechanismId: string, scope: ReportScope, format: 'csv' | 'xlsx') =>
  `/api/v1${pathOf(mechanismId, scope)}?format=${format}`;

export function useReport(mechanismId: string, scope: ReportScope) {
  return useQuery({
    // Under the exchange's key, so that every move on the path refreshes the report too.
    queryKey: ['exchange', mechanismId, 'report', scope],
    queryFn: async () =>
      (
        await api<{
          rows: ReportRow[];
          stage?: { id: string; number: number; status: StageStatus };
        }>(pathOf(mechanismId, scope))
      ).rows,
  });
}
