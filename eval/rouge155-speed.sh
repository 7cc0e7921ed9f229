#!/usr/bin/env bash
# Time `newsdigest rouge155` on a NIST-style jackknifed run the size of an official one
# (200 evaluations x 39 peers; the issue's held-out run, which the Perl script needs about an
# hour for). It is built from ../shared/rouge-nist/duc2007-update (60 evaluations x 34 peers):
# its EVAL blocks are repeated under new IDs up to 200, and 5 more peer IDs score copies of
# existing peers' files. Flags: that run's COMMAND. Output is checked against nothing here
# (tests/rouge155.rs checks the real run line by line); this measures time and memory.
#
# Usage: eval/rouge155-speed.sh [NIST_DIR]   (default: ../shared/rouge-nist/duc2007-update)
# Needs: python3, GNU time (/usr/bin/time) if present for the peak memory.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
src="$(cd "${1:-$root/../shared/rouge-nist/duc2007-update}" 2>/dev/null && pwd)" || {
    echo "rouge155-speed: the NIST run is not there (it lives in ../shared)" >&2
    exit 3
}
cargo build --release --quiet --manifest-path "$root/Cargo.toml"
bin="${CARGO_TARGET_DIR:-$root/target}/release/newsdigest"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ln -s "$src/peers" "$work/peers"
ln -s "$src/models" "$work/models"

python3 - "$src/rougejk.in" "$work/scaled.in" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
evals = re.findall(r'<EVAL ID="([^"]+)">(.*?)</EVAL>', text, re.S)
extra = 39 - len(set(re.findall(r'<P ID="([^"]+)"', text)))
out = ['<ROUGE_EVAL version="1.5.5">']
for i in range(200):
    eid, body = evals[i % len(evals)]
    peers = re.findall(r'<P ID="([^"]+)">([^<]+)</P>', body)
    more = "".join(f'<P ID="{p}x">{f}</P>\n' for p, f in peers[:extra])
    body = body.replace("</PEERS>", more + "</PEERS>")
    out.append(f'<EVAL ID="{eid}.{i // len(evals)}">{body}</EVAL>')
out.append("</ROUGE_EVAL>")
open(sys.argv[2], "w").write("\n".join(out) + "\n")
PY

flags="-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -t 0 -a -d"
evals=$(grep -c '<EVAL ID' "$work/scaled.in")
peers=$(grep -o '<P ID="[^"]*"' "$work/scaled.in" | sort -u | wc -l)
echo "rouge155 on $evals evaluations x $peers peers, flags: $flags"
cd "$work"
if [[ -x /usr/bin/time ]]; then
    /usr/bin/time -f "wall %e s, user %U s, sys %S s, peak %M KB" \
        "$bin" rouge155 $flags scaled.in >out.txt 2>warnings.txt
else
    time "$bin" rouge155 $flags scaled.in >out.txt 2>warnings.txt
fi
grep -v "ROUGE Warning" warnings.txt >&2 || true
echo "$(wc -l <out.txt) lines printed, $(grep -c "ROUGE Warning" warnings.txt) warnings (peers missing from an evaluation, as in the original run)"
