#!/usr/bin/env bash
# Runs Hearth headless (`hearth serve`) on http://127.0.0.1:4270, data in the platform's data
# directory (~/.local/share/hearth) unless --data-dir or HEARTH_DATA_DIR says otherwise.
# Installs what is missing on a Debian 12 machine first. Extra arguments go to `hearth serve`.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_debs build-essential pkg-config ca-certificates
# llama.cpp (the embedded model backend) is built from source with cmake; bindgen needs libclang.
need_debs cmake libclang-dev
need_toolchains
"$ROOT/scripts/fetch-model.sh"
build_ui
echo "== Building Hearth (release)"
cargo build --release --locked --quiet
# The starter model (scripts/fetch-model.sh put it in models/) answers out of the box.
export HEARTH_MODELS_DIR="${HEARTH_MODELS_DIR:-$ROOT/models}"
exec "$ROOT/target/release/hearth" serve "$@"
