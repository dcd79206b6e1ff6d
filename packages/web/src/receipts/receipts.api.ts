import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { Answer, Item } from '../api/contract.ts';
import type { ReceiptDocument } from '../api/exchange.types.ts';
import { getManifestFile } from '../manifests/manifests.api.ts';

const M = '/mechanisms/{mechanism}';

export function useStageReceipts(mechanismId: string, stageId: string | null) {
  return useQuery({
    queryKey: ['exchange', mechanismId, 'receipts', stageId],
    queryFn:
      stageId === null
        ? skipToken
        : async () =>
            (
              await call('get', `${M}/stages/{stage}/receipts`, {
                params: { mechanism: mechanismId, stage: stageId },
              })
            ).items,
  });
}

/**
 * A signed receipt, or (with its document type given) a stage's signed batch of receipts: served
 * as a signed file by the same endpoint as a manifest.
 */
export function useReceipt<Document = ReceiptDocument>(mechanismId: string, receiptId: string) {
  return useQuery({
    queryKey: ['exchange', mechanismId, 'manifest', receiptId],
    queryFn: () => getManifestFile<Document>(mechanismId, receiptId),
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
          const { hash } = await call('post', `${M}/persons/{person}/receipt`, {
            params: { mechanism: mechanismId, person: personId },
          });
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
