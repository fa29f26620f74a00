#!/usr/bin/env bash
# The documentation site (build/docsite/build/html): plugin, module and role docs plus the guides of docs/,
# built with antsibull-docs (sphinx-init + collection) and Sphinx in a venv of their own (build/tools/docs).
# Warnings fail the build, except Sphinx's intersphinx ones: the inventories it fetches are online and CI is not.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ensure_staged
use_venv "$(tool_venv docs antsibull-docs==2.28.0 ansible-core==2.19.14 ansible-pygments==0.1.2 sphinx==9.0.4 \
    sphinx-ansible-theme==0.10.4 myst-parser==5.2.0)"
export ANSIBLE_COLLECTIONS_PATH="$COLLECTIONS_ROOT"
site="$BUILD/docsite"
rm -rf "$site" && mkdir -p "$site" && chmod og-w "$site"

step "docs-site: antsibull-docs sphinx-init + collection renewals.hosting -> $site"
antsibull-docs sphinx-init --use-current --dest-dir "$site" renewals.hosting | sed -n 1p
# The guides are Markdown: MyST reads them, with anchors for their in-page links.
printf "extensions.append('myst_parser')\nmyst_heading_anchors = 3\n" >> "$site/conf.py"
mkdir -p "$site/rst" && chmod og-w "$site/rst"   # antsibull-docs wants it readable by itself only
antsibull-docs --config-file "$site/antsibull-docs.cfg" collection --cleanup everything --use-current \
    --dest-dir "$site/rst" renewals.hosting
# Each guide page of docs/docsite/rst points to its guide (docs/<guide>.md, the one source); in the site it gets the
# guide's full text, read by MyST from outside Sphinx's source tree (so the Markdown is no page of its own).
mkdir -p "$site/guides"
for page in "$STAGE"/docs/docsite/rst/*.rst; do
    guide="$(basename "$page" .rst)"
    cp "$STAGE/docs/$guide.md" "$site/guides/"
    printf '.. _ansible_collections.renewals.hosting.docsite.%s:\n\n.. include:: ../../../../../guides/%s.md\n   :parser: myst_parser.sphinx_\n' \
        "$guide" "$guide" > "$site/rst/collections/renewals/hosting/docsite/$guide.rst"
done

step "docs-site: sphinx-build (any warning but the offline intersphinx ones fails)"
rc=0
sphinx-build -M html "$site/rst" "$site/build" -c "$site" --keep-going -q 2>"$site/warnings.log" || rc=$?
# The only warnings let through: intersphinx inventories that cannot be fetched offline, and the references into
# Ansible's own docs that those inventories would resolve (by name).
offline='intersphinx inventory .* not (readable|fetchable)|failed to reach any of the inventories'
offline+="|undefined label: '(action_plugins|common_return_values|ansible_configuration_settings)'"
offline+="|'envvar' reference target not found: ANSIBLE_CACHE_PLUGIN(_CONNECTION|_PREFIX|_TIMEOUT)?\\b"
grep -v -E "$offline" "$site/warnings.log" | sed '/^\s*$/d' > "$site/other-warnings.log" || true
echo "offline intersphinx warnings (filtered): $(grep -c -E "$offline" "$site/warnings.log" || true)"
if [ -s "$site/other-warnings.log" ]; then
    cat "$site/other-warnings.log"
    die "docs-site: Sphinx warned (see above)"
fi
[ "$rc" -eq 0 ] || die "docs-site: sphinx-build failed (rc $rc)"
echo "site: $site/build/html/index.html"
