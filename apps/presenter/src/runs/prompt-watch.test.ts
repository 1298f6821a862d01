import { describe, expect, it } from 'vitest';
import { endsWithPrompt } from './prompt-watch';

describe('endsWithPrompt', () => {
  it('sees the usual bash, root, zsh and sh prompts', () => {
    expect(endsWithPrompt('hello\nuser@host:~/app$ ')).toBe(true);
    expect(endsWithPrompt('done\r\nroot@box:/# ')).toBe(true);
    expect(endsWithPrompt('x\n% ')).toBe(true);
    expect(endsWithPrompt('$ ')).toBe(true);
  });

  it('sees a prompt through colour and title escapes', () => {
    expect(endsWithPrompt('out\r\n\x1b]0;user@host: ~\x07\x1b[01;32muser@host\x1b[00m:\x1b[01;34m~\x1b[00m$ ')).toBe(true);
  });

  it('does not take command output for a prompt', () => {
    expect(endsWithPrompt('Step 3/7 : RUN make\n')).toBe(false);
    expect(endsWithPrompt('downloading 45%')).toBe(false);
    expect(endsWithPrompt('')).toBe(false);
  });
});
