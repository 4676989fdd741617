#!/usr/bin/env bash
# Runs every test of Hearth: Rust unit and integration tests (a real server on 127.0.0.1,
# network namespaces as other hosts) and the browser tests in headless Chromium.
# Installs what is missing on a Debian 12 machine first. Needs root (network namespaces).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
need_debs build-essential pkg-config ca-certificates curl iproute2 chromium
need_toolchains
build_ui
echo "== Rust tests"
cargo test --locked --all-targets
echo "== Browser tests (headless Chromium)"
cd "$ROOT/ui"
HEARTH_BIN="$ROOT/target/debug/hearth" npm run --silent test:e2e
