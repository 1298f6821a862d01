#!/usr/bin/env bash
# Makes a Docker engine available for the tests and the course: installs the newest Docker Engine
# Debian offers this machine, starts the daemon if nothing answers, waits for it, and builds the
# local images that tests and decks use (no registry is reachable on CI machines, so images are made
# from Debian packages).
#
#   scripts/docker-engine.sh up       install/start as needed, build images (idempotent, quick when done)
#   scripts/docker-engine.sh down     stop the daemon, but only if this script started it
#   scripts/docker-engine.sh version  the engine, API, client and image store in use (one line)
#
# Engine: docker.io, docker-cli, docker-buildx, docker-compose and containerd from the first Debian
# suite in DECKHAND_DOCKER_SUITES (default "forky trixie": testing, then Debian 13) whose packages
# install on this machine, fetched without adding that suite to apt's sources; Debian 12's own
# docker.io (20.10, no buildx) is the last resort. The daemon uses the containerd image store, the
# default of fresh Docker Engine 29 and Docker Desktop installs (DECKHAND_IMAGE_STORE=classic: the
# older overlay2 store instead).
#
# Images: busybox:latest, busybox:musl and busybox:uclibc, stand-ins for Docker Hub's
# (scripts/stand-in-images.sh; what they reproduce: scripts/stand-in-images.md). Set
# DECKHAND_DEBIAN_IMAGE=1 to also build debian:bookworm with debootstrap (~30 s, ~120 MB), and
# DECKHAND_SANDBOX_ENGINE_IMAGE=1 to build deckhand-sandbox-engine (debian:bookworm + the host's
# Docker Engine packages, ~1 min, rebuilt when the host's engine changes): the image of `serve
# --sandbox docker --docker-engine sidecar`, both for the per-session dockerd and for the session's
# shell.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=debian-suite.sh
. "$HERE/debian-suite.sh"

DOCKER=/usr/bin/docker            # Debian's client, with the buildx plugin beside it
STATE_DIR=/run/deckhand
STARTED_MARK=$STATE_DIR/dockerd-started-by-deckhand
PIDFILE=/var/run/docker.pid
ENGINE_SUITES=${DECKHAND_DOCKER_SUITES:-forky trixie}
IMAGE_STORE=${DECKHAND_IMAGE_STORE:-containerd}
# Installed engines from this major version on are kept; older ones (Debian 12's 20.10) are replaced.
MIN_ENGINE_MAJOR=26

log() { printf 'docker-engine: %s\n' "$*" >&2; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    log "this step needs root: run 'sudo $0 ${1:-up}'"
    exit 1
  fi
}

apt_quiet() {
  # apt's own chatter (debconf, needrestart) goes to the log; it is shown only when the step fails.
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@" >>/var/log/deckhand-apt.log 2>&1
}

apt_install() {
  apt_quiet install -y -qq "$@" || { apt_quiet update -qq && apt_quiet install -y -qq "$@"; }
}

# Debian's docker.io puts dockerd in /usr/sbin, Docker's docker-ce in /usr/bin.
dockerd_path() {
  local path
  for path in /usr/sbin/dockerd /usr/bin/dockerd; do [ -x "$path" ] && { echo "$path"; return 0; }; done
  return 1
}

# The installed engine's major version (20 for Debian 12's docker.io), or 0 when there is none.
engine_major() {
  local dockerd
  dockerd=$(dockerd_path) || { echo 0; return; }
  "$dockerd" --version 2>/dev/null | sed -nE 's/^Docker version ([0-9]+).*/\1/p' | grep . || echo 0
}

# Packages never start services here: the daemon is started below with this script's flags, and a
# packaged one (without --ip=127.0.0.1) must not come up first. A policy-rc.d of the machine's stays.
without_service_starts() {
  local policy=/usr/sbin/policy-rc.d own=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' >"$policy" && chmod 755 "$policy" && own=1; fi
  local status=0
  "$@" || status=$?
  [ "$own" = 1 ] && rm -f "$policy"
  return "$status"
}

