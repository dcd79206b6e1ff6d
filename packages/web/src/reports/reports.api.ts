import { useQuery } from '@tanstack/react-query';
import { call, seg } from '../api/client.ts';

/** What a report covers: a whole agreement, or one of its stages. */
export type ReportScope = { agreementId: string } | { stageId: string };

const pathOf = (mechanismId: string, scope: ReportScope) =>
  'stageId' in scope
    ? `/mechanisms/${seg(mechanismId)}/stages/${seg(scope.stageId)}/report`
    : `/mechanisms/${seg(mechanismId)}/agreements/${seg(scope.agreementId)}/report`;

/** The address of the report as a file, for a plain download link (the session cookie goes along). */
export const reportFileUrl = (mechanismId: string, scope: ReportScope, format: 'csv' | 'xlsx') =>
  `/api/v1${pathOf(mechanismId, scope)}?format=${format}`;

const reportOf = (mechanismId: string, scope: ReportScope) =>
  'stageId' in scope
    ? call('get', '/mechanisms/{mechanism}/stages/{stage}/report', {
        params: { mechanism: mechanismId, stage: scope.stageId },
      })
    : call('get', '/mechanisms/{mechanism}/agreements/{agreement}/report', {
        params: { mechanism: mechanismId, agreement: scope.agreementId },
      });

export function useReport(mechanismId: string, scope: ReportScope) {
  return useQuery({
    // Under the exchange's key, so that every move on the path refreshes the report too.
    queryKey: ['exchange', mechanismId, 'report', scope],
    queryFn: async () => (await reportOf(mechanismId, scope)).rows,
  });
}
