#!/usr/bin/env python3
"""Distil all-MiniLM-L6-v2 into a static, product-quantised finalfusion word-embedding model.

Model2Vec's method, without torch: every vocabulary item is run alone through the transformer
([CLS] + its word pieces + [SEP]) and the mean of the output token vectors becomes its static
vector. The matrix is reduced by PCA, rotated by a seeded random orthogonal matrix (so that the
variance is spread evenly over the PQ sub-spaces), product-quantised (one byte per sub-vector)
and written as a finalfusion file: a SimpleVocab chunk and a QuantizedArray chunk with norms.

Vocabulary order carries the word probabilities newsdigest's SIF weights use (p ~ 1/(rank+2)):
wordfreq's top English words first (most frequent first), then news names, then the
transformer's own word pieces (for any word not in the vocabulary, looked up piece by piece).

Deterministic for a given set of package versions and arguments (seeded).
"""

import argparse
import json
import math
import os
import re
import struct
import sys
import time
from concurrent.futures import ProcessPoolExecutor

import numpy as np

TOKEN_RE = re.compile(r"^\w+(?:['\-]\w+)*$")

# News names the default model must know as whole words (checked by tests/embeddings.rs).
# Added to the vocabulary so each gets its own distilled vector instead of a piece average.
NEWS_WORDS = """
rubio witkoff kushner zelensky zelenskyy zelenskiy ushakov pokrovsk vovchansk zaporizhzhia
zaporozhye donetsk lugansk luhansk crimea kursk jeddah nato ceasefire kremlin kharkiv kherson
mariupol bakhmut avdiivka kyiv kiev odesa odessa dnipro sumy chernihiv lavrov peskov dmitriev
umerov yermak sybiha zaluzhny syrskyi budanov shoigu gerasimov belousov medvedev putin trump
vance hegseth waltz kellogg starmer macron merz meloni scholz erdogan orban stubb tusk rutte
kallas costa leyen istanbul riyadh doha ankara alaska anchorage minsk donbas novorossiya
kupiansk lyman toretsk chasiv siversk kostiantynivka huliaipole orikhiv robotyne dnipropetrovsk
belgorod bryansk sudzha zapad wagner prigozhin navalny menafn interfax tass ukrinform
""".split()


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model-dir", required=True, help="directory with model.safetensors and tokenizer.json")
    ap.add_argument("--work", required=True, help="directory for the raw distilled matrix (cache)")
    ap.add_argument("--out", required=True, help="output .fifu file")
    ap.add_argument("--words", type=int, default=150000, help="wordfreq top-N English words (0: pieces only)")
    ap.add_argument("--pca", type=int, default=256, help="dimensions after PCA")
    ap.add_argument("--subquantizers", type=int, default=64, help="PQ sub-quantisers (0: dense storage)")
    ap.add_argument("--kmeans-iter", type=int, default=20)
    ap.add_argument("--jobs", type=int, default=2, help="processes for the forward passes")
    ap.add_argument("--batch", type=int, default=256)
    ap.add_argument("--seed", type=int, default=1)
    return ap.parse_args()


# ---------------------------------------------------------------- vocabulary

def build_vocab(tokenizer, n_words):
    """Items in SIF rank order, and the word-piece ids of each (without [CLS]/[SEP])."""
    vocab = tokenizer.get_vocab()  # piece -> id
    items, seen = [], set()

    def add(w):
        if w not in seen:
            seen.add(w)
            items.append(w)

    if n_words > 0:
        import wordfreq

        for w in wordfreq.top_n_list("en", n_words * 2, wordlist="large"):
            w = w.lower()
            if TOKEN_RE.match(w) and not w.isdigit():
                add(w)
            if len(items) >= n_words:
                break
        for w in NEWS_WORDS:
            add(w)
    pieces = sorted(vocab.items(), key=lambda kv: kv[1])
    for p, _ in pieces:
        if p.startswith("[") and p.endswith("]"):
            continue  # [PAD], [unusedN], [CLS], ...
        add(p)

    ids = []
    enc = tokenizer.encode_batch([w for w in items if not w.startswith("##")], add_special_tokens=False)
    it = iter(enc)
    for w in items:
        if w.startswith("##"):
            ids.append([vocab[w]])
        else:
            ids.append(next(it).ids)
    return items, ids


# ---------------------------------------------------------------- transformer forward pass

W = {}


def erf(x):
    # Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): numpy has no erf and scipy is not needed.
    s = np.sign(x)
    x = np.abs(x)
    t = 1.0 / (1.0 + 0.3275911 * x)
    y = 1.0 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * np.exp(-x * x)
    return s * y


