#!/usr/bin/env bash
# Each cluster of a dataset summarised as a reader runs it, `summarize CLUSTER/docs` (default
# `--stories auto`, no word-cut overflow, unlike bench), scored against the cluster's
# references; prints how many digests came out sectioned, then the ROUGE lines (system,
# metric, clusters, recall, precision and F with their 95 % intervals). Extra arguments go to
# `summarize` (e.g. `--stories off`).
#
# Usage: eval/summarize-clusters.sh DATASET_DIR WORDS [SUMMARIZE_ARGS...]
#   e.g. eval/summarize-clusters.sh ../shared/data/duc2003 100
# Needs a release build (target/release/newsdigest, or $NEWSDIGEST) and python3.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${NEWSDIGEST:-$here/target/release/newsdigest}
[ $# -ge 2 ] || { echo "usage: $0 DATASET_DIR WORDS [SUMMARIZE_ARGS...]" >&2; exit 2; }
data=$1 words=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/sys" "$tmp/refs" "$tmp/json"
for c in "$data"/*/; do
    [ -d "$c/docs" ] || continue
    n=$(basename "$c")
    ln -s "$(realpath "$c/refs")" "$tmp/refs/$n"
    "$bin" summarize --quiet --format json --words "$words" "$@" "$c/docs" > "$tmp/json/$n.json"
done
python3 - "$tmp" <<'PY'
import json, os, sys
tmp = sys.argv[1]
names = sorted(os.listdir(f"{tmp}/json"))
sectioned = 0
for f in names:
    d = json.load(open(f"{tmp}/json/{f}"))
    sectioned += "stories" in d
    open(f"{tmp}/sys/{f[:-5]}.txt", "w").write("\n".join(s["text"] for s in d["sentences"]) + "\n")
print(f"clusters {len(names)}; sectioned digests {sectioned}")
PY
"$bin" eval --refs "$tmp/refs" --system "$tmp/sys" \
    --rouge155 "-n 2 -x -m -2 4 -u -l $words -p 0.5 -c 95 -r 1000 -f A -t 0 -a" |
    grep -E "ROUGE-(1|2|SU4) "
