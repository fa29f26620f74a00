# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a command and print its wall time, CPU time and largest process's peak memory as JSON (stdlib only).

Usage: python measure.py OUTPUT_LOG -- COMMAND [ARG ...]
"""

import json
import resource
import subprocess
import sys
import time


def main(argv):
    log, command = argv[0], argv[2:]
    started = time.monotonic()
    with open(log, 'w') as output:
        returncode = subprocess.call(command, stdout=output, stderr=subprocess.STDOUT)
    wall = time.monotonic() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({'rc': returncode, 'wall': round(wall, 2), 'cpu': round(usage.ru_utime + usage.ru_stime, 2),
                      'user': round(usage.ru_utime, 2), 'sys': round(usage.ru_stime, 2),
                      'peak_mb': round(usage.ru_maxrss / 1024.0, 1)}))


if __name__ == '__main__':
    main(sys.argv[1:])
