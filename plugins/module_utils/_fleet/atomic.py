# -*- coding: utf-8 -*-
# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later
"""PRIVATE to the collection: files the run writes for others to read (plan, metrics), replaced by an atomic rename."""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import os


def write_atomic(path, text, mode=None, dir_mode=0o700):
    """Write ``text`` to ``path`` through a temporary file renamed over it: a reader sees the old file or the new one.

    ``mode``: the file's permissions (None: what the umask gives); ``dir_mode``: of a directory created for it.
    """
    path = os.path.abspath(os.path.expanduser(path))
    directory = os.path.dirname(path)
    if not os.path.isdir(directory):
        os.makedirs(directory, dir_mode)
    temp = '%s.%d.tmp' % (path, os.getpid())
    with open(temp, 'w') as handle:
        handle.write(text)
    if mode is not None:
        os.chmod(temp, mode)
    os.rename(temp, path)
    return path
