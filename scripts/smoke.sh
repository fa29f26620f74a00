#!/usr/bin/env bash
# The fleet smoke run for one ansible-core line (scripts/cores.sh): the LogicBoxes scenario through that core's
# ansible-playbook against the sandbox (check mode, real run, rerun unchanged, each due order renewed once), per
# host and batch (test_fleet_module_defaults), module_defaults, the module file path (AnsiballZ on that core), and
# the inventory plugin (provider text stays literal). About a minute per core on 2 cores.
#   bash scripts/smoke.sh --core 2.16 [PYTEST ARGS...]   (without --core: .venv's core)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_venv
ensure_staged
if [ "${1:-}" = "--core" ]; then use_core "${2:-}"; shift 2; fi
enter_staged_tests

tests=(
    tests/integration/test_logicboxes_renewal.py::test_check_then_renew_then_rerun_unchanged
    tests/integration/test_logicboxes_renewal.py::test_module_defaults_group_and_env_credentials
    tests/integration/test_logicboxes_renewal.py::test_module_file_path_matches_the_controller_path
    tests/integration/test_fleet.py::test_check_then_renew_then_rerun
    tests/integration/test_fleet_module_defaults.py
    tests/integration/test_inventory_plugin.py
    tests/integration/test_inventory_unsafe.py
)
step "smoke: $(ansible --version | sed -n 1p): python -m pytest (${#tests[@]} selections)"
python -m pytest -ra -p no:cacheprovider "${tests[@]}" "$@"
