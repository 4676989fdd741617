#!/usr/bin/env bash
# The desktop app as a .deb: the desktop build (`--profile desktop`), then what ships beside
# it (llama.cpp's libraries, its CPU modules and the starter model: scripts/stage-libs.sh)
# into target/desktop/hearth-lib, which the .deb installs as /usr/lib/hearth; then the Tauri
# CLI's bundler (installed here when missing; it takes a while to build).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_toolchains
build_ui
cargo build --profile desktop --locked -p hearth-desktop
bash "$ROOT/scripts/stage-libs.sh" "$ROOT/target/desktop" "$ROOT/target/desktop/hearth-lib"
command -v cargo-tauri >/dev/null || cargo install tauri-cli --version "^2" --locked
cd "$ROOT/src-tauri"
cargo tauri build --bundles deb -- --profile desktop
ls -l "$ROOT"/target/desktop/bundle/deb/*.deb
