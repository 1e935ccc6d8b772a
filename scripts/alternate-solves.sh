#!/usr/bin/env bash
# Launcher options compared in alternating whole runs: for each of ROUNDS rounds, for each option string in turn, one
# `splice solve` of the 20,000 and one of the 3,000 embeddings (each a fresh JVM, timed by /usr/bin/time), with the
# string as SPLICE_JAVA_OPTS; prints the wall and solve times. On a machine whose speed drifts, only alternation (or
# one JVM) makes a before/after trustworthy.
#   scripts/alternate-solves.sh G20000 G3000 ROUNDS "" "-XX:SomeFlag" ...
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIG=$1; SMALL=$2; ROUNDS=$3; shift 3
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
# shellcheck source=scripts/timed-solve.sh
source "$ROOT/scripts/timed-solve.sh"
run() { # options dir -> "wall (solve s)"
  local wall solve
  read -r wall solve <<< "$(SPLICE_JAVA_OPTS="$1" timed_solve "$2" "$TMP")"
  echo "$wall (solve $solve)"
}
for r in $(seq "$ROUNDS"); do
  for o in "$@"; do
    echo "round $r [$o] 20,000: $(run "$o" "$BIG")  3,000: $(run "$o" "$SMALL")"
  done
done
