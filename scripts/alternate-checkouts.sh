#!/usr/bin/env bash
# Two builds' launchers compared in alternating whole runs: for each of ROUNDS rounds, for each launcher in turn, one
# `splice solve` of the 20,000 and one of the 3,000 embeddings (each a fresh JVM, timed by /usr/bin/time); prints the
# wall and solve times. For a before/after of a change that is not a JVM option (scripts/alternate-solves.sh is for
# those): check the earlier commit out in a second clone (with ../shared beside it) and run its bin/splice once.
#   scripts/alternate-checkouts.sh G20000 G3000 ROUNDS OTHER/bin/splice bin/splice
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIG=$1; SMALL=$2; ROUNDS=$3; shift 3
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
# shellcheck source=scripts/timed-solve.sh
source "$ROOT/scripts/timed-solve.sh"
for r in $(seq "$ROUNDS"); do
  for launcher in "$@"; do
    read -r w20 s20 <<< "$(SPLICE=$launcher timed_solve "$BIG" "$TMP")"
    read -r w3 s3 <<< "$(SPLICE=$launcher timed_solve "$SMALL" "$TMP")"
    echo "round $r [$launcher] 20,000: $w20 (solve $s20)  3,000: $w3 (solve $s3)"
  done
done
