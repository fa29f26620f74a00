"""Offline provider sandbox: a stateful stand-in for the hosting providers' HTTP APIs.

Run it with ``PYTHONPATH=tests python -m sandbox --fixture FILE``; see README.md in this folder.
"""
