"""Helpers for reliability tests that run Mentora in real processes (gunicorn, the worker, the CLI).

These tests do not use the suite's database: each gets its own SQLite file (migrated once per
session, then copied) or, for the PostgreSQL-only tests, the suite's test database reached
through a TCP proxy that can be cut and restored.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def mentora_env(database_url: str, data_dir: Path, **extra: str) -> dict[str, str]:
    """A production-like environment (DEBUG off, real secret key) for a child process."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MENTORA_", "DJANGO_"))}
    env.update(
        DATABASE_URL=database_url,
        MENTORA_DATA_DIR=str(data_dir),
        SECRET_KEY="reliability-tests-" + "x" * 40,
        DJANGO_SETTINGS_MODULE="mentora.settings",
        PYTHONPATH=str(ROOT),
        LOG_LEVEL="WARNING",
    )
    env.pop("DEBUG", None)
    env.update(extra)
    return env


def run_mentora(
    *args: str, env: dict[str, str], timeout: float = 180
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, "-m", "mentora.cli", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory) -> Path:
    """A migrated SQLite database file, built once per session."""
    folder = tmp_path_factory.mktemp("sqlite-template")
    path = folder / "mentora.sqlite3"
    done = run_mentora("migrate", "--noinput", env=mentora_env(f"sqlite:///{path}", folder))
    assert done.returncode == 0, done.stderr
    return path


@dataclass
class SqliteSite:
    """A throwaway Mentora installation on its own SQLite file."""

    path: Path
    data_dir: Path

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"

    def env(self, **extra: str) -> dict[str, str]:
        return mentora_env(self.url, self.data_dir, **extra)

    def shell(self, code: str, **extra: str) -> str:
        done = run_mentora("shell", "-c", code, env=self.env(**extra))
        assert done.returncode == 0, done.stderr
        return done.stdout


@pytest.fixture
def sqlite_site(migrated_sqlite_template, tmp_path) -> SqliteSite:
    path = tmp_path / "mentora.sqlite3"
    shutil.copy(migrated_sqlite_template, path)
    return SqliteSite(path=path, data_dir=tmp_path)


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # a redirect is an answer to check, not follow
        return None


_NO_REDIRECTS = urllib.request.build_opener(_KeepRedirects)


def http(
    url: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with _NO_REDIRECTS.open(request, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 2) -> Iterator[str]:
    """gunicorn with deploy/gunicorn.conf.py on a free loopback port; yields the base URL."""
    port = free_port()
    env = dict(env, MENTORA_BIND=f"127.0.0.1:{port}", WEB_CONCURRENCY=str(workers))
    log = open(Path(env["MENTORA_DATA_DIR"]) / "gunicorn.log", "w+")  # noqa: SIM115
    process = subprocess.Popen(
        [GUNICORN, "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 180
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise AssertionError(f"gunicorn exited:\n{log.read()}")
            with suppress(OSError):
                if http(f"{base}/healthz", timeout=2)[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise AssertionError("gunicorn did not answer /healthz within 180 s")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


class TcpProxy:
    """A loopback TCP forwarder that can be cut (every connection dropped) and restored."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Refuse new connections and drop the open ones, as a database crash would."""
        if self._listener is not None:
            with suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            for sock in self._sockets:
                with suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            with suppress(OSError):
                sink.shutdown(socket.SHUT_WR)
