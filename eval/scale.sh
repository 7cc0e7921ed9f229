#!/usr/bin/env bash
# Scale benchmark: wall time, CPU time and peak memory of `summarize --words 250` for every
# method on growing inputs built from the development sets (bbc + duc2003 + duc2007, about
# 3,100 articles): 100, 1,000 and all articles; the whole set repeated under new names (every
# second article a copy, which the copy index must fold in linear time); and synthetic days of
# about 300 k and 1 M sentences (sentences of the whole set drawn into new articles).
# Writes eval/results/scale.md with the date, the commit and the commands.
#
# Usage: eval/scale.sh [DATA_DIR] [WORK_DIR]   (defaults: ../shared/data, a temporary directory)
# The inputs are generated into WORK_DIR (about 200 MB) and never enter the repository.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
data="${1:-$root/../shared/data}"
work="${2:-$(mktemp -d)}"
out="$root/eval/results/scale.md"
for set in bbc duc2003 duc2007; do
    [[ -d "$data/$set" ]] || { echo "scale.sh: $data/$set not found" >&2; exit 1; }
done

cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/newsdigest"
commit="$(git -C "$root" describe --always --dirty --abbrev=10)"
python3 "$root/eval/scale_inputs.py" "$data" "$work" 300000 1000000 >/dev/null

inputs=(real-100.jsonl real-1000.jsonl real-all.jsonl repeated.jsonl synthetic-300000 synthetic-1000000)
methods=(cluster lead centroid lexrank random)

# "wall cpu rss_mb" of one run.
measure() {
    local t
    t="$(mktemp)"
    /usr/bin/time -f "%e %U %S %M" -o "$t" "$@" >/dev/null 2>&1 || true
    awk '{printf "%.2f %.2f %.0f", $1, $2 + $3, $4 / 1024}' "$t"
    rm -f "$t"
}

# Sections written by hand below the tables ("## …": what changed, and when) are kept.
notes="$(mktemp)"
if [[ -f "$out" ]]; then
    awk '/^## / { found = 1 } found { print }' "$out" >"$notes"
fi
{
    echo "# Scale: summarize --words 250 on growing inputs"
    echo
    echo "Measured $(date -u +%Y-%m-%d) at commit \`$commit\` on $(nproc) cores with \`eval/scale.sh\`"
    echo "(release build, default model; each figure one run: \`/usr/bin/time\` wall, user + system"
    echo "CPU, maximum resident set size). Inputs: \`eval/scale_inputs.py $data WORK 300000 1000000\`."
    echo
    echo "| input | articles | sentences | method | wall s | CPU s | peak MB |"
    echo "| --- | --: | --: | --- | --: | --: | --: |"
} >"$out"

declare -A sentences wall
for input in "${inputs[@]}"; do
    path="$work/$input"
    meta="$("$bin" summarize --quiet --words 250 --method lead --format json "$path" 2>/dev/null |
        python3 -c 'import json,sys; m=json.load(sys.stdin)["meta"]; print(m["inputs"], m["sentences_total"])')"
    read -r articles total <<<"$meta"
    sentences[$input]=$total
    for method in "${methods[@]}"; do
        read -r w c m <<<"$(measure "$bin" summarize --quiet --words 250 --method "$method" "$path")"
        [[ $method == cluster ]] && wall[$input]=$w
        echo "| ${input%.jsonl} | $articles | $total | $method | $w | $c | $m |" >>"$out"
        echo "$input $method: $w s wall, $c s CPU, $m MB" >&2
    done
done

read -r w c m <<<"$(measure "$bin" summarize "$root/examples/peace-talks")"
{
    echo "| examples/peace-talks | 5 | | cluster (100 words) | $w | $c | $m |"
    echo
    echo "Growth of the cluster method's wall time against the growth of the input (sentences):"
    echo
    echo "| from | to | sentences × | time × |"
    echo "| --- | --- | --: | --: |"
} >>"$out"
pairs=("real-100.jsonl real-1000.jsonl" "real-1000.jsonl synthetic-300000" "synthetic-300000 synthetic-1000000")
for pair in "${pairs[@]}"; do
    read -r a b <<<"$pair"
    python3 - "$a" "$b" "${sentences[$a]}" "${sentences[$b]}" "${wall[$a]}" "${wall[$b]}" >>"$out" <<'PY'
import sys
a, b, sa, sb, wa, wb = sys.argv[1:]
print(f"| {a.replace('.jsonl', '')} | {b.replace('.jsonl', '')} | {int(sb) / int(sa):.1f} | {float(wb) / max(float(wa), 0.01):.1f} |")
PY
done
if [[ -s "$notes" ]]; then
    echo >>"$out"
    cat "$notes" >>"$out"
fi
rm -f "$notes"
echo "wrote $out" >&2
