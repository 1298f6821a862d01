#!/bin/sh
# Builds the three images and checks how each treats `docker run` arguments.
# Needs a Docker engine with busybox:latest.
set -eu
cd "$(dirname "$0")"
trap 'docker rmi -f cmd-test:exec cmd-test:shell cmd-test:cmd >/dev/null 2>&1' EXIT
docker build -q -t cmd-test:exec . >/dev/null
docker build -q -t cmd-test:shell -f Dockerfile.shell-form . >/dev/null
docker build -q -t cmd-test:cmd -f Dockerfile.cmd-only . >/dev/null
docker run --rm cmd-test:exec | grep -q ' UTC$'
[ "$(docker run --rm cmd-test:exec -u -d @0 +%F)" = "1970-01-01" ]
[ "$(docker run --rm --entrypoint echo cmd-test:exec swapped)" = "swapped" ]
[ "$(docker run --rm cmd-test:shell -d @0 +%F)" != "1970-01-01" ]
[ "$(docker run --rm cmd-test:cmd)" = "no arguments given, so CMD runs" ]
[ "$(docker run --rm cmd-test:cmd echo replaced)" = "replaced" ]
echo "ok: ENTRYPOINT keeps, CMD yields"
