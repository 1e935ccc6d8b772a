#!/usr/bin/env bash
# Prints, per module, the runtime dependency closure a user of that module downloads: the number of jars and their
# total size (the module's own jar included; its optional dependencies, which its users do not get, left out). Needs a built and installed project: mvn -B -DskipTests install
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO="${MAVEN_REPO:-$HOME/.m2/repository}"
for m in "${@:-splice-core splice-djl splice-spark tribuo-splice probes interventions eval cli}"; do
  for module in $m; do
    list=$(mvn -B -o -q dependency:list -pl "$module" -DincludeScope=runtime -DoutputFile=/dev/stdout 2>/dev/null \
      | grep -E '^ +[^ ]+:[^ ]+:jar:' | grep -v '(optional)' | sed -E 's/^ +//; s/ .*//' || true)
    total=0; count=0
    while IFS= read -r coord; do
      [ -z "$coord" ] && continue
      IFS=: read -r -a p <<< "$coord"
      g=${p[0]//.//}; a=${p[1]}
      if [ ${#p[@]} -eq 6 ]; then v=${p[4]}; f="$a-$v-${p[3]}.jar"; else v=${p[3]}; f="$a-$v.jar"; fi
      size=$(stat -c %s "$REPO/$g/$a/$v/$f")
      total=$((total + size)); count=$((count + 1))
    done <<< "$list"
    own=$(ls "$module"/target/*.jar 2>/dev/null | grep -v -- '-tests.jar' | head -1)
    total=$((total + $(stat -c %s "$own"))); count=$((count + 1))
    awk -v m="$module" -v n="$count" -v t="$total" 'BEGIN { printf "%-14s %3d jars %9.1f MB\n", m, n, t / 1048576 }'
  done
done
