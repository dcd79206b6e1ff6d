/**
 * Runs long work in the background of the process, one job per key at a time, and keeps no
 * state of its own: a job records its progress and result in the database, so that a restart
 * can find what was interrupted and start it again.
 */
export interface JobRunner {
  /** Starts `work` unless a job with the same key is running; says whether it started. */
  start(key: string, work: () => Promise<void>): boolean;
  isRunning(key: string): boolean;
  /** Resolves when every job started so far has ended (tests; an orderly shutdown). */
  idle(): Promise<void>;
}

export function createJobRunner(onError: (key: string, error: unknown) => void): JobRunner {
  const running = new Map<string, Promise<void>>();
  return {
    start(key, work) {
      if (running.has(key)) return false;
      const job = (async () => {
        try {
          // A macrotask first, so that the caller's answer goes out before the work begins.
          await new Promise((resolve) => setImmediate(resolve));
          await work();
        } catch (error) {
          onError(key, error);
        } finally {
          running.delete(key);
        }
      })();
      running.set(key, job);
      return true;
    },
    isRunning: (key) => running.has(key),
    async idle() {
      while (running.size > 0) await Promise.all(running.values());
    },
  };
}
