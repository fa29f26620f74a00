#!/usr/bin/env bash
# extensions/ checked with the tools they are for, each in its own venv (build/tools/):
#   - extensions/ee: `ansible-builder create` (no container runtime needed) and the context it writes;
#   - extensions/awx/load.yml: syntax and the awx.awx modules' argument validation in check mode, against no
#     controller. awx.awx comes from the `ansible` package on PyPI (which bundles it; Galaxy is not reachable
#     from CI): only that collection is unpacked from the wheel.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_venv
ensure_staged

ANSIBLE_PACKAGE=ansible==12.3.0   # bundles awx.awx 24.6.1
builder="$(tool_venv ansible-builder ansible-builder==3.2.0)/bin/ansible-builder"
awx_collections="$BUILD/tools/awx-collections"
if [ ! -f "$awx_collections/.from" ] || [ "$(cat "$awx_collections/.from")" != "$ANSIBLE_PACKAGE" ]; then
    step "extensions: awx.awx from $ANSIBLE_PACKAGE"
    rm -rf "$awx_collections" && mkdir -p "$awx_collections/wheel"
    python -m pip download --disable-pip-version-check -q --no-deps "$ANSIBLE_PACKAGE" -d "$awx_collections/wheel" 2>&1 \
        | { grep -v "^WARNING: Location 'file:.*' is ignored" || true; }
    python - "$awx_collections" <<'PY'
import glob, sys, zipfile
target = sys.argv[1]
wheel = zipfile.ZipFile(glob.glob(target + '/wheel/ansible-*.whl')[0])
wheel.extractall(target, [name for name in wheel.namelist() if name.startswith('ansible_collections/awx/awx/')])
PY
    rm -rf "$awx_collections/wheel"
    echo "$ANSIBLE_PACKAGE" > "$awx_collections/.from"
fi

step "extensions: python -m pytest tests/extensions"
cd "$ROOT"
RENEWALS_ANSIBLE_BUILDER="$builder" RENEWALS_DIST="$DIST" RENEWALS_AWX_COLLECTIONS="$awx_collections" \
    python -m pytest -ra -p no:cacheprovider tests/extensions "$@"
