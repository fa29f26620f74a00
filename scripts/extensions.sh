#!/usr/bin/env bash
# extensions/ checked with the tools they are for, each in its own venv (build/tools/):
#   - extensions/ee: `ansible-builder create` (no container runtime needed) and the context it writes;
#   - extensions/awx/load.yml: syntax and the awx.awx modules' argument validation in check mode, against no
#     controller (awx.awx: see awx_collections in scripts/lib.sh).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_venv
ensure_staged

builder="$(tool_venv ansible-builder ansible-builder==3.2.0)/bin/ansible-builder"
awx_collections="$(awx_collections)"

step "extensions: python -m pytest tests/extensions"
cd "$ROOT"
RENEWALS_ANSIBLE_BUILDER="$builder" RENEWALS_DIST="$DIST" RENEWALS_AWX_COLLECTIONS="$awx_collections" \
    python -m pytest -ra -p no:cacheprovider tests/extensions "$@"
