import { verifyPage, type PageResult, type PageTask } from './domain/page-verifier.ts';

/** A worker thread's task (piscina): check one page of the log. */
export default function verifyPageTask(task: PageTask): PageResult {
  return verifyPage(task);
}
