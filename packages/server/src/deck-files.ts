// The deck folder's files (images, diagrams) under /files/<key>/<path>. The key is a capability the
// deck JSON carries in its image URLs (an <img> cannot send a credential header), and it grants reading
// the files the decks point to, nothing else of the folder. Only files whose real path is inside the
// folder are served: a symbolic link out of it (`ln -s /etc x`) is refused, as are dotfiles and folders.
import { realpathSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Request, Response } from 'express';
import { sameSecret } from './access/access-policy';

export function deckFiles(root: string, key: string, isReferenced: (file: string) => boolean) {
  const realRoot = realpathSync(root);
  return async (req: Request, res: Response): Promise<void> => {
    const notFound = (): void => {
      res.status(404).type('text').send('No such file in the deck folder.');
    };
    if (!sameSecret(req.params.key, key)) {
      res.status(401).type('text').send('This file address is not valid for this server: reload the deck.');
      return;
    }
    const segments = [req.params.path ?? []].flat().map(String);
    if (segments.length === 0 || segments.some((part) => part === '' || part.startsWith('.') || part.includes('\0'))) return notFound();
    if (!isReferenced(segments.join('/'))) return notFound();
    const real = await realpath(path.join(realRoot, ...segments)).catch(() => undefined);
    if (!real || !real.startsWith(realRoot + path.sep)) return notFound();
    if (path.relative(realRoot, real).split(path.sep).some((part) => part.startsWith('.'))) return notFound();
    const info = await stat(real).catch(() => undefined);
    if (!info?.isFile()) return notFound();
    res.sendFile(real, { dotfiles: 'allow', headers: { 'Cache-Control': 'no-cache' } }, (error) => {
      if (error && !res.headersSent) notFound();
    });
  };
}

/** The URL prefix under which a deck's relative image paths are served. */
export function deckFilesPrefix(key: string): string {
  return `/files/${key}/`;
}
