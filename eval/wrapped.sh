#!/usr/bin/env bash
# `bench` on hard-wrapped articles: every article of a dataset run through `fold -s -w WIDTH`
# (e-mail and plain-text wire copy look like this), the references as they are. Prints the
# table `bench` prints; compare it with eval/results/<set>.md.
#
# Usage: eval/wrapped.sh [DATASET_DIR] [WIDTH] [bench flags…]
#        (defaults: ../shared/data/duc2003, 72; e.g. eval/wrapped.sh ../shared/data/duc2007 72 --words 250)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
set_dir="${1:-$root/../shared/data/duc2003}"
width="${2:-72}"
shift $(($# < 2 ? $# : 2))
[[ -d "$set_dir" ]] || { echo "wrapped.sh: $set_dir not found" >&2; exit 3; }
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/newsdigest"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r "$set_dir/." "$work/"
find "$work" -path '*/docs/*' -type f | while read -r f; do
    fold -s -w "$width" "$f" >"$f.wrapped" && mv "$f.wrapped" "$f"
done
"$bin" bench "$work" "$@"
