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
use_venv() {  # use_venv [DIR]: .venv unless another venv (e.g. a core line's) is given
    local venv="${1:-$VENV}"
    [ -x "$venv/bin/python" ] || die "$venv missing: run scripts/bootstrap.sh (or scripts/cores.sh for a core line) first"
    export VIRTUAL_ENV="$venv"
    export PATH="$venv/bin:$PATH"
}

# Stage the collection when no staged tree exists yet (scripts run on their own).
ensure_staged() {
    [ -f "$STAGE/galaxy.yml" ] && [ -d "$INSTALLED/ansible_collections/renewals/hosting" ] \
        || bash "$ROOT/scripts/stage.sh"
}

# pytest's environment for the staged tree: `import ansible_collections.renewals.hosting...` resolves to the staged
# copy, and tests that run ansible-playbook use the installed artifact (tests/integration/playbook_fixtures.py).
enter_staged_tests() {
    export RENEWALS_INSTALLED_COLLECTIONS="$INSTALLED"
    export ANSIBLE_COLLECTIONS_PATH="$INSTALLED"
    export PYTHONPATH="$COLLECTIONS_ROOT${PYTHONPATH:+:$PYTHONPATH}"
    cd "$STAGE" || die "cannot enter $STAGE"
}

# ansible-core lines tested besides .venv's (2.19, tests/requirements.txt): sanity and a fleet smoke run
# each (scripts/cores.sh, scripts/cores_check.sh). 2.20 needs Python 3.12 or later.
CORE_LINES=(2.16 2.17 2.18 2.20)
declare -A CORE_PINS=([2.16]=ansible-core==2.16.19 [2.17]=ansible-core==2.17.14
                      [2.18]=ansible-core==2.18.19 [2.20]=ansible-core==2.20.10)
declare -A CORE_PYTHONS=([2.16]=3.11 [2.17]=3.11 [2.18]=3.11 [2.20]="3.12 3.13")
# pytest, and the collection's own Python requirements (meta/ee-requirements.txt) pinned as tests/requirements.txt pins them.
CORE_TEST_PINS="pytest==9.2.0 $(grep -E '^(requests|urllib3|certifi|idna|charset-normalizer|psycopg(\[binary\])?|psycopg-binary)==' \
    "$ROOT/tests/requirements.txt" | tr '\n' ' ')"
core_pin() { [ -n "${CORE_PINS[$1]:-}" ] || die "unknown ansible-core line $1 (known: ${CORE_LINES[*]})"; echo "${CORE_PINS[$1]}"; }
core_python() { echo "${CORE_PYTHONS[$1]}"; }
core_venv() { echo "$BUILD/cores/$1"; }
use_core() {  # use_core LINE: that core line's venv first on PATH (the scripts' --core LINE)
    [ -n "$1" ] || die "--core needs an ansible-core line (${CORE_LINES[*]})"
    core_pin "$1" >/dev/null
    use_venv "$(core_venv "$1")"
}

# The first working interpreter of the given X.Y versions: on PATH, else a pyenv install
# (pyenv's shims exist for every version but only run the selected ones).
find_python() {
    local version candidate
    for version in "$@"; do
        for candidate in "$(command -v "python$version" || true)" "$HOME"/.pyenv/versions/"$version".*/bin/python"$version"; do
            if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" -c 'import sys' >/dev/null 2>&1; then
                echo "$candidate"
                return 0
            fi
        done
    done
    die "no Python $* found (PATH or ~/.pyenv/versions)"
}

# ansible-test --venv bootstraps pip in each new virtualenv by downloading get-pip-<pip version>.py from
# ci-files.testing.ansible.com, which is unreachable here. It first looks for a cached copy
# (~/.ansible/test/cache/get_pip_<version>.py) and runs it as __main__ with pip's arguments (no checksum),
# so a stand-in installs pip with ensurepip and then the requested packages from PyPI
# (--no-setuptools/--no-wheel are get-pip options that pip itself rejects). Each core line pins its own
# pip versions: one stand-in per version the given venv's ansible-test names.
write_get_pip_standins() {
    local requirements versions version
    requirements="$("$1/bin/python" -c 'import ansible_test, os; print(os.path.dirname(ansible_test.__file__))')/_internal/python_requirements.py"
    versions="$(grep -oE "pip='[0-9.]+'" "$requirements" | grep -oE "[0-9.]+" | sort -u)"
    [ -n "$versions" ] || die "no pip version found in $requirements"
    mkdir -p "$HOME/.ansible/test/cache"
    for version in $versions; do
        cat > "$HOME/.ansible/test/cache/get_pip_${version//./_}.py" <<'PY'
import subprocess, sys
args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"])
subprocess.check_call([sys.executable, "-m", "pip", "install"] + args)
PY
    done
    echo "get-pip stand-ins for pip $(echo "$versions" | tr '\n' ' ')in ~/.ansible/test/cache"
}

# tool_venv NAME REQUIREMENT...: build/tools/NAME with exactly these pins (reinstalled when they change), for tools
# whose dependencies must not meet .venv's (galaxy-importer, antsibull-docs, ansible-builder).
tool_venv() {
    local name=$1 venv="$BUILD/tools/$1" python want
    shift
    python="$(find_python 3.11)"
    want="$(echo "$* $("$python" -VV 2>&1)" | sha256sum | cut -d' ' -f1)"
    if [ ! -f "$venv/.tool.sha256" ] || [ "$(cat "$venv/.tool.sha256")" != "$want" ] || ! "$venv/bin/python" -c '' 2>/dev/null; then
        step "$name: virtualenv $venv ($*)" >&2
        rm -rf "$venv"
        "$python" -m venv "$venv"
        "$venv/bin/python" -m pip install --disable-pip-version-check -q "$@" 2>&1 \
            | { grep -v "^WARNING: Location 'file:.*' is ignored" || true; } >&2
        echo "$want" > "$venv/.tool.sha256"
    fi
    echo "$venv"  # the only line on stdout: venv="$(tool_venv ...)"
}

# awx_collections: a collections path holding awx.awx (for extensions/awx/load.yml). Galaxy is not reachable from
# CI, PyPI is: the `ansible` package bundles awx.awx, and only that collection is unpacked from its wheel.
AWX_FROM_PACKAGE=ansible==12.3.0   # bundles awx.awx 24.6.1
awx_collections() {
    local target="$BUILD/tools/awx-collections"
    if [ ! -f "$target/.from" ] || [ "$(cat "$target/.from")" != "$AWX_FROM_PACKAGE" ]; then
        step "awx.awx from $AWX_FROM_PACKAGE" >&2
        rm -rf "$target" && mkdir -p "$target/wheel"
        "$(find_python 3.11)" -m pip download --disable-pip-version-check -q --no-deps "$AWX_FROM_PACKAGE" -d "$target/wheel" 2>&1 \
            | { grep -v "^WARNING: Location 'file:.*' is ignored" || true; } >&2
        "$(find_python 3.11)" - "$target" <<'PY'
import glob, sys, zipfile
target = sys.argv[1]
wheel = zipfile.ZipFile(glob.glob(target + '/wheel/ansible-*.whl')[0])
wheel.extractall(target, [name for name in wheel.namelist() if name.startswith('ansible_collections/awx/awx/')])
PY
        rm -rf "$target/wheel"
        echo "$AWX_FROM_PACKAGE" > "$target/.from"
    fi
    echo "$target"
}
