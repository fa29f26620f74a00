#!/usr/bin/env bash
# Changelog fragments (antsibull-changelog lint) and Ansible content (ansible-lint,
# production profile, settings in .ansible-lint).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_venv
ensure_staged
cd "$ROOT"

step "lint: files galaxy.yml points at"
# ansible-galaxy builds without them, but Galaxy/Automation Hub reject such a tarball.
readme="$(python -c 'import yaml; print(yaml.safe_load(open("galaxy.yml"))["readme"])')"
[ -f "$readme" ] || die "galaxy.yml readme: $readme does not exist"
echo "$readme present"

step "lint: antsibull-changelog lint"
antsibull-changelog lint
echo "changelog config and fragments ok"

step "lint: ansible-lint --profile production"
# galaxy.yml and meta/runtime.yml are always linted (rules galaxy, meta-runtime);
# roles/ and playbooks/ once they have files (an empty dir or a .keep is no content).
targets=(galaxy.yml meta/runtime.yml)
for d in roles playbooks; do
    if [ -d "$d" ] && [ -n "$(find "$d" -type f ! -name '.keep' ! -name '.gitkeep' -print -quit)" ]; then
        targets+=("$d")
    else
        echo "no $d/ content yet; not linted"
    fi
done
# ansible-lint runs offline (.ansible-lint), so it cannot install this collection
# itself: the installed copy lets roles/playbooks resolve renewals.hosting.* names.
# extensions/awx/load.yml uses awx.awx, which is no dependency of the collection: see awx_collections (lib.sh).
targets+=(extensions/awx/load.yml)
ANSIBLE_COLLECTIONS_PATH="$INSTALLED:$(awx_collections)" ansible-lint --profile production "${targets[@]}"
