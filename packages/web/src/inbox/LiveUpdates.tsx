import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect } from 'react';
import { SESSION_KEY } from '../session/session.tsx';
import { keysOfChange, type Change } from './live-keys.ts';

// Changes that come together (a stage's moves) are read again once.
const GATHER_MS = 250;

/**
 * Keeps the open screens current: the server's event stream tells of each change another person
 * made (a mechanism and a topic), and the queries that show it are read again. A stream that the
 * server refuses (the session ended) sends the user back to sign in.
 */
export function LiveUpdates() {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events');
    const pending = new Map<string, QueryKey>();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let hasDropped = false;
    const flush = () => {
      timer = undefined;
      for (const key of pending.values()) void client.invalidateQueries({ queryKey: key });
      pending.clear();
    };
    source.addEventListener('change', (event) => {
      const change = JSON.parse((event as MessageEvent<string>).data) as Change;
      for (const key of keysOfChange(change)) pending.set(JSON.stringify(key), key);
      timer ??= setTimeout(flush, GATHER_MS);
    });
    source.addEventListener('ready', () => {
      // Back after a drop: what changed meanwhile was not told; everything is read again.
      if (hasDropped) void client.invalidateQueries();
      hasDropped = false;
    });
    source.addEventListener('error', () => {
      hasDropped = true;
      // Closed for good: the server refused the stream, most likely as the session ended.
      if (source.readyState === EventSource.CLOSED)
        void client.invalidateQueries({ queryKey: SESSION_KEY });
    });
    return () => {
      source.close();
      clearTimeout(timer);
    };
  }, [client]);
  return null;
}
