#!/usr/bin/env bash
# pytest on tests/unit, tests/integration, tests/reliability (its CI subset) and
# tests/sandbox_tests (the fake provider's own tests), run inside the staged tree so that
# `import ansible_collections.renewals.hosting...` resolves to the staged copy.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_venv
ensure_staged
enter_staged_tests

paths=()
for d in tests/unit tests/integration tests/reliability tests/sandbox_tests; do
    if [ -d "$d" ]; then paths+=("$d"); fi
done
[ ${#paths[@]} -gt 0 ] || die "no tests/unit, tests/integration or tests/sandbox_tests: nothing to test"

step "units: python -m pytest ${paths[*]}"
# Exit code 5 (no tests collected) is left as a failure on purpose: a green run
# must have run tests.
python -m pytest -ra -p no:cacheprovider "${paths[@]}" "$@"
