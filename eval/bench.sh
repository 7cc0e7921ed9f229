#!/usr/bin/env bash
# Run `newsdigest bench` (release build, all five methods, 100 words, seed 42) on the
# development sets that are present and write eval/results/<set>.md: the table bench printed,
# with the date, the commit, the exact command and its wall time (model load included).
#
# Usage: eval/bench.sh [DATA_DIR]   (default: ../shared/data; sets: duc2003, opinosis)
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
for set in duc2003 opinosis; do
    dir="$data/$set"
    if [[ ! -d "$dir" ]]; then
        echo "bench.sh: $dir not found, skipping $set" >&2
        continue
    fi
    # Shown relative to the repository, as a user would type it from there.
    shown="$(realpath --relative-to="$root" "$dir")"
    tmp="$(mktemp)"
    start=$(date +%s.%N)
    "$bin" bench "$dir" >"$tmp"
    end=$(date +%s.%N)
    wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f", e - s }')
    {
        echo "# \`newsdigest bench\` on $set"
        echo
        echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
        echo "- commit: \`$commit\`"
        echo "- command: \`target/release/newsdigest bench $shown\`"
        echo "  (defaults: \`--method cluster,lead,centroid,lexrank,random --words 100 --seed 42\`)"
        echo "- wall time: $wall s for the whole command (release build, model load, reading,"
        echo "  summarising with all five methods and scoring), on $(nproc) cores with load average"
        echo "  $(cut -d' ' -f1-3 /proc/loadavg) when it finished"
        echo "- regenerate: \`eval/bench.sh\`"
        echo
        echo "Recall in percent with the 95 % bootstrap interval of ROUGE-1.5.5 (replayed exactly by"
        echo "the built-in scorer); \`words\`: mean summary length before ROUGE's 100-word cut;"
        echo "\`ms/cluster\`: wall time to summarise one cluster."
        echo
        cat "$tmp"
    } >"$out/$set.md"
    rm -f "$tmp"
    echo "bench.sh: wrote $out/$set.md ($wall s)"
    ran=$((ran + 1))
done

if [[ $ran -eq 0 ]]; then
    echo "bench.sh: no dataset found under $data" >&2
    exit 3
fi
