#!/bin/sh
# Compiles and tests every example project with its own language's test runner,
# natively (no Docker): go test, cargo test, node --test, or a Makefile `test`
# target (C++). A project whose toolchain is missing here is skipped, with the
# reason printed. Exits non-zero if any project fails.
#
#   examples/test-native.sh              every project
#   examples/test-native.sh go-server    only the named ones
set -u
cd "$(dirname "$0")"

passed=0 failed=0 skipped=0
failures=""

has() { command -v "$1" >/dev/null 2>&1; }

# Prints the runner and the tool it needs for a project folder: "runner tool".
runner_for() {
  if [ -f "$1/go.mod" ]; then echo "go-test go"
  elif [ -f "$1/Cargo.toml" ]; then echo "cargo-test cargo"
  elif [ -f "$1/package.json" ]; then echo "node-test node"
  elif [ -f "$1/Makefile" ] && grep -q '^test:' "$1/Makefile"; then echo "make-test make"
  fi
}

run_tests() { # runner folder
  case "$1" in
    go-test) (cd "$2" && go test ./...) ;;
    # Build output goes to a temporary folder, so the work tree stays clean.
    cargo-test) (cd "$2" && CARGO_TARGET_DIR="$scratch/cargo-$(basename "$2")" cargo test --quiet) ;;
    node-test) (cd "$2" && node --test) ;;
    make-test) (cd "$2" && make --no-print-directory test) ;;
  esac
}

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

if [ $# -gt 0 ]; then projects="$*"; else projects=$(ls -d */ | tr -d /); fi

for project in $projects; do
  if [ ! -d "$project" ]; then
    echo "FAIL $project: no such example folder"
    failed=$((failed + 1)); failures="$failures $project"
    continue
  fi
  set -- $(runner_for "$project")
  if [ $# -eq 0 ]; then
    echo "skip $project: no native tests (no go.mod, Cargo.toml, package.json or Makefile test target)"
    skipped=$((skipped + 1))
    continue
  fi
  runner=$1 tool=$2
  if [ "$runner" = make-test ] && ! has "${CXX:-g++}"; then tool=${CXX:-g++}; fi
  if ! has "$tool"; then
    echo "skip $project: $tool is not installed here ($runner)"
    skipped=$((skipped + 1))
    continue
  fi
  log="$scratch/$project.log"
  if run_tests "$runner" "$project" >"$log" 2>&1; then
    echo "ok   $project ($runner)"
    passed=$((passed + 1))
  else
    echo "FAIL $project ($runner):"
    sed 's/^/     /' "$log"
    failed=$((failed + 1)); failures="$failures $project"
  fi
done

echo "examples: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || { echo "failed:$failures" >&2; exit 1; }
