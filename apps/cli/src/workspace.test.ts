// The attendee workspace of this repository (.devcontainer/, .gitpod.yml) as the hosts use it: its
// configuration read by the Dev Containers CLI, as Codespaces and VS Code read it, and agreeing with a
// new course's (templates/course) wherever attendees would see a difference; then the image it
// describes built by the real engine, and in it the configured commands installing the repository and
// `npm start` serving the course on the forwarded port behind its secret, as in a codespace.
// No registry is reachable here, so the image is built on a local base (debian:bookworm with this
// machine's Node and npm copied in) instead of the devcontainers Node image, and without the
// docker-in-docker feature: neither of those, nor the real hosts, is tested here.
import { execFile, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parse as parseYaml } from 'yaml';
import { engineAbsence } from '@deckhand/docker';
import { SUBPROTOCOL, decodeServerFrame, encodeClientFrame } from '@deckhand/protocol';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PULL_SCRIPT = path.join(root, '.devcontainer/pull-course-images.sh');

interface DevContainer {
  name?: string;
  image?: string;
  build?: { dockerfile: string; context?: string; args?: Record<string, string> };
  features?: Record<string, unknown>;
  hostRequirements?: Record<string, unknown>;
  updateContentCommand?: string;
  postCreateCommand?: string;
  postAttachCommand?: Record<string, string>;
  forwardPorts?: number[];
  portsAttributes?: Record<string, Record<string, unknown>>;
}

interface GitpodTask {
  name: string;
  init?: string;
  command: string;
}

/** The configuration as the Dev Containers CLI reads it for a workspace folder. */
function readConfiguration(folder: string): { status: number | null; stderr: string; config: DevContainer } {
  const read = spawnSync(path.join(root, 'node_modules/.bin/devcontainer'), ['read-configuration', '--workspace-folder', folder], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: read.status, stderr: read.stderr, config: read.status === 0 ? (JSON.parse(read.stdout) as { configuration: DevContainer }).configuration : {} };
}

function readGitpod(file: string): { image: string; tasks: GitpodTask[]; ports: Record<string, unknown>[] } {
  return parseYaml(readFileSync(file, 'utf8')) as { image: string; tasks: GitpodTask[]; ports: Record<string, unknown>[] };
}

function pullScript(args: string[], env: Record<string, string> = {}) {
  return spawnSync('bash', [PULL_SCRIPT, ...args], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, ...env } });
}

