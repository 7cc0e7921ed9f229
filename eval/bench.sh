#!/usr/bin/env bash
# Run `newsdigest bench` (release build, all five methods, seed 42) on the development sets
# that are present, as given and flattened (each article one block of text), and write
# eval/results/<run>.md: the table bench printed, with the date, the commit, the exact command
# and its wall time (model load included).
#
# Usage: eval/bench.sh [DATA_DIR]   (default: ../shared/data; sets: duc2003 and opinosis at
# 100 words, duc2007 at 250 words, the DUC sets also with --flatten)
# The data stays outside the repository: only the score tables are written here.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data}"
out="$root/eval/results"

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/newsdigest"
commit="$(git -C "$root" describe --always --dirty --abbrev=10)"
mkdir -p "$out"

ran=0
runs=(
    "duc2003 duc2003"
    "duc2003-flattened duc2003 --flatten"
    "duc2007 duc2007 --words 250"
    "duc2007-flattened duc2007 --words 250 --flatten"
    "opinosis opinosis"
)
for run in "${runs[@]}"; do
    read -r name set flags <<<"$run"
    flags=${flags:-}
    dir="$data/$set"
    if [[ ! -d "$dir" ]]; then
        echo "bench.sh: $dir not found, skipping $set" >&2
        continue
    fi
    # Shown relative to the repository, as a user would type it from there.
    shown="$(realpath --relative-to="$root" "$dir")"
    tmp="$(mktemp)"
    start=$(date +%s.%N)
    # shellcheck disable=SC2086 # the flags are words
    "$bin" bench "$dir" $flags >"$tmp"
    end=$(date +%s.%N)
    wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
    # Notes written by hand below the table (what was tried, and when) are kept.
    notes="$(mktemp)"
    if [[ -f "$out/$name.md" ]]; then
        awk 'found { print } /^total wall time/ { found = 1 }' "$out/$name.md" >"$notes"
    fi
    {
        echo "# \`newsdigest bench\` on $set${flags:+ ($flags)}"
        echo
        echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
        echo "- commit: \`$commit\`"
        echo "- command: \`target/release/newsdigest bench $shown${flags:+ $flags}\`"
        echo "  (defaults: \`--method cluster,lead,centroid,lexrank,random --words 100 --seed 42\`)"
        echo "- wall time: $wall s for the whole command (release build, model load, reading,"
        echo "  summarising with all five methods and scoring), on $(nproc) cores with load average"
        echo "  $(cut -d' ' -f1-3 /proc/loadavg) when it finished"
        echo "- regenerate: \`eval/bench.sh\`"
        echo
        echo "Recall in percent with the 95 % bootstrap interval of ROUGE-1.5.5 (replayed exactly by"
        echo "the built-in scorer); \`words\`: mean summary length before ROUGE's word cut;"
        echo "\`ms/cluster\`: wall time to summarise one cluster."
        echo
        cat "$tmp"
        cat "$notes"
    } >"$out/$name.md"
    rm -f "$tmp" "$notes"
    echo "bench.sh: wrote $out/$name.md ($wall s)"
    ran=$((ran + 1))
done

if [[ $ran -eq 0 ]]; then
    echo "bench.sh: no dataset found under $data" >&2
    exit 3
fi