# Fetches the engine's packages from SUITE and installs them if apt can satisfy the rest from this
# machine's own sources; returns non-zero (changing nothing) when it cannot.
install_engine_from() {
  local suite=$1 dir=$DECKHAND_CACHE/debs/$1
  rm -rf "$dir"
  fetch_debs "$suite" "$dir" docker.io docker-cli || { log "Debian $suite is not reachable or has no docker.io"; return 1; }
  local optional
  for optional in docker-buildx docker-compose containerd tini-static; do fetch_debs "$suite" "$dir" "$optional" || true; done
  # The rest comes from this machine's own sources: refresh their lists once if apt cannot place it.
  if ! apt_quiet install -s "$dir"/*.deb && ! { apt_quiet update -qq && apt_quiet install -s "$dir"/*.deb; }; then
    log "Debian $suite's docker.io does not install on this machine (see /var/log/deckhand-apt.log)"
    return 1
  fi
  log "installing Docker Engine $(suite_version "$suite" docker.io) from Debian $suite"
  stop_own_daemon
  without_service_starts apt_install "$dir"/*.deb
}

install_packages() {
  local major
  major=$(engine_major)
  if [ "$major" -ge "$MIN_ENGINE_MAJOR" ]; then
    :
  elif [ "$major" != 0 ] && ! dpkg -s docker.io >/dev/null 2>&1; then
    # Another packaging (docker-ce, a static build): never replaced behind its owner's back.
    log "keeping the installed Docker Engine $major (not Debian's docker.io); modules 6 to 9 need 26 or later"
  else
    need_root up
    local suite done=0
    for suite in $ENGINE_SUITES; do
      if install_engine_from "$suite"; then done=1; break; fi
    done
    if [ "$done" = 0 ] && ! dockerd_path >/dev/null; then
      log "installing Debian 12's docker.io 20.10 (log: /var/log/deckhand-apt.log): no buildx, no containerd image store"
      without_service_starts apt_install docker.io || { tail -20 /var/log/deckhand-apt.log >&2; log "could not install docker.io"; exit 1; }
    fi
  fi
  if { [ "${DECKHAND_DEBIAN_IMAGE:-0}" = 1 ] || [ "${DECKHAND_SANDBOX_ENGINE_IMAGE:-0}" = 1 ]; } && ! command -v debootstrap >/dev/null; then
    need_root up
    apt_install debootstrap || { tail -20 /var/log/deckhand-apt.log >&2; log "could not install debootstrap"; exit 1; }
  fi
}

daemon_flags() {
  # --ip=127.0.0.1: a bare -p publishes on loopback only, never on the machine's other interfaces.
  local flags=(--host unix:///var/run/docker.sock --pidfile "$PIDFILE" --ip=127.0.0.1)
  if [ "$IMAGE_STORE" = containerd ] && [ "$(engine_major)" -ge 24 ]; then
    if "$(dockerd_path)" --help 2>/dev/null | grep -q -- '--feature'; then
      flags+=(--feature containerd-snapshotter=true)
    elif [ ! -e /etc/docker/daemon.json ]; then
      # Older engines (26 from Debian 13) take features from a configuration file only; the machine's own
      # /etc/docker/daemon.json, when there is one, decides instead.
      printf '{ "features": { "containerd-snapshotter": true } }\n' >"$STATE_DIR/daemon.json"
      flags+=(--config-file "$STATE_DIR/daemon.json")
    fi
  fi
  printf '%s\n' "${flags[@]}"
}

start_daemon() {
  if "$DOCKER" info >/dev/null 2>&1; then return; fi
  need_root up
  mkdir -p "$STATE_DIR"
  local flags; mapfile -t flags < <(daemon_flags)
  log "starting dockerd ${flags[*]} (log: /var/log/dockerd.log)"
  setsid "$(dockerd_path)" "${flags[@]}" >/var/log/dockerd.log 2>&1 </dev/null &
  touch "$STARTED_MARK"
  for _ in $(seq 1 300); do
    "$DOCKER" info >/dev/null 2>&1 && { log "dockerd is ready: $(engine_version)"; return; }
    sleep 0.1
  done
  log "dockerd did not answer within 30 s; see /var/log/dockerd.log"
  tail -20 /var/log/dockerd.log >&2 || true
  exit 1
}

engine_version() {
  local store
  store=$("$DOCKER" info --format '{{range .DriverStatus}}{{if eq (index . 0) "driver-type"}}{{index . 1}}{{end}}{{end}}' 2>/dev/null)
  [ "$store" = io.containerd.snapshotter.v1 ] && store='containerd image store' || store='classic image store'
  "$DOCKER" version --format "engine {{.Server.Version}} (API {{.Server.APIVersion}}, $store), client {{.Client.Version}}"
}

build_stand_ins() {
  if "$DOCKER" image inspect busybox:latest busybox:musl busybox:uclibc >/dev/null 2>&1; then return; fi
  log "building the busybox stand-ins (scripts/stand-in-images.md)"
  DOCKER=$DOCKER bash "$HERE/stand-in-images.sh"
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

# The .deb files of the installed docker.io when this script fetched them (another suite's engine), so
# the sandbox image can carry the same engine as the host; nothing when Debian 12's own is installed.
engine_debs() {
  local installed deb
  installed=$(dpkg-query -W -f '${Version}' docker.io 2>/dev/null) || return 1
  for deb in "$DECKHAND_CACHE"/debs/*/docker.io_*.deb; do
    [ -e "$deb" ] && [ "$(dpkg-deb -f "$deb" Version)" = "$installed" ] && { dirname "$deb"; return 0; }
  done
  return 1
}

