#!/usr/bin/env bash
# Keep rate of `newsdigest clean` on clean newswire: for each dataset, as distributed (real
# paragraphs) and flattened (each article's paragraphs on one line, as a JSONL export or an
# agency feed gives them), the % of words kept (kept / (kept + dropped as noise or repeats);
# copies of another input are counted apart) and the articles dropped whole.
#
# Usage: eval/clean.sh [DATASET_DIR...]   (default: ../shared/data/duc2003 ../shared/data/duc2007)
# Needs a release build (target/release/newsdigest, or $NEWSDIGEST) and python3.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${NEWSDIGEST:-$here/target/release/newsdigest}
[ $# -gt 0 ] || set -- "$here/../shared/data/duc2003" "$here/../shared/data/duc2007"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# One line per article; a Markdown title line stays on its own (the reader takes it as title).
flatten() {
    local src=$1 dst=$2
    for f in "$src"/*/docs/*; do
        local out="$dst/${f#"$src"/}"
        mkdir -p "$(dirname "$out")"
        awk 'NR == 1 && /^# / { print; next } NF { printf "%s%s", sep, $0; sep = " " } END { print "" }' "$f" >"$out"
    done
}

measure() {
    local name=$1 dir=$2
    "$bin" clean --format json --quiet "$dir"/*/docs | python3 -c '
import json, sys
kept = dropped = copy_words = whole = copies = n = 0
words = lambda texts: sum(len(t.split()) for t in texts)
for line in sys.stdin:
    a = json.loads(line)
    n += 1
    gone = words(d["text"] for d in a["dropped"])
    if a["duplicate_of"] is not None:
        copies += 1
        copy_words += gone
        continue
    kept += words(a["kept"])
    dropped += gone
    whole += not a["kept"]
print(f"{sys.argv[1]}\t{n}\t{100 * kept / max(kept + dropped, 1):.2f}\t{whole}\t{copies}\t{copy_words}")
' "$name"
}

printf 'set\tarticles\tkept-words-%%\tdropped-whole\tcopies\tcopy-words\n'
for d in "$@"; do
    name=$(basename "$d")
    measure "$name" "$d"
    flatten "$d" "$tmp/$name"
    measure "$name-flat" "$tmp/$name"
done
