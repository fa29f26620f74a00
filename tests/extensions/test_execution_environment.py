# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""`ansible-builder create` on extensions/ee/execution-environment.yml: the build context installs the collection
from its release artifact (the version galaxy.yml says) and lists the collection's Python requirements."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import shutil
import subprocess

import yaml

from conftest import COLLECTION_ROOT, tool

EE_FILE = 'extensions/ee/execution-environment.yml'


def requirement_lines(path):
    return [line.strip() for line in path.read_text().splitlines() if line.strip() and not line.strip().startswith('#')]


def create(root, context):
    completed = subprocess.run([tool('RENEWALS_ANSIBLE_BUILDER'), 'create', '-f', str(root / EE_FILE), '-c', str(context)],
                               capture_output=True, text=True, check=False, timeout=300)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return context / '_build'


def layout(tmp_path, requirements):
    """The files the EE definition reads, at their places in a clone, with ``requirements`` as meta/ee-requirements.txt."""
    root = tmp_path / 'clone'
    for relative in (EE_FILE, 'galaxy.yml'):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(str(COLLECTION_ROOT / relative), str(root / relative))
    (root / 'meta').mkdir()
    (root / 'meta' / 'ee-requirements.txt').write_text(requirements)
    shutil.copytree(tool('RENEWALS_DIST'), str(root / 'build' / 'dist'))
    return root


def test_context_installs_the_artifact_with_the_collection_requirements(tmp_path):
    version = yaml.safe_load((COLLECTION_ROOT / 'galaxy.yml').read_text())['version']
    built = create(COLLECTION_ROOT, tmp_path / 'context')
    artifact = 'renewals-hosting-%s.tar.gz' % version
    assert (built / 'collections' / artifact).is_file(), 'the artifact of galaxy.yml version %s is not in the context' % version
    galaxy = yaml.safe_load((built / 'requirements.yml').read_text())
    assert galaxy['collections'] == [{'name': '/build/collections/' + artifact, 'type': 'file'}]
    wanted = requirement_lines(COLLECTION_ROOT / 'meta' / 'ee-requirements.txt')
    listed = requirement_lines(built / 'requirements.txt') if (built / 'requirements.txt').exists() else []
    assert set(wanted) <= set(listed), (wanted, listed)


def test_a_requirement_added_to_the_collection_reaches_the_context(tmp_path):
    original = (COLLECTION_ROOT / 'meta' / 'ee-requirements.txt').read_text()
    root = layout(tmp_path, original + 'psycopg[binary]>=3.1\n')
    listed = requirement_lines(create(root, tmp_path / 'context') / 'requirements.txt')
    assert set(requirement_lines(root / 'meta' / 'ee-requirements.txt')) <= set(listed) and 'psycopg[binary]>=3.1' in listed
