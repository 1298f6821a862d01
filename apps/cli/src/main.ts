// The `deckhand` command: dispatches to one module per subcommand.
import { UsageError } from './usage-error';
import { serveCommand } from './commands/serve';
import { inspectCommand } from './commands/inspect';
import { checkCommand } from './commands/check';
import { initCommand } from './commands/init';
import { packageVersion } from './package-root';
import { recordCommand } from './commands/record';
import { buildCommand } from './commands/build';
import { pdfCommand } from './commands/pdf';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(args: string[]): Promise<number>;
}

const COMMANDS: Command[] = [serveCommand, inspectCommand, checkCommand, initCommand, recordCommand, buildCommand, pdfCommand];

export const USAGE = `Usage: deckhand <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(10)}${command.summary}`).join('\n')}

Run "deckhand <command> --help" for a command's options, "deckhand --version" for the version.`;

export async function main(argv: string[]): Promise<number> {
  // `deckhand inspect deck.md | head`: a reader that stops early is not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(packageVersion() + '\n');
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(`deckhand: unknown command "${name}"\n\n${USAGE}\n`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(args);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`deckhand ${command.name}: ${error.message}\n\n${error.usage}\n`);
      return 2;
    }
    process.stderr.write(`deckhand ${command.name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
