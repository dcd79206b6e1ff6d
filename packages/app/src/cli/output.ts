import cliProgress from 'cli-progress';

/** How a command speaks: human lines, or one JSON document for scripts with --json. */
export interface Output {
  readonly isJson: boolean;
  /** A line for people on stdout; silent under --json. */
  line(text: string): void;
  /** The command's result: printed as JSON under --json, else handed to `human`. */
  result<T>(value: T, human: (value: T) => void): void;
  /** A note on stderr (warnings, hints); shown in both modes, since stdout carries the data. */
  note(text: string): void;
  progress(label: string, total: number): Progress;
}

export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** Somewhere text is written: a process stream, or a test's buffer. */
export interface TextSink {
  write(text: string): unknown;
}

/** Where a command writes: the process's streams, or a test's buffers when it runs in-process. */
export interface CliStreams {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
}

export const PROCESS_STREAMS: CliStreams = { stdout: process.stdout, stderr: process.stderr };

/**
 * An Output over the streams: a progress bar when stderr is a terminal (so the process's own),
 * plain lines otherwise.
 */
export function createOutput(options: {
  isJson: boolean;
  isInteractive: boolean;
  streams?: CliStreams;
}): Output {
  const { stdout, stderr } = options.streams ?? PROCESS_STREAMS;
  return {
    isJson: options.isJson,
    line: (text) => {
      if (!options.isJson) stdout.write(`${text}\n`);
    },
    result: (value, human) => {
      if (options.isJson) stdout.write(`${JSON.stringify(value, null, 2)}\n`);
      else human(value);
    },
    note: (text) => stderr.write(`${text}\n`),
    progress: (label, total) =>
      options.isInteractive && !options.isJson
        ? barProgress(label, total)
        : plainProgress(label, total, stderr),
  };
}

function barProgress(label: string, total: number): Progress {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {value}/{total}`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}

// Without a terminal, a line at every tenth keeps logs readable.
function plainProgress(label: string, total: number, stderr: TextSink): Progress {
  let lastTenth = 0;
  return {
    update: (done) => {
      const tenth = total > 0 ? Math.floor((done / total) * 10) : 10;
      if (tenth > lastTenth && tenth < 10) {
        lastTenth = tenth;
        stderr.write(`${label}: ${tenth * 10}%\n`);
      }
    },
    stop: () => stderr.write(`${label}: done\n`),
  };
}
