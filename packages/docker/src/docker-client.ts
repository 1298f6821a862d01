// The one place Deckhand runs the `docker` command: the sandbox (a container per terminal session),
// `deckhand check` (a deck's examples) and the tests that need an engine all go through it.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const PULL_TIMEOUT_MS = 120_000;

export interface DockerResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface DockerRunOptions {
  /** Killed after this long (default 60 s); the result then has a non-zero code. */
  timeoutMs?: number;
  /** Piped into the command's standard input (`docker load`). */
  input?: NodeJS.ReadableStream;
}

export class DockerClient {
  /** Images seen present; an image once there stays there for the life of a check or a server. */
  private readonly present = new Set<string>();

  constructor(readonly binary: string) {}

  /** The first `docker` on PATH, or null. */
  static find(searchPath = process.env.PATH ?? ''): DockerClient | null {
    for (const dir of searchPath.split(path.delimiter)) {
      if (!dir) continue;
      try {
        accessSync(path.join(dir, 'docker'), constants.X_OK);
        return new DockerClient(path.join(dir, 'docker'));
      } catch {
        // Not here.
      }
    }
    return null;
  }

  /** Runs `docker ARGS`; never rejects: a failure is a non-zero code with docker's stderr. */
  run(args: string[], options: DockerRunOptions = {}): Promise<DockerResult> {
    return new Promise((resolve) => {
      const child = execFile(this.binary, args, { timeout: options.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      });
      if (options.input && child.stdin) options.input.pipe(child.stdin);
    });
  }

  /** Whether an engine answers this client. */
  async answers(): Promise<boolean> {
    return (await this.run(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 10_000 })).code === 0;
  }

  async hasImage(ref: string): Promise<boolean> {
    if (this.present.has(ref)) return true;
    const found = (await this.run(['image', 'inspect', '--format', '{{.Id}}', ref])).code === 0;
    if (found) this.present.add(ref);
    return found;
  }

  /** Present, or pulled now: null when the image is there, else why it is not. */
  async ensureImage(ref: string): Promise<string | null> {
    if (await this.hasImage(ref)) return null;
    const pull = await this.run(['pull', '--quiet', ref], { timeoutMs: PULL_TIMEOUT_MS });
    if (pull.code === 0) return null;
    const why = ((pull.stderr || pull.stdout).trim().split('\n')[0] ?? '').replace(/^Error response from daemon: /, '');
    return `image ${ref} is not here and cannot be pulled (${why.length > 160 ? why.slice(0, 159) + '…' : why})`;
  }
}
