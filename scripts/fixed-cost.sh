#!/usr/bin/env bash
# The fixed cost of a `splice solve` in a fresh JVM, and the JIT's share of it: solves of the first 1, 100 and all
# embeddings of DIR/Z.npy against DIR/D.npy at λ = 0.25 (each a fresh JVM, with -XX:+CITime), alternating for ROUNDS
# rounds, then `java -version` alone. Prints per run the wall, user and system seconds (/usr/bin/time), the solve's
# own seconds (its JSON line) and the compilers' total time (CITime's "Total compilation time", CPU seconds of the
# compiler threads). Needs /usr/bin/python3 with NumPy to cut the small inputs.
#   scripts/fixed-cost.sh G3000 ROUNDS
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR=$1; ROUNDS=$2
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
/usr/bin/python3 -c "
import numpy as np
z = np.load('$DIR/Z.npy')
np.save('$TMP/Z1.npy', z[:1]); np.save('$TMP/Z100.npy', z[:100])"
ln -s "$(cd "$DIR" && pwd)/Z.npy" "$TMP/Zall.npy"
for r in $(seq "$ROUNDS"); do
  for n in 1 100 all; do
    /usr/bin/time -f "%e %U %S" -o "$TMP/time" env SPLICE_JAVA_OPTS="-XX:+CITime" "$ROOT/bin/splice" solve \
        --dictionary "$DIR/D.npy" --embeddings "$TMP/Z$n.npy" --l1 0.25 --out "$TMP/W.npz" > "$TMP/out" 2> /dev/null
    read -r wall user sys < "$TMP/time"
    echo "round $r, $n: wall $wall s, user $user s, sys $sys s, solve $(grep -o '"seconds":[0-9.]*' "$TMP/out" | cut -d: -f2) s," \
        "compilers $(grep -o 'Total compilation time *: *[0-9.]*' "$TMP/out" | grep -o '[0-9.]*$') s, n $(grep -o '"n":[0-9]*' "$TMP/out" | cut -d: -f2)"
    rm -f "$TMP/W.npz"
  done
  /usr/bin/time -f "round $r, java -version: wall %e s, user %U s, sys %S s" java -version 2>&1 | tail -1
done
