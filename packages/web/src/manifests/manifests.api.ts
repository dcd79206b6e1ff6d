import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, seg } from '../api/client.ts';
import type {
  ManifestFile,
  ManifestVerification,
  SignerRole,
  SigningKey,
} from '../api/exchange.types.ts';
import { browserKey, newBrowserKey, signHash } from './signing-key.ts';

const m = (mechanismId: string) => `/mechanisms/${seg(mechanismId)}`;
const path = (mechanismId: string, manifestId: string) =>
  `${m(mechanismId)}/manifests/${seg(manifestId)}`;

/** Plain links for the downloads (the session cookie goes with them). */
export const manifestUrl = (mechanismId: string, manifestId: string, pdf = false) =>
  `/api/v1${path(mechanismId, manifestId)}${pdf ? '/pdf' : ''}`;

export function useManifest(mechanismId: string, manifestId: string) {
  return useQuery({
    queryKey: ['exchange', mechanismId, 'manifest', manifestId],
    queryFn: () => api<ManifestFile>(path(mechanismId, manifestId)),
  });
}

export function useVerify(mechanismId: string, manifestId: string) {
  return useMutation({
    mutationFn: () => api<ManifestVerification>(`${path(mechanismId, manifestId)}/verification`),
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
      role: SignerRole;
      party: string | null;
    }) => {
      let key = await browserKey(input.username, mechanismId);
      const registered = await api<{ items: SigningKey[] }>(`${m(mechanismId)}/keys`);
      const kept = registered.items.find((k) => k.keyId === key.keyId);
      // A revoked key stays revoked: this browser makes a new one and registers that.
      if (kept?.revokedAt) key = await newBrowserKey(input.username, mechanismId);
      if (!kept || kept.revokedAt)
        await api(`${m(mechanismId)}/keys`, {
          method: 'POST',
          json: { publicKey: key.publicKey },
        });
      const signature = await signHash(key, input.file.kind, input.file.hash);
      return api<{ hash: string }>(`${path(mechanismId, manifestId)}/signatures`, {
        method: 'POST',
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
