#!/usr/bin/env bash
# The update task as a reader runs it, through `summarize` rather than `bench`: for each topic
# of ../shared/data/duc2007-update, set A with the topic, B with the topic and A seen, C with
# the topic and A and B seen, 100 words each (no word-cut overflow, unlike bench), scored
# against each set's references. Extra arguments go to every `summarize` call.
#
# Usage: eval/update-cli.sh [--data DIR] [SUMMARIZE_ARGS...]
# Needs a release build (target/release/newsdigest, or $NEWSDIGEST).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${NEWSDIGEST:-$here/target/release/newsdigest}
data=$here/../shared/data/duc2007-update
if [ "${1:-}" = --data ]; then data=$2; shift 2; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/sys" "$tmp/refs"
for t in "$data"/*/; do
    [ -d "$t/A" ] || continue
    n=$(basename "$t")
    for s in A B C; do ln -s "$(realpath "$t/$s/refs")" "$tmp/refs/$n-$s"; done
    q=(--quiet --words 100 --topic-file "$t/query.txt")
    "$bin" summarize "${q[@]}" "$@" "$t/A/docs" > "$tmp/sys/$n-A.txt"
    "$bin" summarize "${q[@]}" --seen "$t/A/docs" "$@" "$t/B/docs" > "$tmp/sys/$n-B.txt"
    "$bin" summarize "${q[@]}" --seen "$t/A/docs" --seen "$t/B/docs" "$@" "$t/C/docs" \
        > "$tmp/sys/$n-C.txt"
done
"$bin" eval --refs "$tmp/refs" --system "$tmp/sys" \
    --rouge155 "-n 2 -x -m -2 4 -u -l 100 -p 0.5 -c 95 -r 1000 -f A -t 0 -a" |
    grep -E "ROUGE-(1|2|SU4) "
