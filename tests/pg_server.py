"""A throwaway PostgreSQL + PostGIS server for the tests and the benchmarks.

`start()` runs Debian's `initdb` into a temporary folder (with a password,
scram-sha-256, UTF-8), starts it on 127.0.0.1 on a free port (TCP only: no
Unix socket), and makes `khareeta_template`, a database with PostGIS in it.
`server.new_database(name)` copies that template: an empty database with
PostGIS, as an analyst's administrator would create one. `server.stop()`
stops the server and deletes the folder.

PostgreSQL refuses to run as root: as root the server runs as the `postgres`
system user (the Debian package creates it), which owns the folder.
`problem()` says, in one sentence, why no server can be started here (no
PostgreSQL, no PostGIS, root without a `postgres` user); None when one can.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa

SUPERUSER = "khareeta"
TEMPLATE = "khareeta_template"
_INSTALL = "apt-get install postgresql postgresql-postgis (make test does it when run as root)"


def bin_dir() -> Path | None:
    """The newest PostgreSQL server's programs (initdb, pg_ctl): env KHAREETA_PG_BIN, else Debian's
    /usr/lib/postgresql/<version>/bin (they are not on PATH)."""
    given = os.environ.get("KHAREETA_PG_BIN")
    candidates = [Path(given)] if given else sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=_version)
    usable = [d for d in candidates if (d / "initdb").is_file() and (d / "pg_ctl").is_file()]
    return usable[-1] if usable else None


def _version(path: Path) -> float:
    try:
        return float(path.parent.name)
    except ValueError:
        return 0.0


def _share_dir(bindir: Path) -> Path:
    done = subprocess.run([str(bindir / "pg_config"), "--sharedir"], capture_output=True, text=True, check=False)
    if done.returncode == 0 and done.stdout.strip():
        return Path(done.stdout.strip())
    return Path("/usr/share/postgresql") / bindir.parent.name


def problem() -> str | None:
    """Why no throwaway PostGIS server can be started on this machine; None when one can."""
    bindir = bin_dir()
    if bindir is None:
        return f"PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): {_INSTALL}"
    if not (_share_dir(bindir) / "extension" / "postgis.control").is_file():
        return f"PostGIS is not installed for PostgreSQL {bindir.parent.name}: {_INSTALL}"
    if os.geteuid() == 0 and _postgres_user() is None:
        return "running as root, and there is no 'postgres' system user to run the server as (initdb refuses root)"
    return None


def _postgres_user() -> pwd.struct_passwd | None:
    try:
        return pwd.getpwnam("postgres")
    except KeyError:
        return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    """A running throwaway server: `url` is its `postgres` database, as the superuser."""

    folder: Path
    bindir: Path
    port: int
    password: str

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/{database}"

    def execute(self, *statements: str, database: str = "postgres") -> None:
        """Run statements outside a transaction (CREATE DATABASE cannot run inside one)."""
        engine = sa.create_engine(self.url(database), isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        try:
            with engine.connect() as conn:
                for statement in statements:
                    conn.exec_driver_sql(statement)
        finally:
            engine.dispose()

    def new_database(self, name: str) -> str:
        """A new empty database with PostGIS (a copy of the template); its URL."""
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE {TEMPLATE}')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def cpu_seconds(self) -> float:
        """CPU time the server's processes have used so far, the ones that ended included (from /proc: the
        benchmark's measure of the server's share of the work)."""
        main = int((self.folder / "data" / "postmaster.pid").read_text().split()[0])
        tick = os.sysconf("SC_CLK_TCK")
        total = 0
        for proc in Path("/proc").iterdir():
            try:
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue  # not a process, or one that just ended
            if proc.name == str(main):
                total += sum(int(f) for f in fields[11:15])  # its own time, and its children's that ended
            elif fields[1] == str(main):
                total += int(fields[11]) + int(fields[12])
        return total / tick

    def halt(self) -> None:
        """Stop the server, keeping its data: what a store sees when its server goes down."""
        _run([str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop"])

    def resume(self) -> None:
        """Start a halted server again, on the same port."""
        log = str(self.folder / "server.log")
        _run([str(self.bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-l", log, "-w", "-t", "60", "start"])

    def stop(self) -> None:
        """Stop the server (immediately: nothing in it is kept) and delete its folder."""
        if self.folder.exists():
            if (self.folder / "data" / "postmaster.pid").exists():
                pg_ctl = str(self.bindir / "pg_ctl")
                _run([pg_ctl, "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop"], check=False)
            shutil.rmtree(self.folder, ignore_errors=True)


def _run(cmd: list[str], *, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a server program, as `postgres` when we are root; an error with its output when it fails."""
    as_postgres = {}
    if os.geteuid() == 0 and (user := _postgres_user()) is not None:
        as_postgres = {"user": user.pw_uid, "group": user.pw_gid, "extra_groups": []}
    done = subprocess.run(
        cmd, cwd=cwd or tempfile.gettempdir(), capture_output=True, text=True, check=False, timeout=120, **as_postgres
    )
    if check and done.returncode != 0:
        out = (done.stdout + done.stderr).strip()
        msg = f"{Path(cmd[0]).name} failed (exit {done.returncode}): {out}"
        raise RuntimeError(msg)
    return done


