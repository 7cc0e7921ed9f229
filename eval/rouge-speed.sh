#!/usr/bin/env bash
# Time `newsdigest eval` (release build) on every peer of the duc2003 ROUGE vectors under all six
# option sets of vectors.json, i.e. the work ROUGE-1.5.5 needs about 40 s for on this machine.
# Time of the six commands together, process start-up and file reading included.
#
# Usage: eval/rouge-speed.sh [VECTORS_DIR]   (default: ../shared/rouge-vectors/duc2003)
# Needs: python3 (to read the flags from vectors.json). The data stays outside the repository.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${1:-$root/../shared/rouge-vectors/duc2003}"
perl_seconds=40 # ROUGE-1.5.5 on the same work (README of the vectors / issue 4)

if [[ ! -f "$dir/vectors.json" ]]; then
    echo "rouge-speed: $dir/vectors.json not found (the duc2003 vectors live in ../shared)" >&2
    exit 3
fi
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/newsdigest"

mapfile -t flag_sets < <(python3 -c '
import json, sys
for spec in json.load(open(sys.argv[1]))["option_sets"].values():
    print(spec["flags"])' "$dir/vectors.json")

systems=()
for peer in "$dir"/peers/*/; do systems+=(--system "$peer"); done

# Bash's `time` gives wall-clock and the CPU time of the six processes (user + sys); on a shared
# machine the wall-clock depends on the load, the CPU time much less.
TIMEFORMAT='%R %U %S'
timing=$( { time for flags in "${flag_sets[@]}"; do
    "$bin" eval --refs "$dir/refs" "${systems[@]}" --rouge155 "$flags" --format csv --per-cluster >/dev/null
done; } 2>&1 )

python3 - "$timing" "${#flag_sets[@]}" "$((${#systems[@]} / 2))" "$perl_seconds" <<'EOF'
import sys
real, user, system = map(float, sys.argv[1].split())
sets, peers, perl = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
print(f"newsdigest eval: {peers} peers x {sets} option sets in {real:.3f} s wall, "
      f"{user + system:.3f} s CPU (ROUGE-1.5.5: ~{perl:.0f} s; {perl / real:.0f}x faster)")
EOF
