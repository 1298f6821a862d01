// "Show all outputs" in the offline reader: under each runnable block on a slide, what its recorded run
// left on screen, as text, so the reader can read a deck without replaying anything. Text only
// (textContent): recorded output never becomes markup in the page.
import type { RecordedRun } from '@deckhand/export/reader-format';

export function attachRecordedOutputs(root: HTMLElement, recordings: Record<string, RecordedRun>): () => void {
  const added: HTMLElement[] = [];
  for (const pre of root.querySelectorAll<HTMLElement>('pre.dh-code[data-runnable="true"]')) {
    const run = pre.dataset.block ? recordings[pre.dataset.block] : undefined;
    const output = document.createElement('div');
    output.className = 'recorded-output';
    const label = document.createElement('div');
    label.className = 'recorded-output-label';
    label.textContent = run ? 'Recorded output' : 'No recording of this block';
    output.append(label);
    if (run) {
      const text = document.createElement('pre');
      text.textContent = run.text;
      output.append(text);
    }
    pre.after(output);
    added.push(output);
  }
  return () => {
    for (const element of added) element.remove();
  };
}
