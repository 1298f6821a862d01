// `deckhand serve [file-or-folder]`: the presenter app and live terminals for a deck or a folder of decks.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseFollowLink, startServer } from '@deckhand/server';
import { parseFlags, parsePort } from '../parse-flags';
import { ensurePresenterBuilt } from '../presenter-build';
import { publicAddress } from '../public-address';
import { CLASSROOM_FLAGS, CLASSROOM_USAGE, classroomFromFlags } from '../classroom-flags';
import { SANDBOX_FLAGS, SANDBOX_USAGE, sandboxFromFlags } from '../sandbox-flags';
import { SESSION_FLAGS, SESSION_USAGE, sessionLimitsFromFlags } from '../session-flags';
import { UsageError } from '../usage-error';
import type { Command } from '../main';

const usage = `Usage: deckhand serve [file-or-folder] [options]

Serves a deck (or every deck in a folder, default: slides/) with a live terminal beside the slides.
  --port N      port to listen on (default 4321, or $PORT; 0 picks a free one)
  --host ADDR   address to bind (default 127.0.0.1, or $HOST; 0.0.0.0 in a cloud workspace, whose
                forwarder must reach it). Anything but loopback exposes a shell to the network:
                access still needs the secret in the printed address.
  --public-url URL  the address browsers use when a proxy forwards to this server (read from
                GitHub Codespaces' and Gitpod's variables when it runs in one): printed, and
                its Host and Origin admitted. The workspace's port visibility is never the only
                protection: the secret stays on.
  --follow LINK follow a trainer: this server's slides follow the trainer's Deckhand at LINK (its
                follower link, …/follow/?token=…), and Run stays on this machine's shell
  --max-followers N  followers this server takes (default 2000), at most 256 from one address
  --token-file F  read the access secret from file F (its first line) instead of making one up;
                $DECKHAND_TOKEN does the same. A fixed secret keeps open pages working across
                restarts. At least 16 characters.
  --token T     the same from the command line, where every local user can read it in \`ps\`
  --html        allow any HTML in decks (still sanitized: never scripts or event handlers)
${SESSION_USAGE}
${SANDBOX_USAGE}
${CLASSROOM_USAGE}`;

export const serveCommand: Command = {
  name: 'serve',
  summary: 'present decks with a live terminal in the browser',
  usage,
  async run(args) {
    const { values, positionals } = parseFlags(
      args,
      {
        port: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        'public-url': { type: 'string' },
        follow: { type: 'string' },
        'max-followers': { type: 'string' },
        html: { type: 'boolean' },
        ...SESSION_FLAGS,
        ...SANDBOX_FLAGS,
        ...CLASSROOM_FLAGS,
      },
      usage,
    );
    if (positionals.length > 1) throw new UsageError(`give one deck file or folder, got ${positionals.length}`, usage);
    const target = positionals[0] ?? 'slides';
    if (!existsSync(target)) throw new UsageError(`no such deck file or folder: ${target}`, usage);
    const port = parsePort(values.port ?? process.env.PORT, usage, values.port !== undefined ? '--port' : 'PORT');
    const address = publicAddress(values['public-url'], port, process.env, usage);
    const inWorkspace = address !== undefined && address.source !== '--public-url';
    const host = values.host ?? process.env.HOST ?? (inWorkspace ? '0.0.0.0' : '127.0.0.1');
    const token = accessSecret(values, usage);
    const maxFollowers = values['max-followers'] === undefined ? undefined : Number(values['max-followers']);
    if (maxFollowers !== undefined && !(Number.isInteger(maxFollowers) && maxFollowers >= 0)) {
      throw new UsageError(`--max-followers must be a whole number, got "${values['max-followers']}"`, usage);
    }
    if (values.follow !== undefined) {
      try {
        parseFollowLink(values.follow);
      } catch (error) {
        throw new UsageError(`--follow: ${(error as Error).message}`, usage);
      }
    }

    const sessionLimits = sessionLimitsFromFlags(values, usage);
    const classroom = classroomFromFlags(values, usage);
    const sandbox = await sandboxFromFlags(values, path.resolve(existsSync(target) && !target.endsWith('.md') ? target : path.dirname(target)), usage);
    const appDir = await ensurePresenterBuilt((line) => process.stderr.write(line + '\n'));
    const server = await startServer({
      decks: target,
      appDir,
      sandbox,
      host,
      port,
      token,
      html: values.html,
      publicUrl: address?.url,
      follow: values.follow,
      followLimits: maxFollowers === undefined ? undefined : { maxFollowers },
      sessionLimits,
      classroom,
    });
    if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
      process.stderr.write(
        `Warning: listening on ${host}, not loopback: anyone who can reach this machine and has the address below gets ${sandbox.name === 'docker' ? 'a shell in a Docker sandbox container' : `a shell as ${process.env.USER ?? 'this user'}`}.\n`,
      );
    }
    if (address) process.stderr.write(`Public address (from ${address.source}): ${address.url.origin}\n`);
    process.stdout.write(`Deckhand is running at ${server.url}\n`);
    if (server.localUrl !== server.url) process.stdout.write(`On this machine: ${server.localUrl}\n`);
    process.stdout.write(`Followers (slides only, no shell): ${server.followUrl}\n`);
    if (server.classUrl) {
      process.stdout.write(`Classroom page (invites, attendees, their sandboxes): ${server.url}#/.classroom\n`);
      process.stdout.write(`Class link (each attendee gives a name and gets their own sandbox): ${server.classUrl}\n`);
    }
    if (values.follow !== undefined) process.stdout.write(`Following the trainer at ${new URL(values.follow).host}\n`);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        void server.close().then(resolve);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};

/** The fixed access secret, from --token, --token-file or $DECKHAND_TOKEN (one at most), if any. */
function accessSecret(values: { token?: string; 'token-file'?: string }, usage: string): string | undefined {
  const fromEnvironment = process.env.DECKHAND_TOKEN || undefined; // set but empty counts as unset
  const sources = [
    values.token !== undefined && '--token',
    values['token-file'] !== undefined && '--token-file',
    fromEnvironment !== undefined && '$DECKHAND_TOKEN',
  ].filter(Boolean);
  if (sources.length > 1) throw new UsageError(`give the access secret one way, not with ${sources.join(' and ')}`, usage);
  let token = values.token ?? fromEnvironment;
  let from = values.token !== undefined ? '--token' : '$DECKHAND_TOKEN';
  const file = values['token-file'];
  if (file !== undefined) {
    from = '--token-file';
    try {
      token = (readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '').trim();
    } catch (error) {
      throw new UsageError(`--token-file: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`, usage);
    }
  }
  if (token === undefined) return undefined;
  if (token.length < 16) throw new UsageError(`the access secret from ${from} must be at least 16 characters, so it cannot be guessed`, usage);
  if (!/^[\x21-\x7e]+$/.test(token)) throw new UsageError(`the access secret from ${from} must be printable ASCII without spaces (it goes in an address)`, usage);
  return token;
}
