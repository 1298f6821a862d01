// /ws/follow/terminal: a follower watches the terminal the trainer shares (read-only: see
// TerminalSession's watchers). Only while the trainer shares one; when the trainer stops sharing or
// shares another tab, watching sockets are closed (4012) and the follower's page opens a new one for
// the new tab, if any.
import type { WebSocket } from 'ws';
import { CloseCode } from '@deckhand/protocol';
import { TRAINER } from '../access/access-policy';
import type { SessionRegistry } from '../sessions/session-registry';
import { terminalSocketServer } from '../sessions/terminal-route';
import type { UpgradeHandler } from '../upgrade-routes';
import type { TrainerPositionStore } from './trainer-position';

export const SHARE_ENDED = CloseCode.ShareEnded;

export interface TerminalWatch {
  handleUpgrade: UpgradeHandler;
  closeAll(code: number, reason: string): void;
  close(): void;
}

export function createTerminalWatch(registry: SessionRegistry, trainer: TrainerPositionStore): TerminalWatch {
  const wss = terminalSocketServer();
  const watching = new Map<WebSocket, string>();
  let shared = '';
  const stop = trainer.onChange(() => {
    const now = trainer.shared ? `${trainer.shared.client}\n${trainer.shared.term}` : '';
    if (now === shared) return;
    shared = now;
    for (const [ws, watched] of watching) if (watched !== now) ws.close(SHARE_ENDED, 'the trainer shares another terminal, or none');
  });
  return {
    handleUpgrade(request, socket, head) {
      wss.handleUpgrade(request, socket, head, (ws) => {
        const share = trainer.shared;
        if (!share) {
          ws.close(SHARE_ENDED, 'the trainer shares no terminal');
          return;
        }
        watching.set(ws, `${share.client}\n${share.term}`);
        ws.on('close', () => watching.delete(ws));
        registry.watch(ws, `${TRAINER.id}/${share.client}`, share.term);
      });
    },
    closeAll(code, reason) {
      for (const ws of watching.keys()) ws.close(code, reason);
    },
    close() {
      stop();
      for (const ws of watching.keys()) ws.close(1001, 'server shutting down');
      wss.close();
    },
  };
}
