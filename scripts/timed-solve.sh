# Sourced by scripts/whole-process.sh and scripts/alternate-solves.sh: one `splice solve` of DIR/Z.npy against
# DIR/D.npy at λ = 0.25 in a fresh JVM, timed by /usr/bin/time, its W.npz written under SCRATCH and removed.
# SPLICE (default bin/splice) is the command; SPLICE_JAVA_OPTS, if set, reaches bin/splice as usual.
#   timed_solve DIR SCRATCH  ->  prints "WALL SOLVE" (seconds: the process's wall time, the solve's own)
timed_solve() {
  local splice=${SPLICE:-"$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/bin/splice"}
  # shellcheck disable=SC2086
  /usr/bin/time -f "%e" -o "$2/wall" $splice solve --dictionary "$1/D.npy" --embeddings "$1/Z.npy" --l1 0.25 \
      --out "$2/W.npz" > "$2/out.json" 2> /dev/null
  rm -f "$2/W.npz"
  echo "$(cat "$2/wall") $(grep -o '"seconds":[0-9.]*' "$2/out.json" | cut -d: -f2)"
}
