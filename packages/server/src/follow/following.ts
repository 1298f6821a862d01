// Everything about following, wired together for server.ts: where the trainer is (learnt from the
// trainer's views), the follow feed and the shared terminal for followers, the dashboard back to the
// trainer's views, the follower link and its rotation, and this server following another trainer.
import type { Router } from 'express';
import { FollowCloseCode } from '@deckhand/protocol';
import type { AccessPolicy } from '../access/access-policy';
import type { Logger } from '../log';
import type { PresenterSync } from '../presenter-sync';
import type { SessionRegistry } from '../sessions/session-registry';
import type { UpgradeRoute } from '../upgrade-routes';
import { createFollowClient } from './follow-client';
import { createFollowFeed, DEFAULT_FOLLOW_LIMITS, type FollowLimits } from './follow-feed';
import { followRoutes } from './follow-routes';
import { createTerminalWatch, SHARE_ENDED } from './terminal-watch';
import { TrainerPositionStore } from './trainer-position';

export interface Following {
  routes: Router;
  upgrades: Record<string, UpgradeRoute>;
  /** Starts following a trainer's server (its follower link). */
  follow(link: string): void;
  close(): void;
}

export interface FollowingOptions {
  log: Logger;
  policy: AccessPolicy;
  sessions: SessionRegistry;
  presenterSync: PresenterSync;
  /** The origin followers reach this server by. */
  base: () => string;
  limits?: Partial<FollowLimits>;
}

export function createFollowing({ log, policy, sessions, presenterSync, base, limits }: FollowingOptions): Following {
  const trainer = new TrainerPositionStore();
  const feed = createFollowFeed(log, trainer, presenterSync.server, (summary) => presenterSync.announce({ type: 'followers', ...summary }), {
    ...DEFAULT_FOLLOW_LIMITS,
    ...limits,
  });
  const watch = createTerminalWatch(sessions, trainer);
  const client = createFollowClient(log, (message) => presenterSync.announce(message));

  const stopObserving = presenterSync.onMessage((message) => {
    trainer.observe(message);
    if (message.type === 'report') {
      const { type: _type, from: _from, seq: _seq, ...report } = message;
      client.report(report);
    }
    // A view that joins learns at once how this server follows a trainer, if it does.
    const status = message.type === 'hello' ? client.status() : undefined;
    if (status) presenterSync.announce(status);
  });
  const stopRevoking = policy.onRevoke((role) => {
    if (role !== 'follower') return;
    feed.closeAll(FollowCloseCode.LinkReplaced, 'the trainer replaced the follower link');
    watch.closeAll(SHARE_ENDED, 'the trainer replaced the follower link');
  });

  return {
    routes: followRoutes(policy, base, client),
    upgrades: {
      '/ws/follow': { roles: ['follower'], handler: feed.handleUpgrade },
      '/ws/follow/terminal': { roles: ['follower'], handler: watch.handleUpgrade },
    },
    follow: (link) => client.start(link),
    close() {
      stopObserving();
      stopRevoking();
      client.close();
      watch.close();
      feed.close();
    },
  };
}
