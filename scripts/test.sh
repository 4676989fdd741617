#!/usr/bin/env bash
# Runs every test of Hearth: Rust unit and integration tests (a real server on 127.0.0.1,
# network namespaces as other hosts), the browser tests in headless Chromium and the desktop
# shell's test in Xvfb.
# Installs what is missing on a Debian 12 machine first. Needs root (network namespaces).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_debs build-essential pkg-config ca-certificates curl iproute2 chromium
# llama.cpp (the embedded model backend) is built from source with cmake; bindgen needs libclang.
need_debs cmake libclang-dev
# The desktop shell (src-tauri): WebKitGTK and friends to build it; Xvfb, WebKitWebDriver,
# xdotool, xwd (screenshots), python3 (ctypes on libX11 to close the window), D-Bus and
# GNOME Keyring to test it (and the keyring path of src/secrets.rs).
need_debs libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev \
  libsoup-3.0-dev libjavascriptcoregtk-4.1-dev libxdo-dev libssl-dev file xvfb xauth \
  webkit2gtk-driver dbus gnome-keyring xdotool python3 x11-apps
need_toolchains
"$ROOT/scripts/fetch-model.sh"
need_tauri_driver
build_ui
echo "== Rust tests"
HEARTH_REQUIRE_KEYRING_TEST=1 cargo test --locked --all-targets
echo "== Desktop tests (the real app in Xvfb, through WebDriver; screenshots in target/desktop-artifacts/)"
dbus-run-session -- xvfb-run -a -s "-screen 0 1280x800x24" \
  cargo test --locked -p hearth-desktop --test desktop -- --nocapture
echo "== API types: ui/src/api/schema.ts against the OpenAPI document the server serves"
check_api_types "$ROOT/target/debug/hearth"
echo "== Browser tests (headless Chromium)"
cd "$ROOT/ui"
HEARTH_BIN="$ROOT/target/debug/hearth" npm run --silent test:e2e
echo "== API fuzzing (schemathesis against the served OpenAPI document, as a default user and as an admin)"
HEARTH_BIN="$ROOT/target/debug/hearth" "$ROOT/scripts/schemathesis.sh"
