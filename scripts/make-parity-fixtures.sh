#!/usr/bin/env bash
# Regenerates the parity fixtures under splice-core/src/test/resources/io/github/splice4j/parity/:
# generated CLIP-like problems (splice generate) solved by the SpLiCE reference solvers
# (../shared/peer/splice_reference.py: sklearn Lasso(positive=True) per embedding, and the reference ADMM).
# Needs /usr/bin/python3 with Debian's python3-sklearn. The outputs are committed; tests never run Python.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PEER="${SPLICE_PEER:-$ROOT/../shared/peer/splice_reference.py}"
OUT="$ROOT/splice-core/src/test/resources/io/github/splice4j/parity"
PY=/usr/bin/python3
mkdir -p "$OUT"

problem() { # name concepts n seed dtype
  local dir="$OUT/$1"
  rm -rf "$dir"
  "$ROOT/bin/splice" generate --concepts "$2" --n "$3" --seed "$4" --dtype "$5" --out "$dir"
  rm -f "$dir/concepts.npy" "$dir/images.npy"
}

peer() { # name solver l1 [limit]
  local dir="$OUT/$1" limit=()
  [ -n "${4:-}" ] && limit=(--limit "$4")
  local cmd=("$PY" "$PEER" --dictionary "$dir/D.npy" --embeddings "$dir/Z.npy" --l1 "$3" --solver "$2" "${limit[@]}"
             --out "$dir/W_$2_$3.npy")
  echo "${cmd[*]}" | sed "s#$ROOT/##g; s#$(dirname "$PEER")/#../shared/peer/#" > "$dir/W_$2_$3.command.txt"
  "${cmd[@]}" | tee "$dir/W_$2_$3.json"
}

problem c2000 2000 40 11 float32
peer c2000 skl 0.25
peer c2000 skl 0.1
peer c2000 admm 0.25 10

problem c300 300 30 5 float64
peer c300 skl 0.25
peer c300 skl 0.05
peer c300 admm 0.25
