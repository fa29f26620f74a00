#!/usr/bin/env bash
# `make demo`: the main job on the bundled sandbox. Starts the sandbox on loopback with one account at each provider
# (LogicBoxes, HostUp, VPSBG), runs the fleet job (renewals.hosting.renew_fleet) in check mode, for real, and again,
# printing the run report and how many renewals each provider saw per order; stops the sandbox.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_venv
ensure_staged

demo="$BUILD/demo"
rm -rf "$demo" && mkdir -p "$demo"
fixture="$ROOT/tests/sandbox/fixtures/three-providers.json"
step "starting the sandbox (${fixture#"$ROOT"/})"
PYTHONPATH="$ROOT/tests" python -m sandbox --fixture "$fixture" \
    --port-file "$demo/port" >"$demo/sandbox.log" 2>&1 &
sandbox_pid=$!
trap 'kill "$sandbox_pid" 2>/dev/null; wait "$sandbox_pid" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s "$demo/port" ] && break; sleep 0.1; done
[ -s "$demo/port" ] || die "the sandbox did not start: $(cat "$demo/sandbox.log")"
sandbox_url="http://127.0.0.1:$(cat "$demo/port")"

# What the AWX credential types would inject; the demo accounts' credentials are in the fixture.
export LOGICBOXES_AUTH_USERID=1001 LOGICBOXES_API_KEY=sandbox-lb-key LOGICBOXES_API_URL="$sandbox_url/logicboxes/api"
export HOSTUP_API_KEY=sandbox-hostup-key HOSTUP_API_URL="$sandbox_url/hostup/api"
export VPSBG_API_TOKEN=sandbox-vpsbg-token VPSBG_API_URL="$sandbox_url/vpsbg/v1"
export ANSIBLE_COLLECTIONS_PATH="$INSTALLED" ANSIBLE_RETRY_FILES_ENABLED=false ANSIBLE_FORKS=10

renewals_seen() {  # one line per order: renewals the provider accepted
    SANDBOX_URL="$sandbox_url" python - <<'PY'
import json, os, urllib.request
state = json.load(urllib.request.urlopen(os.environ['SANDBOX_URL'] + '/_admin/state'))
rows = [('logicboxes order %s' % oid, order['renewals'], ' (action pending)' if order.get('pending_action') else '')
        for oid, order in state['logicboxes']['orders'].items()]
rows += [('hostup service %s' % aid, sum(service['renew_calls'].values()), '')
         for aid, service in state['hostup']['services'].items()]
rows += [('vpsbg server %s' % sid, server['renew_calls'], '') for sid, server in state['vpsbg']['servers'].items()]
rows.append(('vpsbg support plan', state['vpsbg']['support']['renew_calls'], ''))
for name, count, note in sorted(rows):
    print('  %s: renewals=%d%s' % (name, count, note))
PY
}

playbook() {  # the job fails when an order ends failed (here: the price refusal), as a scheduled job would; go on
    local rc=0
    ansible-playbook renewals.hosting.renew_fleet -i "$ROOT/examples/demo/inventory.yml" \
        -e "renew_orders_state_dir=$demo/state" -e "renew_orders_report_dir=$demo/report" "$@" || rc=$?
    cat "$demo/report/summary.md"
    echo "(ansible-playbook exit code $rc)"
}

step "1/3 check mode: what would be renewed and what it would cost (nothing is bought)"
playbook --check --diff
renewals_seen
step "2/3 renew: only the due orders are renewed"
playbook --diff
renewals_seen | tee "$demo/after-renew.txt"
step "3/3 rerun: nothing left to do"
playbook | tee "$demo/rerun.txt"
renewals_seen | tee "$demo/after-rerun.txt"

grep -q 'changed=[1-9]' "$demo/rerun.txt" && die "the rerun changed something"
cmp -s "$demo/after-renew.txt" "$demo/after-rerun.txt" || die "the rerun renewed something again"
step "demo done: due orders renewed once, the rerun changed nothing"
