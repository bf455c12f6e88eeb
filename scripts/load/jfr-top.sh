#!/usr/bin/env bash
# Top frames of a JFR recording: where the CPU samples were (own frame) and which Bella methods were on the stack.
#   scripts/load/jfr-top.sh target/load/bella.jfr [N]
set -euo pipefail
file=$1; n=${2:-15}
jfr summary "$file" | grep -E "jdk.ExecutionSample|Duration|Start" || true
jfr print --stack-depth 64 --events jdk.ExecutionSample "$file" >"$file.samples.txt"
echo "-- top $n frames (top of stack) --"
awk '/stackTrace = \[/ { getline; sub(/^ +/, ""); sub(/line:.*/, ""); print }' "$file.samples.txt" | sort | uniq -c | sort -rn | head -"$n"
echo "-- top $n app.bella / org.apache.camel frames anywhere on the stack --"
awk '/stackTrace = \[/ { inside=1; delete seen; next } inside && /^ *\]/ { inside=0 }
     inside && /app\.bella|org\.apache\.camel\.component|com\.zaxxer|org\.postgresql/ { f=$0; sub(/^ +/, "", f); sub(/line:.*/, "", f); if (!(f in seen)) { seen[f]=1; print f } }' \
  "$file.samples.txt" | sort | uniq -c | sort -rn | head -"$n"
rm -f "$file.samples.txt"