describe('the workspace configuration', () => {
  const repo = readConfiguration(root);
  const course = readConfiguration(path.join(root, 'templates/course'));

  it('is read by the Dev Containers CLI: the Node image built, Docker inside, the course installed and its images pulled, Deckhand on a private port 4321', () => {
    expect(repo.status, repo.stderr).toBe(0);
    const config = repo.config;
    expect(config.build?.dockerfile).toBe('Dockerfile');
    const base = /^mcr\.microsoft\.com\/devcontainers\/javascript-node:1-(\d+)-bookworm$/.exec(config.build?.args?.BASE_IMAGE ?? '');
    expect(Number(base?.[1]), `a Node image of a version Deckhand runs on, got ${config.build?.args?.BASE_IMAGE}`).toBeGreaterThanOrEqual(20);
    expect(Object.keys(config.features ?? {})).toEqual(['ghcr.io/devcontainers/features/docker-in-docker:2']);
    expect(config.hostRequirements).toEqual({ cpus: 2, memory: '4gb', storage: '16gb' });
    expect(config.updateContentCommand).toBe('npm ci --no-audit --no-fund && npm run build');
    expect(config.postCreateCommand).toBe('bash .devcontainer/pull-course-images.sh');
    expect(config.postAttachCommand).toEqual({ deckhand: 'npm start' });
    expect(config.forwardPorts).toEqual([4321]);
    // Nothing here makes the port public: Codespaces and VS Code keep a forwarded port private.
    expect(config.portsAttributes).toEqual({ '4321': { label: 'Deckhand', onAutoForward: 'openBrowserOnce', requireLocalPort: true } });
  });

  it("agrees with a new course's workspace on what attendees get: the base image, Docker, the port and its label, the start command", () => {
    expect(course.status, course.stderr).toBe(0);
    const shared = ({ features, postAttachCommand, forwardPorts, portsAttributes }: DevContainer) => ({ features, postAttachCommand, forwardPorts, portsAttributes });
    expect(shared(repo.config)).toEqual(shared(course.config));
    expect(repo.config.build?.args?.BASE_IMAGE).toBe(course.config.image);
    // Where they differ, by design: a course installs Deckhand as a package, this repository from source.
    expect(course.config.updateContentCommand).toBe('npm install');
  });

  it('.gitpod.yml gives Gitpod-style hosts the same workspace, for this repository and for a new course', () => {
    const repoGitpod = readGitpod(path.join(root, '.gitpod.yml'));
    const courseGitpod = readGitpod(path.join(root, 'templates/course/.gitpod.yml'));
    const start = repo.config.postAttachCommand?.deckhand;
    expect(repoGitpod.tasks).toEqual([
      { name: 'Deckhand', init: repo.config.updateContentCommand, command: start },
      { name: 'Course images', command: repo.config.postCreateCommand },
    ]);
    expect(courseGitpod.tasks).toEqual([{ name: 'Deckhand', init: course.config.updateContentCommand, command: start }]);
    expect(repoGitpod.image).toBe(courseGitpod.image);
    expect(repoGitpod.ports).toEqual(courseGitpod.ports);
    expect(repoGitpod.ports).toEqual([expect.objectContaining({ port: 4321, name: 'Deckhand', visibility: 'private', onOpen: 'open-browser' })]);
  });

  it('pulls the images that slides/README.md lists for the course', () => {
    const listed = [...readFileSync(path.join(root, 'slides/README.md'), 'utf8').matchAll(/^\s*docker pull (\S+)/gm)].map((match) => match[1]);
    const array = /^COURSE_IMAGES=\(([^)]*)\)/m.exec(readFileSync(PULL_SCRIPT, 'utf8'))?.[1] ?? '';
    expect(listed.length).toBeGreaterThan(0);
    expect(array.split(/\s+/).filter(Boolean), 'COURSE_IMAGES in .devcontainer/pull-course-images.sh is the list in slides/README.md').toEqual(listed);
  });

  it('lets the workspace start when no Docker engine answers: the pull script says so and succeeds', () => {
    const run = pullScript([], { DOCKER_HOST: 'unix:///nonexistent/docker.sock', ENGINE_WAIT_SECONDS: '1' });
    expect(run.stdout).toMatch(/^course images: (the Docker engine did not answer within 1 s|no docker command in this workspace), so nothing was pulled/m);
    expect(run.status).toBe(0);
  });
});

// --- With the real engine --------------------------------------------------------------------------

const absent = engineAbsence(['busybox:latest', 'debian:bookworm']);
const skipReason = absent && `${absent}; debian:bookworm comes from DECKHAND_DEBIAN_IMAGE=1 scripts/docker-engine.sh up`;
if (skipReason) console.warn(`skipping the workspace image tests: ${skipReason}`);

