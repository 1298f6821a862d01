// For tests that need a real engine: why they must be skipped, or null when the engine answers with
// every image they use. Synchronous, so a test file can decide at load time.
import { execFileSync } from 'node:child_process';

export function engineAbsence(images: string[] = ['busybox:latest']): string | null {
  try {
    execFileSync('docker', ['image', 'inspect', ...images], { stdio: 'ignore', timeout: 10_000 });
    return null;
  } catch {
    const build = images.some((image) => image.startsWith('deckhand-sandbox-engine')) ? 'DECKHAND_SANDBOX_ENGINE_IMAGE=1 ' : '';
    return `needs a Docker engine with ${images.join(' and ')} (${build}scripts/docker-engine.sh up)`;
  }
}
