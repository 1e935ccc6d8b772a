#!/usr/bin/env bash
# Issue 14's whole-process runs: `splice solve` of 20,000 and of 3,000 embeddings (each a fresh JVM, timed by
# /usr/bin/time), then the reference sklearn loop on 40 of the 20,000 (its own solve time, so its interpreter's start
# is not counted against it), alternating for ROUNDS rounds. Prints per round the wall times, the 20,000 run's rate
# against the peer's, and the 3,000 run's rate as a share of the 20,000 run's.
#   bin/splice generate --n 20000 --out G20000; bin/splice generate --n 3000 --out G3000
#   scripts/whole-process.sh G20000 G3000 ROUNDS
# SPLICE (default bin/splice) is the command that runs splice, e.g. "java --add-modules jdk.incubator.vector -jar
# other/splice.jar" for another build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIG=$1; SMALL=$2; ROUNDS=$3
export SPLICE=${SPLICE:-$ROOT/bin/splice}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
# shellcheck source=scripts/timed-solve.sh
source "$ROOT/scripts/timed-solve.sh"
solve() { # dir -> "wall solve"
  timed_solve "$1" "$TMP"
}
n20=$(/usr/bin/python3 -c "import numpy; print(numpy.load('$BIG/Z.npy', mmap_mode='r').shape[0])")
n3=$(/usr/bin/python3 -c "import numpy; print(numpy.load('$SMALL/Z.npy', mmap_mode='r').shape[0])")
for r in $(seq "$ROUNDS"); do
  read -r w20 s20 <<< "$(solve "$BIG")"
  read -r w3 s3 <<< "$(solve "$SMALL")"
  peer=$(/usr/bin/python3 "$ROOT/../shared/peer/splice_reference.py" --dictionary "$BIG/D.npy" --embeddings "$BIG/Z.npy" \
      --l1 0.25 --solver skl --limit 40 --out "$TMP/W_skl.npy" | grep -o '"per_second": [0-9.]*' | cut -d' ' -f2)
  /usr/bin/python3 -c "
r20 = $n20 / $w20; r3 = $n3 / $w3
print('round $r: $n20 in $w20 s wall (solve $s20 s): %.0f/s; peer %.2f/s: %.0fx; $n3 in $w3 s wall (solve $s3 s): %.0f/s, %.2f of the $n20 rate' % (r20, $peer, r20 / $peer, r3, r3 / r20))"
done
