/**
 * The hostile-upload benchmark (issue 14): what the server's memory does when a party officer
 * uploads a small file built to blow up, over HTTP, to the preview and to the import. Each case
 * runs against a server process of its own (bench/hostile-upload.server.ts), whose resident set
 * is sampled from /proc every 50 ms: before the upload, its peak during it, and after it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { csvWithLongSurname, xlsxBomb } from '../packages/app/src/testing/hostile-files.ts';
import { writeResult } from './machine.ts';
import { formatRows, mib, round } from './support.ts';

const SERVER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'hostile-upload.server.ts');
const SAMPLE_MS = 50;

interface HostileCase {
  name: string;
  file: () => { name: string; bytes: Buffer };
  endpoint: 'preview' | 'import';
  /** Uploads sent at once. */
  parallel: number;
}

export interface HostileFigure {
  case: string;
  fileBytes: number;
  statuses: number[];
  /** The first answer's error code and message, or its size when it succeeded. */
  answer: string;
  answerBytes: number;
  seconds: number;
  rssBeforeMiB: number;
  peakRssMiB: number;
  rssAfterMiB: number;
}

const bomb400M = () => ({
  name: 'bomb.xlsx',
  bytes: xlsxBomb({ cellChars: 400_000_000, place: 'shared' }),
});
const CASES: HostileCase[] = [
  {
    name: 'XLSX, 400M-char shared string, preview',
    file: bomb400M,
    endpoint: 'preview',
    parallel: 1,
  },
  {
    name: 'XLSX, 400M-char shared string, import',
    file: bomb400M,
    endpoint: 'import',
    parallel: 1,
  },
  {
    name: 'XLSX, 400M-char shared string, 4 previews at once',
    file: bomb400M,
    endpoint: 'preview',
    parallel: 4,
  },
  {
    name: 'XLSX, 400M-char inline string, preview',
    file: () => ({
      name: 'inline.xlsx',
      bytes: xlsxBomb({ cellChars: 400_000_000, place: 'inline' }),
    }),
    endpoint: 'preview',
    parallel: 1,
  },
  {
    name: 'CSV, 1M-char surname, import',
    file: () => ({ name: 'long.csv', bytes: csvWithLongSurname(1_000_000) }),
    endpoint: 'import',
    parallel: 1,
  },
];

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kib * 1024;
}

async function startServer(): Promise<{
  child: ChildProcess;
  port: number;
  token: string;
  mechanismId: string;
}> {
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0] ?? '');
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { child, ...(JSON.parse(line) as { port: number; token: string; mechanismId: string }) };
}

function multipart(file: { name: string; bytes: Buffer }) {
  const boundary = `----parleybench${Date.now()}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Sends one upload and reads the answer as it streams, keeping only its size and its start. */
async function upload(url: string, token: string, file: { name: string; bytes: Buffer }) {
  const { body, contentType } = multipart(file);
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
    body,
  });
  let size = 0;
  let head = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (head.length < 400) head += Buffer.from(chunk).toString('utf8').slice(0, 400);
  }
  return { status: response.status, size, head };
}

function summarise(head: string, size: number): string {
  const error = /"code":"([^"]+)","message":"([^"]{0,160})/.exec(head);
  return error ? `${error[1]}: ${error[2]}` : `ok, ${round(mib(size), 1)} MiB`;
}

async function runCase(hostile: HostileCase): Promise<HostileFigure> {
  const file = hostile.file();
  const server = await startServer();
  const pid = server.child.pid ?? 0;
  try {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = rssOf(pid);
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid))), SAMPLE_MS);
    const path =
      hostile.endpoint === 'preview' ? 'versions/preview?acceptInvalid=true' : 'versions';
    const url = `http://127.0.0.1:${server.port}/api/v1/mechanisms/${server.mechanismId}/lists/UA/sought/${path}`;
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: hostile.parallel }, () => upload(url, server.token, file)),
    );
    const seconds = (performance.now() - started) / 1000;
    // What stays: the resident set a second after the answers, once the collector has had a chance.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    clearInterval(timer);
    const after = rssOf(pid);
    peak = Math.max(peak, after);
    const first = answers[0] ?? { status: 0, size: 0, head: '' };
    return {
      case: hostile.name,
      fileBytes: file.bytes.length,
      statuses: answers.map((a) => a.status),
      answer: summarise(first.head, first.size),
      answerBytes: first.size,
      seconds: round(seconds, 2),
      rssBeforeMiB: round(mib(before), 0),
      peakRssMiB: round(mib(peak), 0),
      rssAfterMiB: round(mib(after), 0),
    };
  } finally {
    server.child.kill('SIGTERM');
  }
}

export async function runHostileUploadBenchmark(): Promise<void> {
  const only = process.env.PARLEY_BENCH_CASES?.split(',').map(Number);
  const figures: HostileFigure[] = [];
  for (const [index, hostile] of CASES.entries()) {
    if (only && !only.includes(index)) continue;
    console.log(`${hostile.name} ...`);
    figures.push(await runCase(hostile));
  }
  console.log(
    formatRows(
      ['case', 'file', 'status', 'answer', 's', 'RSS before', 'peak', 'after'],
      figures.map((f) => [
        f.case,
        `${round(f.fileBytes / 1024, 0)} KiB`,
        f.statuses.join(','),
        f.answer.slice(0, 90),
        String(f.seconds),
        `${f.rssBeforeMiB} MiB`,
        `${f.peakRssMiB} MiB`,
        `${f.rssAfterMiB} MiB`,
      ]),
      4,
    ),
  );
  await writeResult('hostile-upload', figures);
}
