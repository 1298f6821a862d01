# Sourced by docker-engine.sh and stand-in-images.sh: fetches .deb files from another Debian suite
# (trixie, forky…) without adding that suite to the machine's apt sources. apt keeps its lists for
# the suite in a private directory, so `apt-get update` and upgrades on the machine are unchanged.
#
#   fetch_debs SUITE DEST PKG...   downloads each package's candidate in SUITE into DEST; fails, changing
#                                  nothing on the machine, when the suite cannot be reached
#   suite_version SUITE PKG        the version fetch_debs would download

DEBIAN_MIRROR=${DECKHAND_DEBIAN_MIRROR:-http://deb.debian.org/debian}

# Root keeps the cache where CI and later runs find it; others (a test run as a user) in their own.
if [ -w /var/cache ] || [ "$(id -u)" = 0 ]; then DECKHAND_CACHE=${DECKHAND_CACHE:-/var/cache/deckhand}
else DECKHAND_CACHE=${DECKHAND_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/deckhand}; fi

suite_apt_options() {
  local state=$DECKHAND_CACHE/apt-$1
  printf '%s\n' \
    "-o" "Dir::Etc::SourceList=$state/sources.list" "-o" "Dir::Etc::SourceParts=/dev/null" \
    "-o" "Dir::State::Lists=$state/lists" "-o" "Dir::Cache=$state/cache" \
    "-o" "APT::Sandbox::User=$(id -un)"
}

fetch_debs() {
  local suite=$1 dest=$2; shift 2
  local state=$DECKHAND_CACHE/apt-$suite
  mkdir -p "$state/lists/partial" "$state/cache/archives/partial" "$dest"
  echo "deb $DEBIAN_MIRROR $suite main" >"$state/sources.list"
  local options; mapfile -t options < <(suite_apt_options "$suite")
  # Lists older than a day are refreshed: a suite like forky moves, and old files leave the mirror.
  if [ -z "$(find "$state/lists" -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null)" ]; then
    apt-get "${options[@]}" update -qq >/dev/null 2>&1 || return 1
  fi
  (cd "$dest" && apt-get "${options[@]}" download "$@" >/dev/null 2>&1) || {
    apt-get "${options[@]}" update -qq >/dev/null 2>&1 && (cd "$dest" && apt-get "${options[@]}" download "$@" >/dev/null 2>&1)
  }
}

# The candidate version of PKG in SUITE (after fetch_debs ran for that suite), or nothing.
suite_version() {
  local options; mapfile -t options < <(suite_apt_options "$1")
  apt-cache "${options[@]}" policy "$2" 2>/dev/null | awk '/Candidate:/ { print $2 }'
}
