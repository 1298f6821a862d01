#!/usr/bin/env bash
# Makes a Docker engine available for the tests and the course: installs Debian's docker.io if missing,
# starts the daemon if nothing answers, waits for it, and builds the local base images that tests and
# decks use (no registry is reachable on CI machines, so images are made from local packages).
#
#   scripts/docker-engine.sh up      install/start as needed, build images (idempotent, quick when done)
#   scripts/docker-engine.sh down    stop the daemon, but only if this script started it
#
# Images: busybox:latest (from Debian's busybox-static). Set DECKHAND_DEBIAN_IMAGE=1 to also build
# debian:bookworm with debootstrap (~30 s, ~120 MB), and DECKHAND_SANDBOX_ENGINE_IMAGE=1 to build
# deckhand-sandbox-engine (debian:bookworm + Debian's docker.io, ~2 min): the image of `serve --sandbox
# docker --docker-engine sidecar`, both for the per-session dockerd and for the session's shell.
set -euo pipefail

DOCKER=/usr/bin/docker            # Debian's client: builds with BuildKit offline (/usr/local/bin/docker has no buildx)
STATE_DIR=/run/deckhand
STARTED_MARK=$STATE_DIR/dockerd-started-by-deckhand
PIDFILE=/var/run/docker.pid

log() { printf 'docker-engine: %s\n' "$*" >&2; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    log "this step needs root: run 'sudo $0 ${1:-up}'"
    exit 1
  fi
}

install_packages() {
  local missing=()
  [ -x /usr/sbin/dockerd ] || missing+=(docker.io)
  dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
  if { [ "${DECKHAND_DEBIAN_IMAGE:-0}" = 1 ] || [ "${DECKHAND_SANDBOX_ENGINE_IMAGE:-0}" = 1 ]; } && ! command -v debootstrap >/dev/null; then missing+=(debootstrap); fi
  [ ${#missing[@]} -eq 0 ] && return
  need_root up
  log "installing ${missing[*]} (log: /var/log/deckhand-apt.log)"
  # apt's own chatter (debconf, needrestart) goes to the log; it is shown only when the install fails.
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/var/log/deckhand-apt.log 2>&1 \
    || { apt-get -o DPkg::Lock::Timeout=600 update -qq >>/var/log/deckhand-apt.log 2>&1 \
         && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >>/var/log/deckhand-apt.log 2>&1; } \
    || { tail -20 /var/log/deckhand-apt.log >&2; log "could not install ${missing[*]}"; exit 1; }
}

start_daemon() {
  if "$DOCKER" info >/dev/null 2>&1; then return; fi
  need_root up
  mkdir -p "$STATE_DIR"
  log "starting dockerd (log: /var/log/dockerd.log)"
  # --ip=127.0.0.1: a bare -p publishes on loopback only, never on the machine's other interfaces.
  setsid /usr/sbin/dockerd --host unix:///var/run/docker.sock --pidfile "$PIDFILE" --ip=127.0.0.1 \
    >/var/log/dockerd.log 2>&1 </dev/null &
  touch "$STARTED_MARK"
  for _ in $(seq 1 300); do
    "$DOCKER" info >/dev/null 2>&1 && { log "dockerd is ready"; return; }
    sleep 0.1
  done
  log "dockerd did not answer within 30 s; see /var/log/dockerd.log"
  tail -20 /var/log/dockerd.log >&2 || true
  exit 1
}

build_busybox() {
  if "$DOCKER" image inspect busybox:latest >/dev/null 2>&1; then return; fi
  log "building busybox:latest from busybox-static"
  local root; root=$(mktemp -d)
  mkdir -p "$root"/{bin,etc,tmp,root,home/user,www,var/www} && chmod 1777 "$root/tmp"
  cp "$(dpkg -L busybox-static | grep -m1 '/bin/busybox$')" "$root/bin/busybox"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000:user:/home/user:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$root/etc/passwd"
  printf 'root:x:0:\nuser:x:1000:\nnogroup:x:65534:\n' >"$root/etc/group"
  chown 1000:1000 "$root/home/user"
  tar -C "$root" -c . | "$DOCKER" import \
    --change 'CMD ["sh"]' --change 'ENV PATH=/bin' - busybox:latest >/dev/null
  rm -rf "$root"
}

build_debian() {
  [ "${DECKHAND_DEBIAN_IMAGE:-0}" = 1 ] || [ "${DECKHAND_SANDBOX_ENGINE_IMAGE:-0}" = 1 ] || return 0
  if "$DOCKER" image inspect debian:bookworm >/dev/null 2>&1; then return; fi
  log "building debian:bookworm with debootstrap (about 30 s)"
  local root; root=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$root" >/dev/null
  tar -C "$root" -c . | "$DOCKER" import --change 'CMD ["bash"]' - debian:bookworm >/dev/null
  "$DOCKER" tag debian:bookworm debian:bookworm-slim
  rm -rf "$root"
}

build_sandbox_engine() {
  [ "${DECKHAND_SANDBOX_ENGINE_IMAGE:-0}" = 1 ] || return 0
  if "$DOCKER" image inspect deckhand-sandbox-engine:latest >/dev/null 2>&1; then return; fi
  log "building deckhand-sandbox-engine (debian:bookworm + docker.io, about 2 min)"
  # The user 1000 is the sandbox shell's (serve --user); it may use the session's engine, not the host's.
  printf '%s\n' \
    'FROM debian:bookworm' \
    'RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker.io iptables ca-certificates curl wget procps iproute2 make >/dev/null && rm -rf /var/lib/apt/lists/*' \
    'RUN useradd --uid 1000 --user-group --create-home --shell /bin/bash deckhand' \
    'CMD ["bash"]' \
    | DOCKER_BUILDKIT=0 "$DOCKER" build -q -t deckhand-sandbox-engine:latest - >/dev/null
}

down() {
  if [ -f "$STARTED_MARK" ] && [ -f "$PIDFILE" ]; then
    log "stopping the dockerd this script started"
    kill "$(cat "$PIDFILE")" 2>/dev/null || true
    rm -f "$STARTED_MARK"
  else
    log "dockerd was not started by this script; leaving it running"
  fi
}

case "${1:-up}" in
  up) install_packages; start_daemon; build_busybox; build_debian; build_sandbox_engine ;;
  down) down ;;
  *) echo "usage: $0 [up|down]" >&2; exit 2 ;;
esac
