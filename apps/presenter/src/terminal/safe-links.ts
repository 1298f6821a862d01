// Terminal output is untrusted: a program can print OSC 8 hyperlinks or plain URLs pointing anywhere.
// Links open only on a click, only for http(s), in a new tab without access back to this page
// (noopener, noreferrer). Titles (OSC 0/2) are never shown, and OSC 52 clipboard writes are ignored
// (no clipboard addon is loaded), so nothing from the shell reaches innerHTML or the clipboard.

export function openTerminalLink(event: MouseEvent, uri: string): void {
  if (event.type !== 'click' && event.type !== 'mouseup') return;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
  window.open(url.href, '_blank', 'noopener,noreferrer');
}
