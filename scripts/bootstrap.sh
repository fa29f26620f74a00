#!/usr/bin/env bash
# Create or refresh .venv with the pinned tools from tests/requirements.txt.
# Re-installs only when the requirements file or the interpreter changed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REQS="$ROOT/tests/requirements.txt"
STAMP="$VENV/.requirements.sha256"

# ansible-core 2.19 is the newest core that supports Python 3.11; CI has 3.11.
PYTHON="$(command -v python3.11 || command -v python3 || true)"
[ -n "$PYTHON" ] || die "neither python3.11 nor python3 found on PATH"

step "bootstrap: virtualenv $VENV ($("$PYTHON" --version 2>&1))"
# A venv whose interpreter vanished (e.g. pyenv version removed) is rebuilt.
if [ -d "$VENV" ] && ! "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1; then
    echo "existing .venv is broken; recreating"
    rm -rf "$VENV"
fi
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"

want="$( { sha256sum "$REQS" | cut -d' ' -f1; "$VENV/bin/python" -VV; } | sha256sum | cut -d' ' -f1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ]; then
    echo "requirements unchanged (stamp $STAMP); nothing to install"
else
    step "bootstrap: pip install -r tests/requirements.txt"
    # The grep drops this machine's noise about missing local mirror dirs (pip.conf).
    "$VENV/bin/python" -m pip install --disable-pip-version-check -q -r "$REQS" 2>&1 \
        | { grep -v "^WARNING: Location 'file:.*' is ignored" || true; }
    echo "$want" > "$STAMP"
fi
"$VENV/bin/ansible" --version | sed -n 1p  # sed reads it all; head would break the pipe under pipefail
