import { describe, expect, it } from 'vitest';
import { parseDeck } from './parse-deck';
import { hasPlaceholder, parseInfoString, parseSteps } from './runnable-block';

const firstBlock = (markdown: string) => parseDeck(markdown).slides[0]?.blocks[0];

describe('prompts and continuation', () => {
  it('reads each prompt line as a command and the lines under it as its output', () => {
    expect(parseSteps('$ docker ps\nCONTAINER ID   IMAGE\n$ echo hi\nhi\n')).toEqual([
      { command: 'docker ps', expected: ['CONTAINER ID   IMAGE'] },
      { command: 'echo hi', expected: ['hi'] },
    ]);
  });

  it('continues a command over trailing backslashes, without the prompt', () => {
    expect(parseSteps('$ docker run \\\n  --rm busybox \\\n  echo hi\nhi')).toEqual([
      { command: 'docker run \\\n  --rm busybox \\\n  echo hi', expected: ['hi'] },
    ]);
  });

  it('continues a command over a heredoc until its delimiter', () => {
    expect(parseSteps("$ cat <<'EOF' > Dockerfile\nFROM busybox\nCMD [\"echo\", \"$ not a prompt\"]\nEOF\n$ ls\nDockerfile")).toEqual([
      { command: "cat <<'EOF' > Dockerfile\nFROM busybox\nCMD [\"echo\", \"$ not a prompt\"]\nEOF", expected: [] },
      { command: 'ls', expected: ['Dockerfile'] },
    ]);
  });

  it('continues over an open double quote and ignores quotes in comments', () => {
    expect(parseSteps('$ echo "a\n$ b" # it\'s done\na\nb').map((step) => step.command)).toEqual(['echo "a\nb" # it\'s done']);
  });

  it('treats a block without prompts as one script', () => {
    expect(parseSteps('docker build -t hello .\ndocker run hello\n')).toEqual([
      { command: 'docker build -t hello .\ndocker run hello', expected: [] },
    ]);
  });

  it('gives expected output with a ... line kept for deckhand check', () => {
    expect(firstBlock('```console\n$ docker images\nREPOSITORY   TAG\n...\n```\n')?.expected).toBe('REPOSITORY   TAG\n...');
  });
});

describe('options', () => {
  it('reads every documented option, quoted values included', () => {
    expect(parseInfoString('console {run=false skip="needs a registry" cwd=../examples/x interrupt type term=2 timeout=90 expect=contains id=first engine=29.1 image-store=containerd}')).toEqual({
      lang: 'console',
      options: { run: false, skip: 'needs a registry', cwd: '../examples/x', interrupt: true, type: true, term: 2, timeout: 90, expect: 'contains', id: 'first', engine: '29.1', imageStore: 'containerd' },
      warnings: [],
    });
  });

  it('warns about an unknown option or a bad value on the fence line', () => {
    const deck = parseDeck('# One\n\n```sh {colour=red timeout=soon expect=maybe engine=latest}\nls\n```\n');
    expect(deck.warnings).toEqual([
      { line: 3, message: 'Unknown block option "colour".' },
      { line: 3, message: 'Option timeout needs a positive number, got "soon".' },
      { line: 3, message: 'Option expect must be exact, contains or none, got "maybe".' },
      { line: 3, message: 'Option engine needs a Docker Engine version such as 23 or 29.1, got "latest".' },
    ]);
    expect(deck.slides[0]?.blocks[0]?.runnable).toBe(true);
  });

  it('warns when options are not in braces', () => {
    expect(parseInfoString('sh run=false').warnings[0]).toMatch(/write options in braces/);
  });

  it('uses the id option as the block id and the presenter finds the block by it', () => {
    const slide = parseDeck('```sh {id=hello}\necho hi\n```\n').slides[0];
    expect(slide?.blocks[0]?.id).toBe('hello');
    expect(slide?.html).toContain('data-block="hello" data-runnable="true"');
  });
});

describe('what runs', () => {
  it('runs only shell fences', () => {
    for (const lang of ['sh', 'bash', 'shell', 'zsh', 'console', 'shell-session']) {
      expect(firstBlock(`\`\`\`${lang}\necho hi\n\`\`\`\n`)?.runnable).toBe(true);
    }
    expect(firstBlock('```dockerfile\nFROM busybox\n```\n')?.runnable).toBe(false);
    expect(firstBlock('```\necho hi\n```\n')?.runnable).toBe(false);
  });

  it('does not run a placeholder command, but run=true says it is meant', () => {
    expect(firstBlock('```sh\ndocker run <image>\n```\n')?.runnable).toBe(false);
    expect(firstBlock('```sh {run=true}\necho "<b>"\n```\n')?.runnable).toBe(true);
    expect(firstBlock('```sh {run=false}\nFROM <image>\n```\n')).toMatchObject({ runnable: false, commands: [], expected: null });
  });
});

describe('placeholders', () => {
  it('count only in unquoted shell outside heredoc bodies', () => {
    expect(hasPlaceholder('docker pull <image>')).toBe(true);
    expect(hasPlaceholder('docker run --name web \\\n  <image>')).toBe(true);
    expect(hasPlaceholder('echo "<b>bold</b>"')).toBe(false);
    expect(hasPlaceholder("echo '<none>'")).toBe(false);
    expect(hasPlaceholder('cat <<EOF > index.html\n<h1>Hello</h1>\nEOF')).toBe(false);
    expect(hasPlaceholder('cat <<EOF > index.html\n<h1>Hello</h1>\nEOF\ndocker cp index.html <container>:/www')).toBe(true);
  });
});
