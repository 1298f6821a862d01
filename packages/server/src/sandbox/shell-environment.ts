// The environment a session's shell starts with: an allowlist of the server's variables, never the
// whole of it, so the server's secrets (tokens, cloud credentials) never reach a terminal.

const PASSED_THROUGH = ['HOME', 'USER', 'LOGNAME', 'SHELL', 'PATH', 'LANG', 'LANGUAGE', 'TZ', 'DOCKER_HOST', 'DOCKER_CONFIG'];

export function shellEnvironment(source: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (PASSED_THROUGH.includes(key) || key.startsWith('LC_')) env[key] = value;
  }
  env.TERM = 'xterm-256color';
  env.COLORTERM = 'truecolor';
  env.LANG ??= 'C.UTF-8';
  env.PATH ??= '/usr/local/bin:/usr/bin:/bin';
  env.DECKHAND = '1';
  return env;
}
