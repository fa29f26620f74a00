#!/usr/bin/env bash
# Render every module's documentation from the *installed* collection (what users
# get) and require EXAMPLES and RETURN sections.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_venv
ensure_staged
export ANSIBLE_COLLECTIONS_PATH="$INSTALLED"
export ANSIBLE_NOCOLOR=1   # plain text, so the section headings can be matched

step "docs: ansible-doc for each module in plugins/modules (collections path $INSTALLED)"
shopt -s nullglob
modules=("$STAGE"/plugins/modules/*.py)
if [ ${#modules[@]} -eq 0 ]; then
    echo "no modules in plugins/modules yet; nothing to check"
    exit 0
fi

failed=0 checked=0
for path in "${modules[@]}"; do
    name="$(basename "$path" .py)"
    [ "$name" = "__init__" ] && continue
    fqcn="renewals.hosting.$name"
    checked=$((checked + 1))
    # ansible-doc can exit 0 with only a warning (e.g. plugin not found), so the
    # rendered text is checked as well as the exit code.
    if ! out="$(ansible-doc -t module "$fqcn" 2>&1)"; then
        printf 'FAIL %s: ansible-doc exited non-zero\n%s\n\n' "$fqcn" "$out"; failed=1; continue
    fi
    missing=()
    grep -q '^EXAMPLES:' <<<"$out" || missing+=(EXAMPLES)
    grep -q '^RETURN VALUES:' <<<"$out" || missing+=(RETURN)
    if [ ${#missing[@]} -gt 0 ]; then
        printf 'FAIL %s: missing %s\n%s\n\n' "$fqcn" "${missing[*]}" "$out"; failed=1
    else
        echo "ok   $fqcn"
    fi
done
[ "$failed" -eq 0 ] || die "ansible-doc check failed"
echo "docs: all $checked modules render with EXAMPLES and RETURN"