def layer_norm(x, g, b, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * g + b


def init_worker(model_dir):
    from safetensors.numpy import load_file

    global W
    W = load_file(os.path.join(model_dir, "model.safetensors"))


def forward(ids):
    """Mean-pooled last hidden state for a batch of equal-length id sequences (B, L)."""
    B, L = ids.shape
    x = W["embeddings.word_embeddings.weight"][ids] + W["embeddings.position_embeddings.weight"][:L] + W["embeddings.token_type_embeddings.weight"][0]
    x = layer_norm(x, W["embeddings.LayerNorm.weight"], W["embeddings.LayerNorm.bias"])
    H, D = 12, 32
    for i in range(6):
        p = f"encoder.layer.{i}."

        def lin(v, name):
            return v @ W[p + name + ".weight"].T + W[p + name + ".bias"]

        q = lin(x, "attention.self.query").reshape(B, L, H, D).transpose(0, 2, 1, 3)
        k = lin(x, "attention.self.key").reshape(B, L, H, D).transpose(0, 2, 3, 1)
        v = lin(x, "attention.self.value").reshape(B, L, H, D).transpose(0, 2, 1, 3)
        a = (q @ k) / math.sqrt(D)
        a = np.exp(a - a.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        ctx = (a @ v).transpose(0, 2, 1, 3).reshape(B, L, H * D)
        x = layer_norm(x + lin(ctx, "attention.output.dense"), W[p + "attention.output.LayerNorm.weight"], W[p + "attention.output.LayerNorm.bias"])
        h = lin(x, "intermediate.dense")
        h = 0.5 * h * (1.0 + erf(h / math.sqrt(2.0)))
        x = layer_norm(x + lin(h, "output.dense"), W[p + "output.LayerNorm.weight"], W[p + "output.LayerNorm.bias"])
    return x.mean(axis=1)


def run_batch(job):
    idx, seqs = job
    return idx, forward(np.asarray(seqs, dtype=np.int64)).astype(np.float32)


def distil(model_dir, ids, jobs, batch):
    cls, sep = 101, 102
    by_len = {}
    for i, s in enumerate(ids):
        by_len.setdefault(len(s), []).append(i)
    batches = []
    for _, idx in sorted(by_len.items()):
        for start in range(0, len(idx), batch):
            part = idx[start:start + batch]
            batches.append((part, [[cls] + ids[i][:126] + [sep] for i in part]))
    out = np.zeros((len(ids), 384), dtype=np.float32)
    t0, done = time.time(), 0
    with ProcessPoolExecutor(max_workers=jobs, initializer=init_worker, initargs=(model_dir,)) as ex:
        for n, (idx, vecs) in enumerate(ex.map(run_batch, batches)):
            out[idx] = vecs
            done += len(idx)
            if n % 20 == 19:
                print(f"  distilled {done}/{len(ids)} items, {time.time() - t0:.0f} s", file=sys.stderr, flush=True)
    return out


# ---------------------------------------------------------------- reduction and quantisation

def pca(x, dims):
    mean = x.mean(0)
    xc = (x - mean).astype(np.float64)
    cov = xc.T @ xc / len(xc)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1][:dims]
    kept = vals[order].sum() / vals.sum()
    return (xc @ vecs[:, order]).astype(np.float32), kept


def kmeans(x, k, iters, rng, train=50000):
    """Lloyd's k-means on a sample (x is one small PQ sub-space), then every row assigned."""
    t = x[rng.choice(len(x), min(train, len(x)), replace=False)] if len(x) > train else x
    c = t[rng.choice(len(t), k, replace=False)].copy()

    def assign(v):
        return ((v * v).sum(1)[:, None] - 2 * v @ c.T + (c * c).sum(1)[None, :]).argmin(1)

    for _ in range(iters):
        a = assign(t)
        counts = np.bincount(a, minlength=k)
        sums = np.stack([np.bincount(a, weights=t[:, d], minlength=k) for d in range(t.shape[1])], 1)
        empty = counts == 0
        c = (sums / np.maximum(counts, 1)[:, None]).astype(np.float32)
        c[empty] = t[rng.integers(len(t), size=int(empty.sum()))]
    return c, assign(x).astype(np.uint8)


def product_quantize(x, n_sub, iters, rng):
    n, dims = x.shape
    sub = dims // n_sub
    cents = np.zeros((n_sub, 256, sub), dtype=np.float32)
    codes = np.zeros((n, n_sub), dtype=np.uint8)
    for s in range(n_sub):
        cents[s], codes[:, s] = kmeans(x[:, s * sub:(s + 1) * sub], 256, iters, rng)
    return cents, codes


# ---------------------------------------------------------------- finalfusion writer

def pad(pos):
    # finalfusion's padding::<f32>: always 1-4 bytes, 4 when already aligned.
    return 4 - pos % 4


def write_fifu(path, words, matrix=None, pq=None, norms=None, metadata=None):
    """finalfusion format, version 0: header, [metadata], SimpleVocab, NdArray or QuantizedArray."""
    chunks = ([5] if metadata else []) + [1, 4 if pq is not None else 2]
    with open(path, "wb") as f:
        f.write(b"FiFu" + struct.pack("<II", 0, len(chunks)) + struct.pack(f"<{len(chunks)}I", *chunks))
        if metadata:
            m = metadata.encode()
            f.write(struct.pack("<IQ", 5, len(m)) + m)
        enc = [w.encode() for w in words]
        body = struct.pack("<Q", len(enc)) + b"".join(struct.pack("<I", len(w)) + w for w in enc)
        f.write(struct.pack("<IQ", 1, len(body)) + body)
        if pq is None:
            rows, cols = matrix.shape
            pos = f.tell() + 4  # padding is computed after the chunk identifier
            n_pad = pad(pos)
            body = struct.pack("<QII", rows, cols, 10) + b"\0" * n_pad + matrix.astype("<f4").tobytes()
            f.write(struct.pack("<IQ", 2, len(body)) + body)
        else:
            cents, codes = pq
            n_sub, n_cent, sub = cents.shape
            pos = f.tell() + 4
            n_pad = pad(pos)
            body = struct.pack("<IIIIIQII", 0, 1, n_sub, n_sub * sub, n_cent, len(codes), 1, 10)
            body += b"\0" * n_pad + cents.astype("<f4").tobytes() + norms.astype("<f4").tobytes() + codes.tobytes()
            f.write(struct.pack("<IQ", 4, len(body)) + body)


def main():
    a = parse_args()
    from tokenizers import Tokenizer

    os.makedirs(a.work, exist_ok=True)
    tok = Tokenizer.from_file(os.path.join(a.model_dir, "tokenizer.json"))
    # The shipped tokenizer.json pads every input to 128 tokens: items are encoded unpadded.
    tok.no_padding()
    tok.no_truncation()
    items, ids = build_vocab(tok, a.words)
    print(f"vocabulary: {len(items)} items", file=sys.stderr)

    cache = os.path.join(a.work, f"raw-{a.words}.npy")
    cache_items = os.path.join(a.work, f"raw-{a.words}.json")
    if os.path.exists(cache) and os.path.exists(cache_items) and json.load(open(cache_items)) == items:
        raw = np.load(cache)
        print("raw vectors: from cache", file=sys.stderr)
    else:
        t0 = time.time()
        raw = distil(a.model_dir, ids, a.jobs, a.batch)
        print(f"raw vectors: distilled in {time.time() - t0:.0f} s", file=sys.stderr)
        np.save(cache, raw)
        json.dump(items, open(cache_items, "w"))

    rng = np.random.default_rng(a.seed)
    x, kept = pca(raw, a.pca)
    print(f"PCA {a.pca}: {kept * 100:.1f}% of the variance kept", file=sys.stderr)
    # A random rotation keeps every dot product and spreads variance evenly over sub-spaces.
    q, r = np.linalg.qr(rng.standard_normal((a.pca, a.pca)))
    x = (x @ (q * np.sign(np.diag(r)))).astype(np.float32)

    meta = (
        f'name = "minilm-distilled-{a.pca}d{"-pq" if a.subquantizers else ""}"\n'
        'source = "all-MiniLM-L6-v2 (Apache-2.0), distilled to static vectors by newsdigest embeddings/distill.py"\n'
        f"words = {a.words}\nitems = {len(items)}\npca = {a.pca}\nsubquantizers = {a.subquantizers}\nseed = {a.seed}\n"
    )
    if a.subquantizers:
        norms = np.linalg.norm(x, axis=1).astype(np.float32)
        unit = x / np.maximum(norms, 1e-12)[:, None]
        t0 = time.time()
        cents, codes = product_quantize(unit, a.subquantizers, a.kmeans_iter, rng)
        recon = np.concatenate([cents[s][codes[:, s]] for s in range(a.subquantizers)], axis=1)
        cos = (recon * unit).sum(1) / np.maximum(np.linalg.norm(recon, axis=1), 1e-12)
        print(f"PQ {a.subquantizers}x256 in {time.time() - t0:.0f} s; mean cosine to original {cos.mean():.4f}", file=sys.stderr)
        write_fifu(a.out, items, pq=(cents, codes), norms=norms, metadata=meta)
    else:
        write_fifu(a.out, items, matrix=x, metadata=meta)
    print(f"wrote {a.out}: {os.path.getsize(a.out) / 1e6:.1f} MB", file=sys.stderr)


if __name__ == "__main__":
    main()
