#!/bin/sh
# Builds the image with and without build arguments and checks what the
# container reports. Needs a Docker engine with busybox:latest.
set -eu
cd "$(dirname "$0")"
trap 'docker rmi -f build-args-test:default build-args-test:custom >/dev/null 2>&1' EXIT
docker build -q -t build-args-test:default . >/dev/null
docker build -q -t build-args-test:custom --build-arg GREETING="made with" --build-arg TAG=latest . >/dev/null
[ "$(docker run --rm build-args-test:default)" = "built from busybox:latest" ]
[ "$(docker run --rm build-args-test:custom)" = "made with busybox:latest" ]
[ "$(docker run --rm build-args-test:default sh -c 'echo $BUILT_FROM')" = "busybox:latest" ]
echo "ok: build arguments reach the image"
