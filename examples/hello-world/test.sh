#!/bin/sh
# Builds both images and checks what a user sees: the greeting, that the scratch
# image holds a single file, and that busybox:latest (dynamically linked) cannot
# stand alone on scratch. Needs a Docker engine with busybox:latest and busybox:musl.
set -eu
cd "$(dirname "$0")"
docker build -q -t hello-world-test . >/dev/null
docker build -q -t hello-world-test:scratch -f Dockerfile.scratch . >/dev/null
docker build -q -t hello-world-test:glibc --build-arg VARIANT=latest -f Dockerfile.scratch . >/dev/null
trap 'docker rmi -f hello-world-test hello-world-test:scratch hello-world-test:glibc >/dev/null' EXIT
docker run --rm hello-world-test | grep -q '^hello from a container on '
docker run --rm hello-world-test:scratch | grep -q '^hello from a container on '
layers=$(docker image inspect --format '{{len .RootFS.Layers}}' hello-world-test:scratch)
[ "$layers" = 1 ] || { echo "scratch image should have 1 layer, has $layers" >&2; exit 1; }
if docker run --rm hello-world-test:glibc >/dev/null 2>&1; then
  echo "busybox:latest alone on scratch should not start (it is dynamically linked)" >&2; exit 1
fi
echo "ok: hello-world images build and greet; the glibc busybox needs its libraries"
