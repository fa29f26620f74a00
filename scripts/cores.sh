#!/usr/bin/env bash
# One virtualenv per supported ansible-core line besides the main one (.venv, 2.19), installed from PyPI:
#   bash scripts/cores.sh [--check] [LINE...]   # default: every line of CORE_LINES (scripts/lib.sh)
# --check then runs sanity (scripts/sanity.sh) and the fleet smoke run (scripts/smoke.sh) on each line.
# Each venv (build/cores/<line>/) holds that ansible-core and pytest, so the integration tests run with
# that core's ansible-playbook (tests/integration/harness.py takes the tools beside sys.executable).
# A venv is reinstalled only when its pins or its interpreter changed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

check=false
if [ "${1:-}" = "--check" ]; then check=true; shift; fi
lines=("$@")
[ ${#lines[@]} -gt 0 ] || lines=("${CORE_LINES[@]}")

for line in "${lines[@]}"; do
    pin="$(core_pin "$line")"
    # shellcheck disable=SC2046  # core_python lists the acceptable X.Y versions, one word each
    python="$(find_python $(core_python "$line"))"
    venv="$(core_venv "$line")"
    stamp="$venv/.cores.sha256"
    step "cores: $line -> $venv ($pin, $("$python" --version 2>&1))"
    if [ -d "$venv" ] && ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
        rm -rf "$venv"
    fi
    [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
    want="$( { echo "$pin $CORE_TEST_PINS"; "$venv/bin/python" -VV; } | sha256sum | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        echo "unchanged (stamp $stamp)"
    else
        # shellcheck disable=SC2086  # CORE_TEST_PINS is a list of requirement words
        "$venv/bin/python" -m pip install --disable-pip-version-check -q "$pin" $CORE_TEST_PINS 2>&1 \
            | { grep -v "^WARNING: Location 'file:.*' is ignored" || true; }
        echo "$want" > "$stamp"
    fi
    "$venv/bin/ansible" --version | sed -n 1p
done

if $check; then
    for line in "${lines[@]}"; do
        bash "$ROOT/scripts/sanity.sh" --core "$line"
        bash "$ROOT/scripts/smoke.sh" --core "$line"
    done
fi
