# Shared paths and helpers; sourced (not executed) by the other scripts.
# shellcheck shell=bash disable=SC2034  # variables are used by the scripts that source this

# Repository root = collection root, whatever the caller's cwd is.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
BUILD="$ROOT/build"
# ansible-test only runs below .../ansible_collections/<namespace>/<name>/
# (symlinks do not count), so the collection is copied into such a tree.
COLLECTIONS_ROOT="$BUILD/collections"
STAGE="$COLLECTIONS_ROOT/ansible_collections/renewals/hosting"
DIST="$BUILD/dist"
INSTALLED="$BUILD/installed"

# No ANSI colour codes in CI logs or when output is piped to a file.
if [ ! -t 1 ]; then export NO_COLOR=1 ANSIBLE_NOCOLOR=1; fi

step() { printf '\n==> %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# Put the bootstrapped tools first on PATH (no need to `source activate`).
use_venv() {
    [ -x "$VENV/bin/python" ] || die "$VENV missing: run scripts/bootstrap.sh (or make test) first"
    export VIRTUAL_ENV="$VENV"
    export PATH="$VENV/bin:$PATH"
}

# Stage the collection when no staged tree exists yet (scripts run on their own).
ensure_staged() {
    [ -f "$STAGE/galaxy.yml" ] && [ -d "$INSTALLED/ansible_collections/renewals/hosting" ] \
        || bash "$ROOT/scripts/stage.sh"
}
