#!/usr/bin/env bash
# The full reliability matrix (docs/reliability.md): every sandbox fault kind in its own fleet run over all
# three providers (~270 orders each), 12 seeded SIGKILL trials, and the rest of tests/reliability. `make test`
# (scripts/units.sh) runs a bounded subset of the same tests. The faults x providers table is printed at the
# end and written to tests/output/reliability/full-matrix.md. Extra arguments go to pytest.
# RENEWALS_RELIABILITY_SEED=N reseeds every fault and crash point (default: the one in the documented table).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_venv
ensure_staged
cd "$STAGE"

export RENEWALS_INSTALLED_COLLECTIONS="$INSTALLED"
export ANSIBLE_COLLECTIONS_PATH="$INSTALLED"
export PYTHONPATH="$COLLECTIONS_ROOT${PYTHONPATH:+:$PYTHONPATH}"
export RENEWALS_RELIABILITY=full
export RENEWALS_RELIABILITY_TABLE="$ROOT/tests/output/reliability/full-matrix.md"

step "reliability: full matrix, python -m pytest tests/reliability"
start=$SECONDS
python -m pytest -ra -p no:cacheprovider tests/reliability "$@"
echo "reliability: full matrix passed in $((SECONDS - start))s; table in $RENEWALS_RELIABILITY_TABLE"
