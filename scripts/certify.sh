#!/usr/bin/env bash
# What Galaxy and Automation Hub check before they accept the release artifact, run offline without containers:
#   - galaxy-importer on build/dist/renewals-hosting-*.tar.gz (metadata, README/LICENSE/changelog, ansible-doc on
#     every plugin, ansible-lint offline on roles and playbooks). Disabled: ansible-test inside the importer
#     (RUN_ANSIBLE_TEST, it needs a container image; scripts/sanity.sh runs the same sanity tests on every core);
#     flake8 stays off as on Galaxy (RUN_FLAKE8; pep8 and pylint run in sanity). Its ansible-lint warns that it cannot
#     resolve extensions/awx/load.yml's awx.awx modules (not a dependency); scripts/lint.sh lints that file with awx.awx.
#   - antsibull-docs lint-collection-docs --plugin-docs (markup, links and extra docs of the documentation site).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_staged
tarball="$(ls "$DIST"/renewals-hosting-*.tar.gz)"

step "certify: galaxy-importer $tarball"
importer="$(tool_venv galaxy-importer galaxy-importer==0.4.44)"
work="$BUILD/galaxy-importer"
rm -rf "$work" && mkdir -p "$work"
log="$work/import.log"
rc=0
(
    cd "$work"
    # No config file: the importer's settings come from its environment (GALAXY_IMPORTER_<SETTING>).
    export GALAXY_IMPORTER_CONFIG=/dev/null PATH="$importer/bin:$PATH" ANSIBLE_HOME="$work/ansible-home" \
        GALAXY_IMPORTER_RUN_ANSIBLE_TEST=false GALAXY_IMPORTER_RUN_FLAKE8=false \
        GALAXY_IMPORTER_RUN_ANSIBLE_DOC=true GALAXY_IMPORTER_RUN_ANSIBLE_LINT=true GALAXY_IMPORTER_OFFLINE_ANSIBLE_LINT=true \
        GALAXY_IMPORTER_CHECK_CHANGELOG=true GALAXY_IMPORTER_REQUIRE_V1_OR_GREATER=true GALAXY_IMPORTER_CHECK_REQUIRED_TAGS=true \
        GALAXY_IMPORTER_TMP_ROOT_DIR="$work"
    python -m galaxy_importer.main "$tarball"
) > "$log" 2>&1 || rc=$?
grep -E "^(ERROR|WARNING)" "$log" || true
[ "$rc" -eq 0 ] || { tail -20 "$log"; die "galaxy-importer failed (rc $rc); log: $log"; }
if grep -q "^ERROR" "$log"; then die "galaxy-importer reported errors; log: $log"; fi
echo "galaxy-importer: import ok ($(grep -c "^WARNING" "$log" || true) warnings); log: $log"

step "certify: antsibull-docs lint-collection-docs --plugin-docs"
use_venv "$(tool_venv docs antsibull-docs==2.28.0 ansible-core==2.19.14 ansible-pygments==0.1.2 sphinx==9.0.4 \
    sphinx-ansible-theme==0.10.4 myst-parser==5.2.0)"
cd "$STAGE"
ANSIBLE_COLLECTIONS_PATH="$COLLECTIONS_ROOT" antsibull-docs lint-collection-docs --plugin-docs .
echo "antsibull-docs lint: ok"
