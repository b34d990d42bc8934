"""Several API worker processes on one port, each with a listening socket of its own.

uvicorn's `--workers` hands every worker the same listening socket; Linux then wakes the workers
waiting in epoll on it last-in-first-out, so a busy worker keeps accepting while the other idles.
Tablets and a reverse proxy keep their connections alive, so a connection stays wherever it was
accepted: with 20 tablets syncing at once one worker held 10.4 s of CPU and the other 2.1 s
(bench/server.py). With SO_REUSEPORT each worker binds its own socket to the port and the kernel
spreads new connections over them by their addresses.

The supervisor is uvicorn's (health pings, a dead worker replaced, SIGTERM and SIGINT stop all,
SIGHUP replaces them one by one), changed only so that worker i always gets socket i. Where
SO_REUSEPORT does not exist, uvicorn's shared socket is used as before.
"""

from __future__ import annotations

import logging
import os
import socket

import uvicorn
from uvicorn.config import STARTUP_FAILURE
from uvicorn.supervisors.multiprocess import Multiprocess, Process

log = logging.getLogger(__name__)

# Set for the worker processes: how many there are (server/sync_api.py sheds kept-alive connections).
WORKERS_ENV = "FIELDCASE_WORKER_PROCESSES"


def reuseport_socket(host: str, port: int) -> socket.socket:
    """A socket bound to (host, port) that other SO_REUSEPORT sockets of this user may share."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
    except BaseException:
        sock.close()
        raise
    return sock


class BalancedWorkers(Multiprocess):
    """uvicorn's Multiprocess with one listening socket per worker, always the same for a slot."""

    def _start(self, slot: int) -> Process:
        process = Process(self.config, [self.sockets[slot]])
        process.start()
        return process

    def init_processes(self) -> None:
        self.processes = [self._start(slot) for slot in range(len(self.sockets))]

    def keep_subprocess_alive(self) -> None:
        if self.should_exit.is_set():
            return
        for slot, process in enumerate(self.processes):
            if process.is_alive(timeout=self.config.timeout_worker_healthcheck):
                continue
            process.kill()  # hung or dead
            process.join()
            if process.exitcode == STARTUP_FAILURE:
                log.error("worker %s failed to start; stopping", process.pid)
                self.should_exit.set()
                return
            if self.should_exit.is_set():
                return
            log.warning("worker %s died; starting another on its socket", process.pid)
            self.processes[slot] = self._start(slot)

    def restart_all(self) -> None:
        """SIGHUP: each worker replaced by a new one on the same socket, ready before the old one goes."""
        for slot, old in enumerate(self.processes):
            if self.should_exit.is_set():
                return
            new = self._start(slot)
            if not new.wait_until_ready(self.config.timeout_worker_healthcheck, self.should_exit):
                new.kill()
                new.join()
                log.error("a new worker was not ready in time; keeping worker %s, restart aborted", old.pid)
                return
            old.terminate()
            old.join()
            self.processes[slot] = new

    def handle_ttin(self) -> None:
        log.info("SIGTTIN ignored: the number of workers is fixed by --workers")

    def handle_ttou(self) -> None:
        log.info("SIGTTOU ignored: the number of workers is fixed by --workers")


def run_workers(config: uvicorn.Config) -> None:
    """Serve `config` (an import-string app, config.workers > 1) in balanced worker processes."""
    os.environ[WORKERS_ENV] = str(config.workers)
    if not hasattr(socket, "SO_REUSEPORT") or config.uds or config.fd is not None:
        Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    try:
        sockets = [reuseport_socket(config.host, config.port) for _ in range(config.workers)]
    except OSError as exc:
        log.error("cannot listen on %s:%d: %s", config.host, config.port, exc)
        raise SystemExit(STARTUP_FAILURE) from exc
    try:
        BalancedWorkers(config, sockets=sockets).run()
    finally:
        for sock in sockets:
            sock.close()
