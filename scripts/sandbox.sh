#!/usr/bin/env bash
# `make sandbox`: the bundled sandbox in the foreground, for using the built collection by hand. Prints the
# environment to paste into another shell (credentials of the fixture's accounts, the endpoints, the installed
# collection); Ctrl-C stops it. SANDBOX_FIXTURE picks another fixture (default: the three-provider one).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_venv
ensure_staged

fixture="${SANDBOX_FIXTURE:-$ROOT/tests/sandbox/fixtures/three-providers.json}"
work="$(mktemp -d)"
sandbox_pid=""
stop() { [ -z "$sandbox_pid" ] || kill "$sandbox_pid" 2>/dev/null; wait "$sandbox_pid" 2>/dev/null || true; rm -rf "$work"; }
trap stop EXIT
trap 'exit 130' INT TERM  # runs stop (EXIT) on Ctrl-C or kill too
PYTHONPATH="$ROOT/tests" python -m sandbox --fixture "$fixture" --port-file "$work/port" >"$work/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
[ -s "$work/port" ] || die "the sandbox did not start: $(cat "$work/sandbox.log")"
url="http://127.0.0.1:$(cat "$work/port")"

FIXTURE="$fixture" URL="$url" INSTALLED="$INSTALLED" VENV="$VENV" python - <<'PY'
import json, os
fixture = json.load(open(os.environ['FIXTURE']))
url = os.environ['URL']
lines = ['export PATH=%s/bin:$PATH' % os.environ['VENV'], 'export ANSIBLE_COLLECTIONS_PATH=%s' % os.environ['INSTALLED']]
if 'logicboxes' in fixture:
    section = fixture['logicboxes']
    lines += ['export LOGICBOXES_AUTH_USERID=%s' % section.get('auth_userid', 1001),
              'export LOGICBOXES_API_KEY=%s' % section.get('api_key', 'sandbox-lb-key'),
              'export LOGICBOXES_API_URL=%s/logicboxes/api' % url]
if 'hostup' in fixture:
    lines += ['export HOSTUP_API_KEY=%s' % fixture['hostup'].get('api_key', 'sandbox-hostup-key'),
              'export HOSTUP_API_URL=%s/hostup/api' % url]
if 'vpsbg' in fixture:
    lines += ['export VPSBG_API_TOKEN=%s' % fixture['vpsbg'].get('token', 'sandbox-vpsbg-token'),
              'export VPSBG_API_URL=%s/vpsbg/v1' % url]
print('\n'.join(lines))
print('\n# the sandbox state (renewals, balances, invoices): curl %s/_admin/state' % url)
print('# then, for example: ansible-doc renewals.hosting.renew_order; ansible-playbook renewals.hosting.renew_fleet -i INVENTORY --check')
PY
echo "sandbox running at $url (fixture $fixture); Ctrl-C stops it"
wait "$sandbox_pid"
