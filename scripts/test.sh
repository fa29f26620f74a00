#!/usr/bin/env bash
# Everything `make test` (and so CI) checks: bootstrap -> stage -> pytest ->
# ansible-test sanity -> ansible-doc check -> lint -> certification checks -> extensions -> docs site,
# all on ansible-core 2.19, then sanity and a fleet smoke run on each other core line. The checks all run
# even when one fails, so one CI log shows every problem; the exit code is non-zero if any step failed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
start=$SECONDS
summary=()

run() {  # run NAME SCRIPT [ARGS...]: time one step and record its result
    local name=$1 t0=$SECONDS rc=0
    bash "$ROOT/scripts/$2" "${@:3}" || rc=$?
    summary+=("$name=$([ $rc -eq 0 ] && echo ok || echo "FAILED(rc $rc)") $((SECONDS - t0))s")
    return $rc
}

# Without tools or a staged tree nothing else can run: stop at once.
run bootstrap bootstrap.sh
run stage stage.sh

failed=0
run units units.sh || failed=1
run sanity sanity.sh || failed=1
run docs docs_check.sh || failed=1
run lint lint.sh || failed=1
run certify certify.sh || failed=1
run extensions extensions.sh || failed=1
run docs-site docs_site.sh || failed=1

# The other ansible-core lines: sanity and the fleet smoke run on each (the full suite above is 2.19's).
if run cores cores.sh; then
    for line in "${CORE_LINES[@]}"; do
        run "sanity-$line" sanity.sh --core "$line" || failed=1
        run "smoke-$line" smoke.sh --core "$line" || failed=1
    done
else
    failed=1
fi

step "make test summary"
printf '  %s\n' "${summary[@]}"
if [ $failed -ne 0 ]; then
    echo "make test: FAILED after $((SECONDS - start))s"
    exit 1
fi
echo "make test: all steps ok in $((SECONDS - start))s"
