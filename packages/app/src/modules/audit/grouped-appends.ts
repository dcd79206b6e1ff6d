/**
 * Group commit for the audit log. Every entry needs the hash of the one before it, so appenders
 * take one lock in turn, and each append alone costs a transaction and a commit. Reads of
 * personal data are audited one by one, so under many readers the log, not the reads, would
 * set the pace. Appends that arrive while a write is in flight wait for the next write, which
 * takes them all in one transaction. Each caller still returns only once its own entries are
 * committed.
 */

/** At most this many entries in one transaction, so that a burst does not make one huge write. */
const MOST_PER_WRITE = 500;

interface Waiting<Event, Entry> {
  events: readonly Event[];
  resolve: (entries: Entry[]) => void;
  reject: (error: unknown) => void;
}

/**
 * Wraps `appendAll`, which writes events in one transaction and returns their entries in order,
 * so that concurrent calls share transactions.
 */
export function groupAppends<Event, Entry>(
  appendAll: (events: readonly Event[]) => Promise<Entry[]>,
): (events: readonly Event[]) => Promise<Entry[]> {
  const queue: Waiting<Event, Entry>[] = [];
  let writing = false;

  async function writeGroup(group: Waiting<Event, Entry>[]): Promise<void> {
    try {
      const entries = await appendAll(group.flatMap((waiting) => waiting.events));
      let next = 0;
      for (const waiting of group) {
        waiting.resolve(entries.slice(next, next + waiting.events.length));
        next += waiting.events.length;
      }
    } catch (error) {
      if (group.length === 1) {
        group[0]?.reject(error);
        return;
      }
      // One caller's bad event must not fail the others: each is tried again on its own.
      for (const waiting of group) await writeGroup([waiting]);
    }
  }

  async function drain(): Promise<void> {
    writing = true;
    try {
      while (queue.length > 0) {
        const group: Waiting<Event, Entry>[] = [];
        let count = 0;
        while (
          queue.length > 0 &&
          (group.length === 0 || count + queue[0]!.events.length <= MOST_PER_WRITE)
        ) {
          const waiting = queue.shift()!;
          group.push(waiting);
          count += waiting.events.length;
        }
        await writeGroup(group);
      }
    } finally {
      writing = false;
    }
  }

  return (events) =>
    new Promise<Entry[]>((resolve, reject) => {
      queue.push({ events, resolve, reject });
      if (!writing) void drain();
    });
}
