import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseImages, imageNeeds, registryFailure } from './docker-images';

describe('images a command needs', () => {
  it('finds the image of docker run and create past their flags', () => {
    const needs = imageNeeds(
      "docker run --rm -it -p 127.0.0.1:8080:80 -v data:/data --name web -e A=1 nginx:1.27 nginx -g 'daemon off;'\n" +
        'docker container create --network=none -dit busybox sh && docker run -p8080:80 alpine',
      '/tmp',
    );
    expect(needs.needed).toEqual(['nginx:1.27', 'busybox', 'alpine']);
  });

  it('reads a build context\'s Dockerfile: FROM, ARG defaults, stages and COPY --from', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'deckhand-images-'));
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      'ARG BASE=golang:1.23\nFROM $BASE AS build\nRUN go build\nFROM scratch\nCOPY --from=build /app /app\nCOPY --from=busybox:latest /bin/busybox /bin/\n',
    );
    const needs = imageNeeds(`docker build -t hello:1 ${dir}`, '/');
    expect(needs.needed).toEqual(['golang:1.23', 'busybox:latest']);
    expect(needs.produced).toEqual(['hello:1']);
    expect(imageNeeds('docker build --build-arg BASE=busybox -t x .', dir).needed).toEqual(['busybox', 'busybox:latest']);
    expect(imageNeeds(`cd ${path.dirname(dir)} && cd ${path.basename(dir)} && docker build .`, '/').needed).toEqual(['golang:1.23', 'busybox:latest']);
  });

  it('knows tag, commit and pull', () => {
    const needs = imageNeeds('docker tag busybox mine:1; docker commit -m msg web mine:2; docker pull nginx', '/');
    expect(needs).toEqual({ needed: ['busybox'], produced: ['mine:1', 'mine:2'], pulls: ['nginx'] });
  });

  it('skips a Dockerfile image it cannot resolve', () => {
    expect(baseImages('FROM ${UNKNOWN}\nFROM busybox')).toEqual(['busybox']);
  });

  it('recognises a registry error as an absent image or an unreachable registry', () => {
    const output =
      "Unable to find image 'nosuch:1' locally\ndocker: Error response from daemon: Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such host.";
    expect(registryFailure(output)).toBe('image nosuch:1 is not here and cannot be pulled (no registry reachable)');
    expect(registryFailure('ERROR: failed to solve: golang:1.22-alpine: failed to resolve source metadata for docker.io/library/golang:1.22-alpine: failed to do request')).toBe(
      'image golang:1.22-alpine is not here and cannot be pulled (no registry reachable)',
    );
    expect(registryFailure('The push refers to repository [docker.io/me/app]\nGet "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: no such host')).toBe(
      'needs the registry at https://registry-1.docker.io, which is not reachable from here',
    );
    // `docker pull` with the containerd image store (Engine 28 here; the default of fresh Engine 29 installs).
    expect(
      registryFailure(
        'Error response from daemon: failed to resolve reference "docker.io/library/alpine:3.22": failed to do request: Head "https://registry-1.docker.io/v2/library/alpine/manifests/3.22": dial tcp: lookup registry-1.docker.io on 10.0.0.53:53: no such host',
      ),
    ).toBe('image alpine:3.22 is not here and cannot be pulled (no registry reachable)');
    expect(registryFailure('sh: false: not found')).toBeNull();
  });
});
