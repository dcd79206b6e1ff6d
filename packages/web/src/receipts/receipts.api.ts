import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../api/client.ts';
import type { Answer, Item } from '../api/contract.ts';
import type { ManifestFile, ReceiptDocument, StageReceipt } from '../api/exchange.types.ts';

const m = (mechanismId: string) => `/mechanisms/${seg(mechanismId)}`;

export function useStageReceipts(mechanismId: string, stageId: string | null) {
  return useQuery({
    queryKey: ['exchange', mechanismId, 'receipts', stageId],
    enabled: stageId !== null,
    queryFn: async () =>
      (
        await api<{ items: StageReceipt[] }>(
          `${m(mechanismId)}/stages/${seg(stageId ?? '')}/receipts`,
        )
      ).items,
  });
}

/** A receipt is served as a signed file by the same endpoint as a manifest. */
/** A signed receipt, or (with its document type given) a stage's signed batch of receipts. */
export function useReceipt<Document = ReceiptDocument>(mechanismId: string, receiptId: string) {
  return useQuery({
    queryKey: ['exchange', mechanismId, 'manifest', receiptId],
    queryFn: () => api<ManifestFile<Document>>(`${m(mechanismId)}/manifests/${seg(receiptId)}`),
  });
}

export type IssueResult = Item<
  Answer<'/mechanisms/{mechanism}/stages/{stage}/receipts', 'post'>['results']
>;

/**
 * Issues the receipts of several persons, one request each (the API issues one at a time); a
 * refusal is kept as that person's result, and the others go on.
 */
export function useIssueReceipts(mechanismId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (personIds: string[]): Promise<IssueResult[]> => {
      const results: IssueResult[] = [];
      for (const personId of personIds) {
        try {
          const { hash } = await api<{ receiptId: string; hash: string }>(
            `${m(mechanismId)}/persons/${seg(personId)}/receipt`,
            { method: 'POST' },
          );
          results.push({ personId, ok: true, hash });
        } catch (error) {
          results.push({ personId, ok: false, problem: (error as Error).message });
        }
      }
      return results;
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['exchange', mechanismId] }),
  });
}
