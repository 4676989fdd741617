#!/usr/bin/env bash
# Puts what an installed Hearth ships beside its program into one folder, the layout the
# program looks for at <prefix>/lib/hearth/ (src/config.rs `installed_lib_dir`):
#   llama.cpp's shared libraries (libllama, libggml, libggml-base, libllama-common), ggml's
#   CPU modules (libggml-cpu-<level>.so, one per x86-64 level; the best is picked at run
#   time), and models/ with the starter model and its licence, and the search embedder
#   (models/all-MiniLM-L6-v2/).
#
#   scripts/stage-libs.sh PROFILE_DIR DEST     # e.g. target/desktop target/desktop/hearth-lib
#
# The .deb maps DEST to /usr/lib/hearth (src-tauri/tauri.conf.json); a test stages a debug
# build into a temporary prefix and runs it from there.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PROFILE_DIR="$1"
DEST="$2"
MODEL="SmolLM2-135M-Instruct-Q4_1.gguf"

[ -f "$ROOT/models/$MODEL" ] || bash "$ROOT/scripts/fetch-model.sh"
rm -rf "$DEST"
mkdir -p "$DEST/models"
for lib in libllama libggml libggml-base libllama-common; do
  f="$PROFILE_DIR/$lib.so"
  [ -f "$f" ] || { echo "stage-libs: $f is missing: build first (cargo build)" >&2; exit 1; }
  cp -L "$f" "$DEST/"
done
# The CPU modules stay in the build's output folder; take the newest build's.
bin="$(ls -dt "$PROFILE_DIR"/build/llama-cpp-sys-2-*/out/build/bin 2>/dev/null | head -n 1 || true)"
if [ -z "$bin" ] || ! ls "$bin"/libggml-cpu-*.so >/dev/null 2>&1; then
  echo "stage-libs: no libggml-cpu-*.so under $PROFILE_DIR/build/llama-cpp-sys-2-*/out/build/bin" >&2
  exit 1
fi
cp -L "$bin"/libggml-cpu-*.so "$DEST/"
cp "$ROOT/models/$MODEL" "$ROOT/models/$MODEL.LICENSE" "$DEST/models/"
[ -f "$ROOT/models/all-MiniLM-L6-v2/model.safetensors" ] || bash "$ROOT/scripts/fetch-embedder.sh"
cp -r "$ROOT/models/all-MiniLM-L6-v2" "$DEST/models/"
echo "stage-libs: $(ls "$DEST" | grep -c '\.so$') libraries and the starter model in $DEST"
