#!/usr/bin/env bash
# ansible-test sanity on the staged collection, in per-test virtualenvs (--venv),
# because there is no Docker daemon. No ignore files, no skipped tests.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_venv
ensure_staged

# Another core line's venv (scripts/cores.sh) instead of .venv: bash scripts/sanity.sh --core 2.16 [ARGS...]
if [ "${1:-}" = "--core" ]; then use_core "${2:-}"; shift 2; fi
python_version="$(python -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
write_get_pip_standins "$VIRTUAL_ENV"

step "sanity: $(ansible --version | sed -n 1p): ansible-test sanity --venv --python $python_version (in $STAGE)"
cd "$STAGE"
ansible-test sanity --venv --python "$python_version" --color no "$@"
