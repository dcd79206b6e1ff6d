import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, seg } from '../api/client.ts';
import type { ManifestFile, SigningRole, StageManifest } from '../api/exchange.types.ts';
import { browserKey, newBrowserKey, signHash } from './signing-key.ts';

const M = '/mechanisms/{mechanism}';
const MANIFEST = `${M}/manifests/{manifest}` as const;

/** Plain links for the downloads (the session cookie goes with them), not JSON calls. */
export const manifestUrl = (mechanismId: string, manifestId: string, pdf = false) =>
  `/api/v1/mechanisms/${seg(mechanismId)}/manifests/${seg(manifestId)}${pdf ? '/pdf' : ''}`;

/**
 * A signed file: a stage's manifest, or (with its document type given) a receipt or a receipt
 * batch. The contract leaves the document open (it is answered as signed); its type is the kernel's.
 */
export async function getManifestFile<Document = StageManifest>(
  mechanismId: string,
  manifestId: string,
): Promise<ManifestFile<Document>> {
  const file = await call('get', MANIFEST, {
    params: { mechanism: mechanismId, manifest: manifestId },
  });
  return file as ManifestFile<Document>;
}

export function useManifest(mechanismId: string, manifestId: string) {
  return useQuery({
    queryKey: ['exchange', mechanismId, 'manifest', manifestId],
    queryFn: () => getManifestFile(mechanismId, manifestId),
  });
}

export function useVerify(mechanismId: string, manifestId: string) {
  return useMutation({
    mutationFn: () =>
      call('get', `${MANIFEST}/verification`, {
        params: { mechanism: mechanismId, manifest: manifestId },
      }),
  });
}

/**
 * Signs a manifest in the browser: the key is made and its public half registered on first use
 * (and again after a revocation), then the signature over the hash is sent for the server to
 * check and keep.
 */
export function useSign(mechanismId: string, manifestId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      username: string;
      file: Pick<ManifestFile<unknown>, 'kind' | 'hash'>;
      role: SigningRole;
      party: string | null;
    }) => {
      let key = await browserKey(input.username, mechanismId);
      const keys = { params: { mechanism: mechanismId } };
      const registered = await call('get', `${M}/keys`, keys);
      const kept = registered.items.find((k) => k.keyId === key.keyId);
      // A revoked key stays revoked: this browser makes a new one and registers that.
      if (kept?.revokedAt) key = await newBrowserKey(input.username, mechanismId);
      if (!kept || kept.revokedAt)
        await call('post', `${M}/keys`, { ...keys, json: { publicKey: key.publicKey } });
      const signature = await signHash(key, input.file.kind, input.file.hash);
      return call('post', `${MANIFEST}/signatures`, {
        params: { mechanism: mechanismId, manifest: manifestId },
        json: {
          keyId: key.keyId,
          signature,
          role: input.role,
          ...(input.party ? { party: input.party } : {}),
        },
      });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['exchange', mechanismId] }),
  });
}