/** Runs docker; never rejects: a failure is a non-zero code with docker's output. */
function docker(args: string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('docker', args, { timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...options.env } }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

/** `docker build` with the classic builder, which builds offline with any client (as scripts/docker-engine.sh does). */
async function build(args: string[]): Promise<void> {
  const result = await docker(['build', '-q', ...args], { timeoutMs: 600_000, env: { DOCKER_BUILDKIT: '0' } });
  if (result.code !== 0) throw new Error(`docker build ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

/**
 * Stands in for the devcontainers Node image: debian:bookworm with this machine's Node and npm in
 * /usr/local, where that image has them. Kept by tag for this Node and npm, so later runs reuse it.
 */
async function localNodeBase(): Promise<string> {
  const npmDir = path.join(path.dirname(path.dirname(process.execPath)), 'lib/node_modules/npm');
  const npmVersion = (JSON.parse(readFileSync(path.join(npmDir, 'package.json'), 'utf8')) as { version: string }).version;
  const tag = `deckhand-workspace-base:node-${process.versions.node}-npm-${npmVersion}`;
  if ((await docker(['image', 'inspect', tag])).code === 0) return tag;
  const context = mkdtempSync(path.join(os.tmpdir(), 'deckhand-workspace-base-'));
  try {
    cpSync(process.execPath, path.join(context, 'node'));
    cpSync(npmDir, path.join(context, 'npm'), { recursive: true, verbatimSymlinks: true });
    writeFileSync(
      path.join(context, 'Dockerfile'),
      [
        'FROM debian:bookworm',
        'COPY node /usr/local/bin/node',
        'COPY npm /usr/local/lib/node_modules/npm',
        'RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx',
      ].join('\n') + '\n',
    );
    await build(['-t', tag, context]);
    return tag;
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

/** The repository's files as a clone has them (tracked and new, not ignored): what a workspace mounts. */
function copyOfRepository(): string {
  const copy = mkdtempSync(path.join(os.tmpdir(), 'deckhand-workspace-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(path.join(root, file))) continue; // deleted in the work tree
    mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(copy, file), { verbatimSymlinks: true });
  }
  return copy;
}

/** This machine's npm settings that reach its registry (address, certificate authority), for the container's npm. */
function npmSettings(): string[] {
  const get = (key: string): string => spawnSync('npm', ['config', 'get', key], { cwd: root, encoding: 'utf8' }).stdout.trim();
  const args = ['-e', `npm_config_registry=${get('registry')}`, '-v', `${get('cache')}:/root/.npm`, '-e', 'npm_config_prefer_offline=true'];
  const cafile = get('cafile');
  if (cafile && cafile !== 'null' && existsSync(cafile)) args.push('-v', `${cafile}:/etc/deckhand-npm-ca.pem:ro`, '-e', 'npm_config_cafile=/etc/deckhand-npm-ca.pem');
  return args;
}

/** A request to the published port as the workspace's forwarder sends it: with the public Host. */
function get(port: number, target: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sent = request({ host: '127.0.0.1', port, path: target, headers }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    sent.on('error', (error) => reject(new Error(`no answer on the published port (${error.message}): Deckhand must listen where a forwarder reaches it, not on the container's loopback`)));
    sent.end();
  });
}

