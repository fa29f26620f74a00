#!/usr/bin/env bash
# Copy the collection into build/collections/ansible_collections/renewals/hosting,
# build the release tarball from that copy and install it into build/installed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
use_venv
cd "$ROOT"
git rev-parse --is-inside-work-tree >/dev/null 2>&1 || die "$ROOT is not a git work tree"

step "stage: copy tracked + untracked (not ignored) files to $STAGE"
rm -rf "$COLLECTIONS_ROOT" "$DIST" "$INSTALLED"
mkdir -p "$STAGE" "$DIST" "$INSTALLED"
# -c: tracked, -o --exclude-standard: new files not yet committed but not ignored.
# Tracked files deleted in the work tree are skipped.
git ls-files -z -co --exclude-standard \
    | while IFS= read -r -d '' f; do
          if [ -e "$f" ] || [ -L "$f" ]; then printf '%s\0' "$f"; fi
      done \
    | tar --null -T - -cf - | tar -xf - -C "$STAGE"
echo "staged $(find "$STAGE" -type f | wc -l) files"

# The staged tree sits inside build/, which the outer repo ignores; ansible-test
# would then see no files at all. A git repo of its own makes ansible-test list
# exactly the staged files (and honour the copied .gitignore for tests/output).
git -C "$STAGE" -c init.defaultBranch=main init -q
git -C "$STAGE" add -A
git -C "$STAGE" -c user.name=stage -c user.email=stage@localhost \
    -c commit.gpgsign=false commit -q --no-verify -m "staged copy of renewals.hosting"

step "stage: ansible-galaxy collection build -> $DIST"
ansible-galaxy collection build "$STAGE" --output-path "$DIST" --force
TARBALL="$(ls "$DIST"/renewals-hosting-*.tar.gz)"

step "stage: ansible-galaxy collection install -> $INSTALLED"
# Pointing ANSIBLE_COLLECTIONS_PATH at the target avoids a "not in configured paths" warning.
ANSIBLE_COLLECTIONS_PATH="$INSTALLED" \
    ansible-galaxy collection install "$TARBALL" -p "$INSTALLED" --force --offline
[ -f "$INSTALLED/ansible_collections/renewals/hosting/MANIFEST.json" ] || die "install failed"

echo "tarball: $TARBALL"
