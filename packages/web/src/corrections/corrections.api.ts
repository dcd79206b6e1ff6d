import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call } from '../api/client.ts';
import type { Move, MoveResult } from '../api/exchange.types.ts';

export interface Correction {
  /** Persons taken off the manifest, each moved to an exception with the reason. */
  removals: Array<Pick<Move, 'personId' | 'to'> & { reason: string }>;
  reason: string;
}

export type CorrectionOutcome =
  | { ok: true; manifestId: string; hash: string; persons: number }
  | { ok: false; refused: MoveResult[] };

/**
 * Corrects a manifest: first the persons who leave it are moved off their path (each answered on
 * its own), then, when all of them moved, a new manifest is made that names the old one.
 */
export function useCorrectManifest(mechanismId: string, manifestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (correction: Correction): Promise<CorrectionOutcome> => {
      if (correction.removals.length > 0) {
        const { results } = await call('post', '/mechanisms/{mechanism}/moves', {
          params: { mechanism: mechanismId },
          json: { moves: correction.removals },
        });
        const refused = results.filter((r) => !r.ok);
        if (refused.length > 0) return { ok: false, refused };
      }
      const made = await call('post', '/mechanisms/{mechanism}/manifests/{manifest}/correction', {
        params: { mechanism: mechanismId, manifest: manifestId },
        json: { reason: correction.reason },
      });
      return { ok: true, ...made };
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['exchange', mechanismId] }),
  });
}