/** Types a line into a terminal of the server and resolves with everything it printed up to `until`. */
function typeInTerminal(port: number, headers: Record<string, string>, line: string, until: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws/terminal`, SUBPROTOCOL, { headers });
    let output = '';
    const timer = setTimeout(() => {
      socket.terminate();
      reject(new Error(`the terminal never printed ${until}; it printed:\n${output}`));
    }, 30_000);
    socket.on('unexpected-response', (_request, response) => reject(new Error(`the terminal was refused: ${response.statusCode}`)));
    socket.on('error', reject);
    socket.on('open', () => socket.send(encodeClientFrame({ type: 'input', data: Buffer.from(`${line}\r`) })));
    socket.on('message', (data: Buffer) => {
      const frame = decodeServerFrame(new Uint8Array(data));
      if (frame.type === 'output') output += Buffer.from(frame.data).toString();
      if (output.includes(until)) {
        clearTimeout(timer);
        socket.close();
        resolve(output);
      }
    });
  });
}

describe.skipIf(skipReason !== null)('the workspace image, with the real engine', () => {
  const config = readConfiguration(root).config;
  const image = 'deckhand-workspace:test';
  const container = `deckhand-workspace-test-${process.pid}`;
  let copy = '';

  beforeAll(async () => {
    const context = path.join(root, '.devcontainer', config.build?.context ?? '.');
    const buildArgs = Object.entries({ ...config.build?.args, BASE_IMAGE: await localNodeBase() }).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]);
    await build(['-t', image, '-f', path.join(root, '.devcontainer', config.build?.dockerfile ?? 'Dockerfile'), ...buildArgs, context]);
    copy = copyOfRepository();
  }, 900_000);

  afterAll(async () => {
    await docker(['rm', '-f', container]);
    if (copy) rmSync(copy, { recursive: true, force: true });
  }, 120_000);

  it('builds from the Dockerfile: Node 20.19 or later, and the curl, wget and make the decks type', async () => {
    const run = await docker(['run', '--rm', '--pull', 'never', image, 'sh', '-c', 'node --version && for tool in curl wget make; do command -v $tool; done']);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toEqual([process.version, '/usr/bin/curl', '/usr/bin/wget', '/usr/bin/make']);
  });

  it('installs the repository with its configured command, and `npm start` serves the course on the forwarded port behind its secret, as in a codespace', async () => {
    const workspace = '/workspaces/deckhand';
    const mount = ['-v', `${copy}:${workspace}`, '-w', workspace];
    const install = await docker(['run', '--rm', '--pull', 'never', ...mount, ...npmSettings(), image, 'sh', '-c', config.updateContentCommand ?? ''], { timeoutMs: 600_000 });
    expect(install.code, `${install.stdout}\n${install.stderr}`).toBe(0);

    // As in GitHub Codespaces: Deckhand reads the forwarded address from the codespace's variables.
    const publicHost = 'deckhand-attendee-4321.app.github.dev';
    const codespace = ['-e', 'CODESPACES=true', '-e', 'CODESPACE_NAME=deckhand-attendee', '-e', 'GITHUB_CODESPACES_PORT_FORWARDING_DOMAIN=app.github.dev'];
    const start = config.postAttachCommand?.deckhand ?? '';
    // Published on a port of this machine's loopback, from the container's own network interface: only
    // a server that listens where a forwarder reaches it (not the container's 127.0.0.1) answers there.
    const started = await docker(['run', '-d', '--rm', '--pull', 'never', '--name', container, '-p', '127.0.0.1::4321', ...mount, ...codespace, image, 'sh', '-c', start]);
    expect(started.code, started.stderr).toBe(0);
    let logs = '';
    for (let waited = 0; !/Deckhand is running at \S+/.test(logs); waited += 250) {
      const read = await docker(['logs', container]);
      logs = read.stdout + read.stderr;
      if (waited > 120_000 || read.code !== 0) throw new Error(`Deckhand did not print its address; its output:\n${logs}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(logs).toContain(`Public address (from GitHub Codespaces): https://${publicHost}`);
    expect(logs, 'the presenter app was built by the install command, not at the first start').not.toContain('Building the presenter app');
    const printed = new URL(/Deckhand is running at (\S+)/.exec(logs)?.[1] ?? '');
    expect(printed.origin).toBe(`https://${publicHost}`);
    const secret = printed.searchParams.get('token') ?? '';
    const port = Number((await docker(['port', container, '4321/tcp'])).stdout.trim().split(':').pop());

    const forwarded = { Host: publicHost };
    const page = await get(port, `/?token=${encodeURIComponent(secret)}`, forwarded);
    expect(page.status).toBe(200);
    const credential = /<meta name="deckhand-access" content="([^"]+)"/.exec(page.body)?.[1] ?? '';
    expect(credential).not.toBe('');
    expect((await get(port, '/?token=not-the-secret-of-this-server', forwarded)).status).toBe(401);
    expect((await get(port, '/api/decks', forwarded)).status).toBe(401);
    expect((await get(port, '/api/decks', { Host: 'elsewhere.example', Authorization: `Bearer ${credential}` })).status).toBe(403);

    const decks = await get(port, '/api/decks', { ...forwarded, Authorization: `Bearer ${credential}` });
    expect(decks.status).toBe(200);
    const courseDecks = readdirSync(path.join(root, 'slides')).filter((file) => file.endsWith('.md') && file !== 'README.md').map((file) => file.replace(/\.md$/, ''));
    expect((JSON.parse(decks.body) as { id: string }[]).map((deck) => deck.id).sort()).toEqual(courseDecks.sort());

    // The terminal is a shell in the workspace, reached through the forwarded address.
    const terminal = { ...forwarded, Origin: `https://${publicHost}`, Authorization: `Bearer ${credential}` };
    const output = await typeInTerminal(port, terminal, 'node --version; curl --version | head -n 1; echo "workspace-$((6*7))"', 'workspace-42');
    expect(output).toContain(process.version);
    expect(output).toMatch(/curl \d+\.\d+/);
  }, 900_000);

  it('pull script: names an image that cannot be pulled, and still lets the workspace start', () => {
    const run = pullScript(['busybox:latest', 'deckhand-absent/image:never']);
    expect(run.stdout).toContain('course images: busybox:latest is already here');
    expect(run.stdout).toMatch(/^course images: could not pull deckhand-absent\/image:never: \S/m);
    expect(run.stdout).toContain('course images: 1 of 2 could not be pulled');
    expect(run.status).toBe(0);
  });
});
