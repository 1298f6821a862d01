#!/usr/bin/env bash
# Pulls the images the course's decks use (the list in slides/README.md, "Before class"), so Run blocks
# start at once in class instead of downloading on the venue's network. Run when the workspace is
# created (devcontainer.json's postCreateCommand, .gitpod.yml's task).
#
#   .devcontainer/pull-course-images.sh            the course's images
#   .devcontainer/pull-course-images.sh IMAGE...   these instead
#
# Never fails: an image that cannot be pulled is named with the reason and the decks that use it skip
# or fail their blocks until it can be; a failure here must not stop the workspace from starting
# Deckhand (a failed lifecycle command skips the ones after it). Waits up to $ENGINE_WAIT_SECONDS
# (default 60) for the workspace's Docker engine, which starts with the workspace.
set -uo pipefail

COURSE_IMAGES=(
  busybox:latest
  busybox:musl
  busybox:1.37
  alpine:3.24
  golang:1.27-alpine
  node:24-alpine
  rust:1.88-slim-bookworm
  debian:bookworm-slim
  tonistiigi/binfmt
)
if [ $# -gt 0 ]; then images=("$@"); else images=("${COURSE_IMAGES[@]}"); fi

say() { printf 'course images: %s\n' "$*"; }

if ! command -v docker >/dev/null 2>&1; then
  say "no docker command in this workspace, so nothing was pulled"
  exit 0
fi
waited=0
until docker info >/dev/null 2>&1; do
  if [ "$waited" -ge "${ENGINE_WAIT_SECONDS:-60}" ]; then
    say "the Docker engine did not answer within ${waited} s, so nothing was pulled (run this script again once 'docker info' answers)"
    exit 0
  fi
  sleep 1
  waited=$((waited + 1))
done

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
pulling=() pids=()
for image in "${images[@]}"; do
  if docker image inspect "$image" >/dev/null 2>&1; then
    say "$image is already here"
  else
    # Every missing image at once: the big ones (rust, golang) download side by side.
    docker pull --quiet "$image" >"$logs/${#pulling[@]}" 2>&1 &
    pulling+=("$image") pids+=($!)
  fi
done

failed=0
for i in "${!pulling[@]}"; do
  if wait "${pids[$i]}"; then
    say "pulled ${pulling[$i]}"
  else
    failed=$((failed + 1))
    say "could not pull ${pulling[$i]}: $(grep -m1 . "$logs/$i" | sed 's/^Error response from daemon: //')"
  fi
done
if [ "$failed" -gt 0 ]; then
  say "$failed of ${#images[@]} could not be pulled; run .devcontainer/pull-course-images.sh again when the network allows"
else
  say "all ${#images[@]} are here"
fi
exit 0
