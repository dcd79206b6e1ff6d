import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../api/client.ts';
import type { MoveResult, PersonState } from '../api/exchange.types.ts';

const m = (mechanismId: string) => `/mechanisms/${seg(mechanismId)}`;

export interface Correction {
  /** Persons taken off the manifest, each moved to an exception with the reason. */
  removals: Array<{ personId: string; to: PersonState; reason: string }>;
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
        const { results } = await api<{ results: MoveResult[] }>(`${m(mechanismId)}/moves`, {
          method: 'POST',
          json: { moves: correction.removals },
        });
        const refused = results.filter((r) => !r.ok);
        if (refused.length > 0) return { ok: false, refused };
      }
      const made = await api<{ manifestId: string; hash: string; persons: number }>(
        `${m(mechanismId)}/manifests/${seg(manifestId)}/correction`,
        { method: 'POST', json: { reason: correction.reason } },
      );
      return { ok: true, ...made };
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['exchange', mechanismId] }),
  });
}
