#!/usr/bin/env bash
# How much the `cluster` method's ROUGE moves with the k-means seed alone: `bench` on duc2003
# (100 words), duc2007 (250 words, generic and with its topics) and duc2007-update (with topic
# and seen sets, and generic each set alone) at seeds 1-4 and the default 42, with the mean and
# the spread. A change to the method that moves a figure by less than this spread is not
# measured by one seed. Writes eval/results/seeds.md with the date, the commit and the commands.
#
# Usage: eval/seeds.sh [DATA_DIR]   (default: ../shared/data)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data}"
out="$root/eval/results/seeds.md"
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/newsdigest"
commit="$(git -C "$root" describe --always --dirty --abbrev=10)"
seeds=(1 2 3 4 42)

# "R-1 R-2 SU4" recall of the cluster row of one bench run.
scores() {
    "$bin" bench "$@" --method cluster | awk -F'|' '$2 ~ /cluster/ {
        for (i = 3; i <= 5; i++) { split($i, v, " "); printf "%s ", v[1] } }'
}

{
    echo "# ROUGE of the \`cluster\` method by k-means seed"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- commit: \`$commit\`, release build"
    echo "- command: \`target/release/newsdigest bench DATA [FLAGS] --method cluster --seed S\`, the"
    echo "  flags as in the first column; regenerate: \`eval/seeds.sh\`"
    echo
    echo "Recall in percent (ROUGE-1.5.5 flags of \`bench\`). Every weight of the method was tuned"
    echo "at the default seed 42, so a figure at 42 carries some of that choice's luck: on new data,"
    echo "expect the mean of the seeds rather than the seed-42 figure."
    echo
    echo "| set and flags | seed | R-1 | R-2 | SU4 |"
    echo "|---|---:|---:|---:|---:|"
    for run in "duc2003" "duc2007 --words 250" "duc2007 --words 250 --topic-from-query" \
        "duc2007-update --topic-from-query" "duc2007-update --no-seen"; do
        read -r set flags <<<"$run"
        [[ -d "$data/$set" ]] || { echo "seeds.sh: $data/$set not found" >&2; continue; }
        label="$set${flags:+ \`$flags\`}"
        all=""
        for seed in "${seeds[@]}"; do
            # shellcheck disable=SC2086 # the flags are words
            s="$(scores "$data/$set" ${flags:-} --seed "$seed")"
            all+="$s"$'\n'
            read -r r1 r2 su4 <<<"$s"
            echo "| $label | $seed | $r1 | $r2 | $su4 |"
        done
        printf '%s' "$all" | awk -v set="$label" '
            NF == 3 { for (i = 1; i <= 3; i++) { s[i] += $i; if (n == 0 || $i < lo[i]) lo[i] = $i;
                      if (n == 0 || $i > hi[i]) hi[i] = $i } n++ }
            END { printf "| %s | mean (spread) |", set
                  for (i = 1; i <= 3; i++) printf " %.2f (%.2f–%.2f) |", s[i] / n, lo[i], hi[i]
                  printf "\n" }'
    done
} >"$out"
cat "$out"