def _settings(port: int, *, durable: bool) -> str:
    lines = [
        "listen_addresses = '127.0.0.1'",
        f"port = {port}",
        "unix_socket_directories = ''",  # TCP only: no socket folder to own
        "max_connections = 40",
        "shared_buffers = 64MB",
    ]
    if not durable:  # a test server: nothing in it outlives the run
        lines += ["fsync = off", "synchronous_commit = off", "full_page_writes = off"]
    return "\n".join(["", "# khareeta throwaway server", *lines, ""])


def start(*, durable: bool = False) -> PgServer:
    """Initialise and start a server in a new temporary folder; see the module's docstring.
    `durable` keeps PostgreSQL's default fsync settings (for benchmarks)."""
    why = problem()
    if why:
        raise RuntimeError(why)
    bindir = bin_dir()
    assert bindir is not None
    folder = Path(tempfile.mkdtemp(prefix="khareeta-pg-"))
    user = _postgres_user() if os.geteuid() == 0 else None
    if user is not None:
        os.chown(folder, user.pw_uid, user.pw_gid)
    password = secrets.token_hex(12)
    server = PgServer(folder, bindir, 0, password)
    try:
        pwfile = folder / "pw"
        pwfile.write_text(password + "\n")
        if user is not None:
            os.chown(pwfile, user.pw_uid, user.pw_gid)
        init = [str(bindir / "initdb"), "-D", str(folder / "data"), "-U", SUPERUSER, f"--pwfile={pwfile}"]
        _run([*init, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"], cwd=folder)
        pwfile.unlink()
        _start_on_a_free_port(server, durable=durable)
        server.execute(f"CREATE DATABASE {TEMPLATE}")
        server.execute("CREATE EXTENSION postgis", database=TEMPLATE)
    except BaseException:
        server.stop()
        raise
    atexit.register(server.stop)
    return server


def _start_on_a_free_port(server: PgServer, *, durable: bool) -> None:
    conf = server.folder / "data" / "postgresql.conf"
    base = conf.read_text()
    for attempt in range(3):
        server.port = free_port()
        conf.write_text(base + _settings(server.port, durable=durable))
        log = server.folder / "server.log"
        try:
            _run([str(server.bindir / "pg_ctl"), "-D", str(conf.parent), "-l", str(log), "-w", "-t", "60", "start"])
            return
        except RuntimeError as exc:  # the port was taken between our look and the server's bind
            text = log.read_text(errors="replace") if log.exists() else ""
            if "could not bind" not in text or attempt == 2:
                msg = f"{exc} {text.strip()[-2000:]}"
                raise RuntimeError(msg) from None


@contextlib.contextmanager
def running(*, durable: bool = False) -> Iterator[PgServer]:
    """A throwaway server for the length of a `with` block."""
    server = start(durable=durable)
    try:
        yield server
    finally:
        server.stop()
