#!/usr/bin/env bash
# Continuing stories: does a sectioned digest mark as continuing the stories read or digested
# before, and only those? Each cluster of a dataset is cut in two by date (file names sort by
# date on DUC sets): the first half of the first N clusters is "yesterday", the second half of
# every cluster "today". The first N clusters' stories today should be continuing, the others
# not. Two ways, one mechanism:
#   seen: summarize --seen YESTERDAY TODAY (a story against single read articles);
#   run:  run on yesterday, then on today (a story against the stories of yesterday's digest).
# A story is scored by the true cluster of most of its articles (a cluster split into two
# stories counts twice).
#
# Usage: eval/continuing.sh [DATASET_DIR...]   (default: ../shared/data/duc2003 ../shared/data/duc2007)
# Needs a release build (target/release/newsdigest, or $NEWSDIGEST) and python3.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${NEWSDIGEST:-$here/target/release/newsdigest}
[ $# -gt 0 ] || set -- "$here/../shared/data/duc2003" "$here/../shared/data/duc2007"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
budget=(--words 10000 --story-words 40)

# split DATASET OUT: OUT/yesterday, OUT/today (files named CLUSTER__FILE), OUT/continuing.json
split() {
    python3 - "$1" "$2" <<'EOF'
import json, os, shutil, sys
data, out = sys.argv[1:]
for d in ("yesterday", "today"):
    os.makedirs(f"{out}/{d}")
clusters = sorted(c for c in os.listdir(data) if os.path.isdir(f"{data}/{c}/docs"))
continuing = clusters[: len(clusters) // 2]
for c in clusters:
    docs = sorted(os.listdir(f"{data}/{c}/docs"), key=lambda n: (n[3:], n))
    half = len(docs) // 2
    for i, n in enumerate(docs):
        day = "yesterday" if i < half else "today"
        if day == "today" or c in continuing:
            shutil.copy(f"{data}/{c}/docs/{n}", f"{out}/{day}/{c}__{n}")
json.dump(continuing, open(f"{out}/continuing.json", "w"))
EOF
}

# score NAME MODE DIGEST_JSON CONTINUING_JSON: one table row
score() {
    python3 - "$@" <<'EOF'
import collections, json, os, sys
name, mode, digest, truth = sys.argv[1:]
d = json.load(open(digest))
continuing = set(json.load(open(truth)))
tp = fp = fn = tn = 0
for s in d.get("stories", []):
    c = collections.Counter(os.path.basename(a).split("__")[0] for a in s["articles"])
    true = c.most_common(1)[0][0] in continuing
    tp += s["continuing"] and true
    fp += s["continuing"] and not true
    fn += not s["continuing"] and true
    tn += not s["continuing"] and not true
left = d["meta"].get("continuing_left_out")
print(f"| {name} | {mode} | {tp + fp + fn + tn} | {tp} | {fp} | {fn} | {tn} | "
      f"{tp / max(tp + fp, 1):.2f} | {tp / max(tp + fn, 1):.2f} | {left} |")
EOF
}

echo "| set | mode | stories | continuing, marked | new, marked | continuing, not marked | new, not marked | precision | recall | left out |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for data in "$@"; do
    name=$(basename "$data")
    dir=$tmp/$name
    split "$data" "$dir"
    "$bin" summarize --quiet --format json "${budget[@]}" --seen "$dir/yesterday" "$dir/today" \
        --output "$dir/seen.json"
    score "$name" seen "$dir/seen.json" "$dir/continuing.json"
    mkdir -p "$dir/incoming"
    cp "$dir"/yesterday/* "$dir/incoming/"
    run=("$bin" run --quiet --input "$dir/incoming" --output-dir "$dir/digests" --format json "${budget[@]}")
    "${run[@]}" --now 2026-11-02T06:00:00Z
    cp "$dir"/today/* "$dir/incoming/"
    "${run[@]}" --now 2026-11-03T06:00:00Z
    score "$name" run "$dir/digests/digest-2026-11-03.json" "$dir/continuing.json"
done
