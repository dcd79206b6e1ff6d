import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { offlineStore } from './offline-store.ts';
import { verifyOffline } from './offline-verify.ts';

/** Whether the browser says it has a network, updated as it comes and goes. */
export function useOnline(): boolean {
  const [isOnline, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return isOnline;
}

// Read from this browser's IndexedDB, never from the network: no retries, always fresh.
const local = { retry: false, networkMode: 'always', staleTime: 0 } as const;

export function useOfflineStages() {
  return useQuery({ queryKey: ['offline', 'stages'], queryFn: offlineStore.stages, ...local });
}

export function useOfflineStage(stageId: string) {
  return useQuery({
    queryKey: ['offline', 'stage', stageId],
    queryFn: async () => (await offlineStore.stage(stageId)) ?? null,
    ...local,
  });
}

export function useQueuedActions(stageId: string) {
  return useQuery({
    queryKey: ['offline', 'actions', stageId],
    queryFn: () => offlineStore.actions(stageId),
    ...local,
  });
}

/** The problems of the stage's manifest, checked in this browser with the keys kept with it. */
export function useManifestCheck(stageId: string) {
  const stage = useOfflineStage(stageId).data;
  return useQuery({
    queryKey: ['offline', 'manifest-check', stageId, stage?.manifest?.hash ?? null],
    enabled: Boolean(stage?.manifest),
    queryFn: () => verifyOffline(stage!.manifest!, stage!.keys),
    ...local,
  });
}

/** Reads again what the offline pages show, after a write to IndexedDB. */
export function useRefreshOffline() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['offline'] });
}
