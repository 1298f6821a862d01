// One way to read flags for every subcommand: node's strict parseArgs, with errors turned into a
// UsageError that names the bad flag.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './usage-error';

export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  usage: string,
) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.replace(/\. To specify a positional.*$/s, '') : String(error);
    throw new UsageError(message, usage);
  }
}

export function parsePort(value: string | undefined, usage: string, source: string): number {
  if (value === undefined) return 4321;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new UsageError(`${source} must be a port number from 0 to 65535, got "${value}"`, usage);
  }
  return port;
}
