#!/usr/bin/env bash
# Builds Deckhand's container image (the root Dockerfile) where no container registry is reachable: the
# Node base image is made locally first, from the local debian:bookworm (scripts/docker-engine.sh up
# with DECKHAND_DEBIAN_IMAGE=1 builds it) and this machine's own Node and npm. The machine's CA bundle
# goes into the base too, so npm inside the build trusts what this machine trusts (a network may reach
# the npm registry through a TLS-inspecting proxy).
#
#   scripts/build-image.sh [TAG]     (default deckhand:local; the base is deckhand-node-base:20)
#
# Where a registry is reachable, `docker build -t deckhand .` uses the official Node image instead.
set -euo pipefail
cd "$(dirname "$0")/.."

DOCKER=/usr/bin/docker            # Debian's client: builds with BuildKit offline
TAG=${1:-deckhand:local}
BASE=deckhand-node-base:20

log() { printf 'build-image: %s\n' "$*" >&2; }

if ! "$DOCKER" image inspect "$BASE" >/dev/null 2>&1; then
  "$DOCKER" image inspect debian:bookworm >/dev/null 2>&1 \
    || { log "needs debian:bookworm: run DECKHAND_DEBIAN_IMAGE=1 scripts/docker-engine.sh up"; exit 1; }
  node_bin=$(command -v node)
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  [ "$(node -p 'process.versions.node.split(".")[0]')" = 20 ] || { log "the host's Node is not 20"; exit 1; }
  log "making $BASE from debian:bookworm and this machine's Node $(node --version)"
  context=$(mktemp -d)
  trap 'rm -rf "$context"' EXIT
  cp "$node_bin" "$context/node"
  cp -r "$npm_dir" "$context/npm"
  cp /etc/ssl/certs/ca-certificates.crt "$context/ca-certificates.crt"
  printf '%s\n' \
    'FROM debian:bookworm' \
    'COPY node /usr/local/bin/node' \
    'COPY npm /usr/local/lib/node_modules/npm' \
    'COPY ca-certificates.crt /usr/local/share/deckhand-host-ca.crt' \
    'RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx && node --version && npm --version >/dev/null' \
    'ENV NODE_EXTRA_CA_CERTS=/usr/local/share/deckhand-host-ca.crt npm_config_cafile=/usr/local/share/deckhand-host-ca.crt' \
    'CMD ["node"]' >"$context/Dockerfile"
  DOCKER_BUILDKIT=1 "$DOCKER" build -q -t "$BASE" "$context" >/dev/null
fi

log "building $TAG on $BASE"
started=$(date +%s)
DOCKER_BUILDKIT=1 "$DOCKER" build -q --build-arg NODE_IMAGE="$BASE" -t "$TAG" . >/dev/null
log "built $TAG in $(( $(date +%s) - started )) s: $("$DOCKER" image inspect --format '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1e6}')"
