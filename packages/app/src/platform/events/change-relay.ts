import type { Change, ChangeFeed } from './change-feed.ts';

/**
 * Where the services tell of changes made outside an HTTP route (background jobs, the command
 * line), before the process knows where they go: the server connects it to its change feed, the
 * command line on PostgreSQL to a NOTIFY. Unconnected, a change is dropped: nobody listens here.
 */
export interface ChangeRelay {
  tell(change: Change): void;
  /** Sends the changes told from now on to `feed`, until the returned function is called. */
  connect(feed: Pick<ChangeFeed, 'publish'>): () => void;
  /** Resolves once every change told so far has been handed to the feed. */
  flushed(): Promise<void>;
}

export function createChangeRelay(onError: (error: unknown) => void = () => {}): ChangeRelay {
  let target: Pick<ChangeFeed, 'publish'> | null = null;
  let pending: Promise<void> = Promise.resolve();
  return {
    tell(change) {
      const feed = target;
      if (!feed) return;
      pending = pending.then(() => feed.publish(change)).catch(onError);
    },
    connect(feed) {
      target = feed;
      return () => {
        if (target === feed) target = null;
      };
    },
    flushed: () => pending,
  };
}
