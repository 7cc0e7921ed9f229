#!/usr/bin/env python3
"""Build the inputs of eval/scale.sh from the development sets (they stay outside the repository).

Writes JSON Lines files (one article per line: id, title, source, text) into OUT_DIR:
  real-100.jsonl, real-1000.jsonl, real-all.jsonl  the articles of bbc + duc2003 + duc2007, mixed
                                                   in a fixed pseudo-random order
  synthetic-N/part-*.jsonl                         a synthetic day of about N sentences: paragraphs
                                                   drawn from the whole set into new articles, so
                                                   that articles are new text, not copies (in parts
                                                   of 5,000 articles: one file is read up to 64 MiB)
  repeated.jsonl                                   the whole set twice under new names (every
                                                   article of the second half is a copy)

Usage: eval/scale_inputs.py DATA_DIR OUT_DIR [SENTENCES ...]   (default: 300000 1000000)
"""
import json
import os
import random
import re
import sys

SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*(\s|$)")


def articles(data):
    """(source, title, text) of every article of the three sets, in a fixed order."""
    out = []
    for set_name in ("bbc", "duc2003", "duc2007"):
        root = os.path.join(data, set_name)
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames.sort()
            if set_name != "bbc" and os.path.basename(dirpath) != "docs":
                continue
            for name in sorted(filenames):
                if not name.endswith((".txt", ".md")) or name == "README.TXT":
                    continue
                with open(os.path.join(dirpath, name), encoding="utf-8", errors="replace") as f:
                    text = f.read()
                lines = [l.strip() for l in text.splitlines() if l.strip()]
                if not lines:
                    continue
                title = lines[0].lstrip("# ").strip()
                source = f"{set_name}-{os.path.basename(os.path.dirname(dirpath)) if set_name != 'bbc' else os.path.basename(dirpath)}-{name}"
                out.append((source, title, "\n\n".join(lines[1:])))
    return out


def write(path, rows):
    with open(path, "w", encoding="utf-8") as f:
        for i, (source, title, text) in enumerate(rows):
            f.write(json.dumps({"id": f"a{i:07d}", "title": title, "source": source, "text": text}) + "\n")


def split(paragraph):
    """Sentences of a paragraph, roughly (for drawing, not for measuring)."""
    out, start = [], 0
    for m in SENTENCE_END.finditer(paragraph):
        out.append(paragraph[start:m.end()].strip())
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    data, out = sys.argv[1], sys.argv[2]
    targets = [int(n) for n in sys.argv[3:]] or [300_000, 1_000_000]
    os.makedirs(out, exist_ok=True)
    real = articles(data)
    random.Random(42).shuffle(real)
    write(os.path.join(out, "real-100.jsonl"), real[:100])
    write(os.path.join(out, "real-1000.jsonl"), real[:1000])
    write(os.path.join(out, "real-all.jsonl"), real)
    write(os.path.join(out, "repeated.jsonl"),
          real + [(s + "-again", t, x) for s, t, x in real])
    pool = [s for _, _, text in real for p in text.split("\n\n") for s in split(p)]
    rng = random.Random(7)
    for target in targets:
        rows, count = [], 0
        while count < target:
            # Six paragraphs of three sentences each: new paragraphs, so that articles are not
            # copies of each other, though their sentences recur across the day.
            body = [" ".join(rng.choice(pool) for _ in range(3)) for _ in range(6)]
            count += 18
            rows.append((f"outlet-{len(rows) % 400}", body[0][:60], "\n\n".join(body)))
        day = os.path.join(out, f"synthetic-{target}")
        os.makedirs(day, exist_ok=True)
        for part in range(0, len(rows), 5000):
            write(os.path.join(day, f"part-{part // 5000:03d}.jsonl"), rows[part:part + 5000])
    print(f"{len(real)} articles; files in {out}")


if __name__ == "__main__":
    main()
