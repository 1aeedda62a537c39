# Shared by demo.sh, test.sh and bench.sh: installs what is missing (and nothing that is
# already there at the right version) and sets up one shared build environment.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# One target directory for every step (cargo-leptos puts the wasm build in target/front).
export CARGO_TARGET_DIR="$ROOT/target"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
# Clippy runs inside the normal build, as the compiler of the workspace crates only, so
# linting never compiles the crate graph a second time. Every build goes through it, so
# demo, test and bench builds share their artifacts.
export CLIPPY_ARGS="-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
# What cargo-leptos sets for a debug build, set for every cargo command too, so the tests'
# build reuses cargo-leptos's artifacts instead of compiling the graph again, and the server
# binary names the wasm files as cargo-leptos wrote them.
export LEPTOS_OUTPUT_NAME="tessera"
export RUSTFLAGS="--cfg erase_components"

CARGO_LEPTOS_VERSION="0.3.11"

log() { printf '\n==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

APT_UPDATED=""
apt_install() {
  local missing=() p
  for p in "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} (Debian packages)"
  if [ -z "$APT_UPDATED" ]; then
    as_root apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_toolchain() {
  command -v rustup >/dev/null || die "rustup is needed (https://rustup.rs)"
  # Installs the version, components and wasm target named in rust-toolchain.toml when
  # missing; a no-op when they are there.
  if ! rustup which rustc >/dev/null 2>&1 || ! rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown \
     || ! rustup which clippy-driver >/dev/null 2>&1; then
    log "installing the Rust toolchain from rust-toolchain.toml"
    rustup toolchain install
  fi
  RUSTC_WORKSPACE_WRAPPER="$(rustup which clippy-driver)"
  export RUSTC_WORKSPACE_WRAPPER
}

ensure_cargo_leptos() {
  if cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then return 0; fi
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION (takes about 12 minutes on 2 cores, once)"
  # no_downloads: cargo-leptos never fetches tools; it uses wasm-bindgen (and, for release
  # builds, wasm-opt) from PATH. Thin settings keep the install short.
  env -u CARGO_TARGET_DIR -u RUSTC_WORKSPACE_WRAPPER \
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install cargo-leptos --version "=$CARGO_LEPTOS_VERSION" --locked --features no_downloads
}

wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock"
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  [ -n "$want" ] || die "cannot find wasm-bindgen in Cargo.lock"
  if wasm-bindgen --version 2>/dev/null | grep -q " $want\$"; then return 0; fi
  log "installing wasm-bindgen-cli $want (the lockfile's version; about 8 minutes, once)"
  env -u CARGO_TARGET_DIR -u RUSTC_WORKSPACE_WRAPPER cargo install wasm-bindgen-cli --version "=$want"
}

ensure_node() {
  command -v npm >/dev/null || apt_install nodejs npm
}

# Whether end2end/node_modules holds `$1` at the version end2end/package-lock.json names.
end2end_module_current() {
  [ -f "$ROOT/end2end/node_modules/$1/package.json" ] \
    && [ "$(node -p "require('$ROOT/end2end/node_modules/$1/package.json').version")" = \
         "$(node -p "require('$ROOT/end2end/package-lock.json').packages['node_modules/$1'].version")" ]
}

ensure_end2end_modules() {
  ensure_node
  if end2end_module_current @playwright/test && end2end_module_current @axe-core/playwright; then
    return 0
  fi
  log "installing the end-to-end test packages (npm ci)"
  (cd "$ROOT/end2end" && npm ci --no-audit --no-fund --loglevel=error)
}

# wasm-opt for release builds (cargo-leptos runs it from PATH): npm's binaryen 132 in
# .tools/, since Debian's binaryen is too old (its output no longer hydrates).
ensure_wasm_opt() {
  if ! "$ROOT/.tools/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version 132"; then
    log "installing wasm-opt (npm binaryen@132) into .tools/"
    ensure_node
    mkdir -p "$ROOT/.tools"
    npm install --prefix "$ROOT/.tools" --no-audit --no-fund --loglevel=error binaryen@132 >/dev/null
  fi
  case ":$PATH:" in
    *":$ROOT/.tools/node_modules/.bin:"*) ;;
    *) export PATH="$ROOT/.tools/node_modules/.bin:$PATH" ;;
  esac
}

ensure_chromium() {
  [ -x /usr/bin/chromium ] || apt_install chromium
}

pg_bin() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$d" ] && [ -x "$d/initdb" ] && printf '%s' "$d"
}

