#!/usr/bin/env bash
# Small feeds of unrelated stories: sets of 2, 3 and 5 BBC articles, each from a different
# section (30 sets per size, fixed seed), each article its own labelled "story". A set counts
# as merged when story detection finds fewer stories than articles. Run as `bench --mix`.
#
# Usage: eval/small-feeds.sh [BBC_DIR]   (default: ../shared/data/bbc)
# Needs a release build (target/release/newsdigest, or $NEWSDIGEST) and python3.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${NEWSDIGEST:-$here/target/release/newsdigest}
bbc=${1:-$here/../shared/data/bbc}
[ -d "$bbc/business" ] || { echo "small-feeds: $bbc has no BBC sections" >&2; exit 3; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 - "$bbc" "$tmp" <<'PY'
import os, random, sys
bbc, out = sys.argv[1], sys.argv[2]
random.seed(7)
sections = ["business", "entertainment", "politics", "sport", "tech"]
files = {s: sorted(os.listdir(f"{bbc}/{s}")) for s in sections}
for size in (2, 3, 5):
    for k in range(30):
        for s in random.sample(sections, size):
            f = random.choice(files[s])
            d = f"{out}/n{size}/set{k}/{s}"
            os.makedirs(f"{d}/docs")
            os.makedirs(f"{d}/refs")
            os.symlink(os.path.abspath(f"{bbc}/{s}/{f}"), f"{d}/docs/{f}")
            open(f"{d}/refs/ref.txt", "w").write("unused\n")
PY
echo "| articles per set | sets merged (fewer stories than articles) |"
echo "|---:|---:|"
for size in 2 3 5; do
    merged=0
    for set in "$tmp/n$size"/set*; do
        found=$("$bin" bench --mix "$set" --story-words 0 2>/dev/null |
            awk -F'|' '/^\| [01]\./ {print $5 + 0; exit}')
        [ "${found:-0}" -lt "$size" ] && merged=$((merged + 1))
    done
    echo "| $size | $merged / 30 |"
done
