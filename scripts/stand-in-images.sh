#!/usr/bin/env bash
# Builds local stand-ins for Docker Hub's busybox images from Debian packages, for machines that
# cannot reach a registry (CI, the course's check). Each stand-in reproduces the facts of the
# official image that the course relies on; scripts/stand-in-images.md lists them, and
# packages/docker/src/stand-in-images.test.ts checks them.
#
#   scripts/stand-in-images.sh [PREFIX]
#
#   PREFIXbusybox:latest                   the glibc variant: dynamically linked busybox, its libraries in /lib
#   PREFIXbusybox:musl, PREFIXbusybox:uclibc  one statically linked busybox, nothing else
#
# Each tag is its own image, as on Docker Hub (`docker image inspect busybox` lists one name).
#
# PREFIX (default none) lets a test build them beside the real ones. The packages come from Debian 13
# (trixie), the release the official glibc variant is built on; DECKHAND_STANDIN_SUITE picks another,
# and the machine's own release is used when that suite cannot be reached.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=debian-suite.sh
. "$HERE/debian-suite.sh"

PREFIX=${1:-}
DOCKER=${DOCKER:-docker}
SUITE=${DECKHAND_STANDIN_SUITE:-trixie}
# The official images' configuration (docker-library/busybox image-config.json).
OFFICIAL_PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

log() { printf 'stand-in-images: %s\n' "$*" >&2; }

# The accounts of buildroot's skeleton, which the official images copy (system/skeleton/etc/*):
# no uid 1000 at all, and 65534 is nobody in both files.
write_accounts() {
  local etc=$1
  cat >"$etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
EOF
  local group
  for group in root:0: daemon:1: bin:2: sys:3: adm:4: tty:5: disk:6: lp:7: mail:8: kmem:9: wheel:10:root \
    cdrom:11: dialout:18: floppy:19: video:28: audio:29: tape:32: www-data:33: operator:37: utmp:43: \
    plugdev:46: staff:50: lock:54: netdev:82: users:100: nobody:65534:; do
    printf '%s:x:%s\n' "${group%%:*}" "${group#*:}"
  done >"$etc/group"
  # Every account locked, root included (the official build replaces root's empty password, CVE-2019-5021).
  awk -F: '{ print $1 ":*:::::::" }' "$etc/passwd" >"$etc/shadow"
  chmod 600 "$etc/shadow"
}

# The directories the official build makes: buildroot's device table, then each account's home
# directory that did not exist yet, owned by that account.
make_tree() {
  local root=$1
  mkdir -p "$root"/{bin,dev,etc,root,tmp,var/www,usr/bin} "$root"/etc/network/if-{up,pre-up,down,post-down}.d
  chmod 755 "$root/dev" "$root/etc" "$root/var/www"
  chmod 700 "$root/root"
  chmod 1777 "$root/tmp"
  local home owner
  for home in usr/sbin:1:1 var/spool/mail:8:8 home:65534:65534; do
    owner=${home#*:}; home=${home%%:*}
    mkdir -p "$root/$home"; chmod 755 "$root/$home"
    # Only root can give files away; elsewhere these three stay root's (nothing in the course looks).
    [ "$(id -u)" = 0 ] && chown "$owner" "$root/$home"
  done
  ln -s ../../bin/env "$root/usr/bin/env"
  cp "$(find "$work/tzdata" -path '*zoneinfo/UTC' | head -1)" "$root/etc/localtime"
}

# Every applet as a hard link to /bin/busybox, as `busybox --install /bin` makes them.
link_applets() {
  local root=$1; shift
  local applet
  for applet in $("$@" --list); do
    [ "$applet" = busybox ] || ln "$root/bin/busybox" "$root/bin/$applet"
  done
}

import_rootfs() {
  local root=$1 message=$2; shift 2
  local owner=() tag
  [ "$(id -u)" = 0 ] || owner=(--owner=0 --group=0)
  for tag in "$@"; do
    tar -C "$root" --numeric-owner "${owner[@]}" -c . \
      | "$DOCKER" import --message "$message" --change 'CMD ["sh"]' --change "ENV PATH=$OFFICIAL_PATH" - "$tag" >/dev/null
  done
}

main() {
  local debs suite=$SUITE
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  debs=$DECKHAND_CACHE/debs/$suite
  if ! fetch_debs "$suite" "$debs" busybox busybox-static libc6 libc-bin tzdata; then
    suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
    log "Debian $SUITE is not reachable: using this machine's release ($suite)"
    debs=$DECKHAND_CACHE/debs/$suite
    fetch_debs "$suite" "$debs" busybox busybox-static libc6 libc-bin tzdata
  fi
  local pkg
  for pkg in busybox busybox-static libc6 libc-bin tzdata; do
    mkdir -p "$work/$pkg"
    dpkg-deb -x "$(ls -t "$debs"/"${pkg}"_*.deb | head -1)" "$work/$pkg"
  done
  local version
  version=$(dpkg-deb -f "$(ls -t "$debs"/busybox_*.deb | head -1)" Version)

  # glibc: busybox, getconf, and the C library files the official image holds (what `ldd` finds for
  # busybox and getconf, plus glibc's NSS modules and libpthread), flat in /lib with /lib64 -> lib.
  local glibc=$work/glibc libdir loader
  make_tree "$glibc"
  mkdir -p "$glibc/lib" && ln -s lib "$glibc/lib64"
  cp "$(find "$work/busybox" -path '*bin/busybox' -type f | head -1)" "$glibc/bin/busybox"
  cp "$(find "$work/libc-bin" -path '*bin/getconf' -type f | head -1)" "$glibc/bin/getconf"
  libdir=$(dirname "$(find "$work/libc6" -name libc.so.6 | head -1)")
  loader=$(cd "$libdir" && ls ld-linux*.so.* | head -1)   # ld-linux-x86-64.so.2 on amd64
  cp -L "$libdir"/{"$loader",libc.so.6,libm.so.6,libresolv.so.2,libpthread.so.0} "$libdir"/libnss_*.so.2 "$glibc/lib/"
  find "$work/libc-bin" -name nsswitch.conf -exec cp {} "$glibc/etc/nsswitch.conf" \;
  write_accounts "$glibc/etc"
  link_applets "$glibc" "$glibc/lib/$loader" --library-path "$glibc/lib" "$glibc/bin/busybox"
  import_rootfs "$glibc" "stand-in for busybox (glibc): Debian busybox $version, dynamically linked" \
    "${PREFIX}busybox:latest"

  # musl and uclibc: one static binary (Debian's is linked against glibc statically; same effect).
  local static=$work/static
  make_tree "$static"
  cp "$(find "$work/busybox-static" -path '*bin/busybox' -type f | head -1)" "$static/bin/busybox"
  write_accounts "$static/etc"
  link_applets "$static" "$static/bin/busybox"
  import_rootfs "$static" "stand-in for busybox (musl, uclibc): Debian busybox-static $version, statically linked" \
    "${PREFIX}busybox:musl" "${PREFIX}busybox:uclibc"
  log "built ${PREFIX}busybox:latest (glibc), ${PREFIX}busybox:musl and :uclibc (static) from Debian $suite's busybox $version"
}

main