ensure_postgres() {
  pg_bin >/dev/null || apt_install postgresql
  pg_bin >/dev/null || die "PostgreSQL's initdb was not found after installing postgresql"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Starts a throwaway PostgreSQL cluster on a free local port with two roles: tessera_owner
# (owns the schema, applies migrations, may create databases and, through pg_signal_backend,
# drop a test's database with its open connections) and tessera_app (neither owner
# nor superuser: row-level security applies to it). Exports the URLs; stopped on exit.
PG_DIR=""
PG_PORT=""
pg_start() {
  local bin run
  bin="$(pg_bin)"
  PG_DIR="$(mktemp -d /tmp/tessera-pg.XXXXXX)"
  PG_PORT="$(free_port)"
  run=()
  if [ "$(id -u)" = 0 ]; then
    # PostgreSQL refuses to run as root: use the postgres system user.
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$PG_DIR"
    run=(runuser -u postgres --)
  fi
  printf 'super-secret-test\n' > "$PG_DIR/pw"
  chmod 644 "$PG_DIR/pw"
  "${run[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    --pwfile="$PG_DIR/pw" -E UTF8 --locale=C.UTF-8 >/dev/null
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w -o \
    "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null
  # The caller's own EXIT trap (which stops PostgreSQL too) stays; else this one.
  [ -n "$(trap -p EXIT)" ] || trap pg_stop EXIT
  PGPASSWORD=super-secret-test psql -q -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 <<'SQL'
CREATE ROLE tessera_owner LOGIN PASSWORD 'owner-pw' CREATEDB;
GRANT pg_signal_backend TO tessera_owner;
CREATE ROLE tessera_app LOGIN PASSWORD 'app-pw' NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
SQL
  export TESSERA_TEST_PG_OWNER_URL="postgres://tessera_owner:owner-pw@127.0.0.1:$PG_PORT"
  export TESSERA_TEST_PG_APP_URL="postgres://tessera_app:app-pw@127.0.0.1:$PG_PORT"
  export TESSERA_TEST_REQUIRE_PG=1
  log "PostgreSQL $("$bin/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PG_PORT"
}

pg_stop() {
  [ -n "$PG_DIR" ] || return 0
  local bin run=()
  bin="$(pg_bin)"
  [ "$(id -u)" = 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
  PG_DIR=""
}

# Creates a database owned by tessera_owner in the running cluster; prints nothing.
pg_create_db() {
  PGPASSWORD=owner-pw psql -q -h 127.0.0.1 -p "$PG_PORT" -U tessera_owner -d postgres -c "CREATE DATABASE $1" >/dev/null
}

# A Python virtual environment under .tools/ with the SMTP server the tests send mail to.
ensure_smtp_sink() {
  if [ -x "$ROOT/.tools/venv/bin/python" ] && "$ROOT/.tools/venv/bin/python" -c 'import aiosmtpd' 2>/dev/null; then
    return 0
  fi
  log "installing aiosmtpd (the tests' SMTP server) into .tools/venv"
  command -v python3 >/dev/null || apt_install python3 python3-venv
  python3 -m venv "$ROOT/.tools/venv" || { apt_install python3-venv; python3 -m venv "$ROOT/.tools/venv"; }
  "$ROOT/.tools/venv/bin/pip" install --quiet --disable-pip-version-check aiosmtpd==1.4.6
}

# Starts the SMTP sink on a free port; exports where it listens and where mail lands.
SMTP_PID=""
smtp_start() {
  local port dir
  port="$(free_port)"
  dir="$(mktemp -d /tmp/tessera-mail.XXXXXX)"
  "$ROOT/.tools/venv/bin/python" "$ROOT/scripts/smtp_sink.py" "$port" "$dir" > "$dir.log" 2>&1 &
  SMTP_PID=$!
  for _ in $(seq 1 50); do
    grep -q "smtp sink on" "$dir.log" 2>/dev/null && break
    sleep 0.1
  done
  grep -q "smtp sink on" "$dir.log" || { cat "$dir.log"; die "the SMTP sink did not start"; }
  export TESSERA_TEST_SMTP_URL="smtp://127.0.0.1:$port"
  export TESSERA_TEST_MAIL_DIR="$dir"
  export TESSERA_TEST_REQUIRE_SMTP=1
  log "SMTP sink on 127.0.0.1:$port"
}

smtp_stop() {
  [ -n "$SMTP_PID" ] && kill "$SMTP_PID" 2>/dev/null || true
  SMTP_PID=""
}

build_site() {
  log "building the server and the wasm bundle (cargo leptos build)"
  cargo leptos build "$@"
}
