#!/usr/bin/env bash
# Regenerates the tables in docs/ that come from the engine's own schema and metric list
# (between the `<!-- generated: NAME -->` and `<!-- end generated -->` markers), then the marked
# examples of README.md and docs/*.md (scripts/doc-examples.py).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-build/povsim}
replace() {  # file, marker name, content file
  awk -v name="$2" -v content="$3" '
    $0 == "<!-- generated: " name " -->" { print; while ((getline line < content) > 0) print line; skip = 1; next }
    skip && $0 == "<!-- end generated -->" { skip = 0 }
    !skip { print }' "$1" > "$1.tmp" && mv "$1.tmp" "$1"
}
tmp=$(mktemp -d)
"$bin" schema --markdown > "$tmp/schema.md"
"$bin" metrics > "$tmp/metrics.md"
replace docs/parameters.md schema "$tmp/schema.md"
replace docs/outputs.md metrics "$tmp/metrics.md"
rm -rf "$tmp"
# The marked examples of README.md and docs/*.md: rerun and rewritten where the program differs.
python3 scripts/doc-examples.py --update "$bin"
