# Copyright (c) renewals.hosting contributors
# GNU General Public License v3.0+ (see https://www.gnu.org/licenses/gpl-3.0.txt)
"""A real PostgreSQL server for the tests, started in a temporary directory on a loopback port and stopped after.

The server refuses to run as root: when the tests run as root (CI), it runs as the ``postgres`` system user
(runuser). The binaries come from RENEWALS_PG_BIN, else the newest /usr/lib/postgresql/*/bin, else PATH; when none
is found the tests fail saying so (they never skip). The collection connects as a role that has nothing but
CONNECT and CREATE on its database, as the docs ask of users.
"""

from __future__ import absolute_import, division, print_function
__metaclass__ = type

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid

import pytest

SUPERUSER_PASSWORD = 'pg-super-0b1d'
APP_USER = 'renewals'
APP_PASSWORD = 'pg-app-s3cret-7Qz'  # tests scan outputs and reports for it
SERVER_USER = 'postgres'


def find_binaries():
    candidates = [os.environ.get('RENEWALS_PG_BIN')] + sorted(glob.glob('/usr/lib/postgresql/*/bin'), reverse=True)
    for folder in [c for c in candidates if c]:
        if all(os.access(os.path.join(folder, name), os.X_OK) for name in ('initdb', 'pg_ctl', 'postgres')):
            return folder
    initdb = shutil.which('initdb')
    if initdb and shutil.which('pg_ctl'):
        return os.path.dirname(initdb)
    return None


def free_port():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class PostgresServer:
    """initdb + pg_ctl in a temporary directory; ``dsn(database)`` for the unprivileged application role."""

    def __init__(self, binaries):
        self.binaries = binaries
        self.root = tempfile.mkdtemp(prefix='renewals-pg-')
        os.chmod(self.root, 0o711)  # the server user must reach its data directory inside
        self.data = os.path.join(self.root, 'data')
        self.log = os.path.join(self.root, 'server.log')
        self.port = free_port()
        self.as_root = os.geteuid() == 0

    def _run(self, *argv):
        command = [os.path.join(self.binaries, argv[0])] + list(argv[1:])
        if self.as_root:
            command = ['runuser', '-u', SERVER_USER, '--'] + command
        completed = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if completed.returncode:
            raise AssertionError('%s failed (rc %d): %s%s\n%s' % (argv[0], completed.returncode, completed.stdout,
                                                                  completed.stderr, self.log_tail()))
        return completed

    def log_tail(self):
        try:
            with open(self.log) as handle:
                return handle.read()[-3000:]
        except IOError:
            return ''

    def init(self):
        os.makedirs(self.data, 0o700)
        pwfile = os.path.join(self.root, 'pwfile')
        with open(pwfile, 'w') as handle:
            handle.write(SUPERUSER_PASSWORD)
        if self.as_root:
            account = pwd.getpwnam(SERVER_USER)
            for path in (self.root, self.data, pwfile):
                os.chown(path, account.pw_uid, account.pw_gid)
        self._run('initdb', '-D', self.data, '-U', 'postgres', '--pwfile', pwfile, '-E', 'UTF8', '--no-sync',
                  '--auth-local=scram-sha-256', '--auth-host=scram-sha-256')
        os.unlink(pwfile)
        with open(os.path.join(self.data, 'postgresql.conf'), 'a') as handle:
            handle.write("listen_addresses = '127.0.0.1'\nport = %d\nunix_socket_directories = '%s'\nmax_connections = 300\n"
                         % (self.port, self.root))
        return self

    def start(self):
        if self.as_root and not os.path.exists(self.log):
            open(self.log, 'a').close()
            account = pwd.getpwnam(SERVER_USER)
            os.chown(self.log, account.pw_uid, account.pw_gid)
        self._run('pg_ctl', '-D', self.data, '-l', self.log, '-w', '-t', '60', 'start')
        return self

    def stop(self, mode='fast'):
        """``mode`` immediate: as a crash (no checkpoint); every session is cut either way."""
        self._run('pg_ctl', '-D', self.data, '-m', mode, '-w', 'stop')

    def destroy(self):
        try:
            self.stop()
        except AssertionError:
            pass
        shutil.rmtree(self.root, ignore_errors=True)

    def admin_dsn(self, database='postgres'):
        return 'host=127.0.0.1 port=%d dbname=%s user=postgres password=%s' % (self.port, database, SUPERUSER_PASSWORD)

    def dsn(self, database, password=APP_PASSWORD):
        return 'host=127.0.0.1 port=%d dbname=%s user=%s password=%s' % (self.port, database, APP_USER, password)

    def admin(self, *statements, database='postgres'):
        import psycopg  # pylint: disable=import-outside-toplevel
        with psycopg.connect(self.admin_dsn(database), autocommit=True) as connection:
            for statement in statements:
                connection.execute(statement)

    def create_app_role(self):
        self.admin("CREATE ROLE %s LOGIN PASSWORD '%s' NOSUPERUSER NOCREATEDB NOCREATEROLE" % (APP_USER, APP_PASSWORD))
        return self

    def new_database(self):
        """A fresh database the application role may connect to and create its schema in (and nothing else)."""
        name = 'state_%s' % uuid.uuid4().hex[:10]
        self.admin('CREATE DATABASE %s' % name, 'REVOKE ALL ON DATABASE %s FROM PUBLIC' % name,
                   'GRANT CONNECT, CREATE ON DATABASE %s TO %s' % (name, APP_USER))
        return name


def start_server():
    binaries = find_binaries()
    if binaries is None:
        pytest.fail('PostgreSQL server binaries (initdb, pg_ctl, postgres) not found: the state backend tests need a real '
                    'server. Install it (Debian/Ubuntu: apt-get install postgresql) or point RENEWALS_PG_BIN at its bin '
                    'directory.', pytrace=False)
    server = PostgresServer(binaries).init().start()
    try:
        return server.create_app_role()
    except Exception:
        server.destroy()
        raise


@pytest.fixture(scope='session')
def postgres_server():
    server = start_server()
    yield server
    server.destroy()


@pytest.fixture
def state_dsn(postgres_server):  # pylint: disable=redefined-outer-name
    """The DSN of a fresh, empty database on the session's server."""
    return postgres_server.dsn(postgres_server.new_database())
