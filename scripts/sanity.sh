#!/usr/bin/env bash
# ansible-test sanity on the staged collection, in per-test virtualenvs (--venv),
# because there is no Docker daemon. No ignore files, no skipped tests.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_venv
ensure_staged

# --venv bootstraps pip in each new virtualenv by downloading get-pip.py from
# ci-files.testing.ansible.com, which is unreachable here. ansible-test first looks
# for a cached copy and runs it as __main__ with pip's arguments (no checksum), so
# this stand-in installs pip with ensurepip and then the requested packages from
# PyPI. --no-setuptools/--no-wheel are get-pip options that pip itself rejects.
step "sanity: writing get-pip stand-in ~/.ansible/test/cache/get_pip_24_2.py"
mkdir -p "$HOME/.ansible/test/cache"
cat > "$HOME/.ansible/test/cache/get_pip_24_2.py" <<'PY'
import subprocess, sys
args = [a for a in sys.argv[1:] if a not in ("--no-setuptools", "--no-wheel")]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--upgrade"])
subprocess.check_call([sys.executable, "-m", "pip", "install"] + args)
PY

step "sanity: ansible-test sanity --venv --python 3.11 (in $STAGE)"
cd "$STAGE"
ansible-test sanity --venv --python 3.11 --color no "$@"
