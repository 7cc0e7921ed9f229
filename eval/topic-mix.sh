#!/usr/bin/env bash
# Following one topic in a broad feed: every article of a query-focused dataset (default
# ../shared/data/duc2007: 23 topics × 25 articles) is poured into one input, and for each
# topic the input is summarised with that topic's query.txt (`summarize --topic-file`). The
# digest is scored against that topic's references, and we count the share of its sentences
# taken from the topic's own articles. Extra arguments go to `summarize` (e.g.
# `--story-words 250`). ROUGE lines: system, metric, topics, then recall, precision and F with
# their 95 % intervals. With --own, each topic is summarised on its own articles only (what a
# reader who already has the topic's articles gets), for comparison.
#
# Usage: eval/topic-mix.sh [--data DIR] [--words N] [--own] [SUMMARIZE_ARGS...]
# Needs a release build (target/release/newsdigest, or $NEWSDIGEST) and python3.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${NEWSDIGEST:-$here/target/release/newsdigest}
data=$here/../shared/data/duc2007
words=250
own=
while [ $# -gt 0 ]; do
    case $1 in
        --data) data=$2; shift 2 ;;
        --words) words=$2; shift 2 ;;
        --own) own=1; shift ;;
        *) break ;;
    esac
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/all" "$tmp/sys" "$tmp/refs" "$tmp/json"
for t in "$data"/*/; do
    name=$(basename "$t")
    mkdir -p "$tmp/own/$name"
    for f in "$t"docs/*; do
        ln -s "$(realpath "$f")" "$tmp/all/${name}__$(basename "$f")"
        ln -s "$(realpath "$f")" "$tmp/own/$name/${name}__$(basename "$f")"
    done
    ln -s "$(realpath "$t"refs)" "$tmp/refs/$name"
done
for t in "$data"/*/; do
    name=$(basename "$t")
    input=$tmp/all
    [ -z "$own" ] || input=$tmp/own/$name
    "$bin" summarize --quiet --format json --words "$words" --topic-file "$t/query.txt" "$@" \
        "$input" > "$tmp/json/$name.json"
done
python3 - "$tmp" <<'PY'
import json, os, sys
tmp = sys.argv[1]
own = total = sectioned = 0
for f in sorted(os.listdir(f"{tmp}/json")):
    name = f[:-5]
    d = json.load(open(f"{tmp}/json/{f}"))
    texts = [s["text"] for s in d["sentences"]]
    open(f"{tmp}/sys/{name}.txt", "w").write("\n".join(texts) + "\n")
    own += sum(os.path.basename(s["source"]["id"]).startswith(name + "__") for s in d["sentences"])
    total += len(texts)
    sectioned += "stories" in d
n = len(os.listdir(f"{tmp}/json"))
print(f"topics {n}; sentences from the topic's own articles {100 * own / max(total, 1):.1f} %; "
      f"sectioned digests {sectioned}")
PY
"$bin" eval --refs "$tmp/refs" --system "$tmp/sys" \
    --rouge155 "-n 2 -x -m -2 4 -u -l $words -p 0.5 -c 95 -r 1000 -f A -t 0 -a" |
    grep -E "ROUGE-(1|2|SU4) "