build_sandbox_engine() {
  [ "${DECKHAND_SANDBOX_ENGINE_IMAGE:-0}" = 1 ] || return 0
  local debs engine image=deckhand-sandbox-engine:latest
  debs=$(engine_debs) || debs=
  engine=$(dpkg-query -W -f '${Version}' docker.io 2>/dev/null || echo none)
  # Rebuilt when the host's engine changed, so a session's engine is the one the course was checked on.
  if [ "$("$DOCKER" image inspect --format '{{index .Config.Labels "deckhand.docker-engine"}}' "$image" 2>/dev/null)" = "$engine" ]; then return; fi
  log "building $image (debian:bookworm + Docker Engine $engine, about 2 min)"
  local context; context=$(mktemp -d)
  local install='docker.io'
  mkdir -p "$context/debs"
  if [ -n "$debs" ]; then cp "$debs"/*.deb "$context/debs/"; install='./debs/*.deb'; fi
  # Sessions' engines use the containerd image store too, as the host's; packages start no services.
  # The user 1000 is the sandbox shell's (serve --user); it may use the session's engine, not the host's.
  printf '%s\n' \
    'FROM debian:bookworm' \
    "LABEL deckhand.docker-engine=\"$engine\"" \
    'COPY debs /tmp/debs' \
    "RUN printf '#!/bin/sh\\nexit 101\\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && cd /tmp && apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $install iptables ca-certificates curl wget procps iproute2 make >/dev/null && rm -rf /var/lib/apt/lists/* /tmp/debs /usr/sbin/policy-rc.d" \
    'RUN mkdir -p /etc/docker && if dockerd --help | grep -q -- --feature; then echo '"'"'{ "features": { "containerd-snapshotter": true } }'"'"' >/etc/docker/daemon.json; fi' \
    'RUN useradd --uid 1000 --user-group --create-home --shell /bin/bash deckhand' \
    'CMD ["bash"]' >"$context/Dockerfile"
  # Built under a temporary name, then renamed: sessions starting meanwhile still find the old one.
  "$DOCKER" build -q -t deckhand-sandbox-engine:next "$context" >/dev/null
  "$DOCKER" tag deckhand-sandbox-engine:next "$image"
  "$DOCKER" rmi deckhand-sandbox-engine:next >/dev/null
  rm -rf "$context"
}

stop_own_daemon() {
  if [ -f "$STARTED_MARK" ] && [ -f "$PIDFILE" ]; then
    local pid; pid=$(cat "$PIDFILE")
    log "stopping the dockerd this script started (pid $pid)"
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$STARTED_MARK"
    return 0
  fi
  return 1
}

down() {
  stop_own_daemon || log "dockerd was not started by this script; leaving it running"
}

case "${1:-up}" in
  up) install_packages; start_daemon; build_stand_ins; build_debian; build_sandbox_engine ;;
  down) down ;;
  version) engine_version ;;
  *) echo "usage: $0 [up|down|version]" >&2; exit 2 ;;
esac
