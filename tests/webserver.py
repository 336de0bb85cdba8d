"""A real HTTP server on 127.0.0.1, in a thread, for the network tests.

Static files answer with an ETag and Last-Modified and honour conditional
requests; any path can instead be given a scripted ``Reply`` (a status, headers,
a delay, a body cut short) or a function of the request. Every request is
logged, and the most requests in flight at once is counted.

``block_other_hosts`` makes sure no test resolves or reaches anything but this
computer.
"""

from __future__ import annotations

import contextlib
import hashlib
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

LAST_MODIFIED = "Tue, 01 Dec 2026 00:00:00 GMT"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: Seconds to wait before answering.
    delay: float = 0.0
    #: Send only this many bytes of the body, though Content-Length says all.
    cut_at: int | None = None
    #: Seconds between bytes of the body: a server that trickles.
    trickle: float = 0.0
    #: Seconds between bytes of a long header line before the others.
    trickle_headers: float = 0.0


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    status: int


Route = Reply | Callable[["Seen"], Reply]


class Site:
    """What the server serves, and what it was asked."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self.in_flight = 0
        self.most_in_flight = 0
        #: Bytes sent one at a time (trickled) before the reader went away or all were sent.
        self.trickled = 0
        self.url = ""

    def file(self, path: str, body: bytes, **headers: str) -> None:
        """A static file with validators, as any web server would serve it."""
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        self.routes[path] = Reply(
            body=body,
            headers={"ETag": etag, "Last-Modified": LAST_MODIFIED, **headers},
        )

    def folder(self, prefix: str, folder: Path) -> None:
        """Every file of ``folder`` under ``prefix`` (like ``/en/``)."""
        for path in sorted(folder.iterdir()):
            if path.is_file():
                self.file(prefix + path.name, path.read_bytes())

    def requests(self, method: str = "GET") -> list[Seen]:
        return [s for s in self.seen if s.method == method]

    def answer(self, method: str, path: str, headers: dict[str, str]) -> Reply:
        route = self.routes.get(path, Reply(404, b"not found"))
        reply = route(Seen(method, path, headers, 0)) if callable(route) else route
        etag = reply.headers.get("ETag")
        if reply.status == 200 and etag and headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        modified = reply.headers.get("Last-Modified")
        # If-Modified-Since counts only without If-None-Match (RFC 9110, 13.1.3).
        since = headers.get("if-modified-since")
        if (
            reply.status == 200
            and modified
            and since == modified
            and "if-none-match" not in headers
        ):
            return Reply(304, headers={"Last-Modified": modified})
        return reply

    def enter(self) -> None:
        with self._lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)

    def leave(self) -> None:
        with self._lock:
            self.in_flight -= 1


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def do_GET(self) -> None:
            self._serve(body=True)

        def do_HEAD(self) -> None:
            self._serve(body=False)

        def do_CONNECT(self) -> None:
            """As a proxy: log the tunnel asked for, and refuse it."""
            headers = {k.lower(): v for k, v in self.headers.items()}
            site.seen.append(Seen("CONNECT", self.path, headers, 403))
            self.send_response(403)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _serve(self, *, body: bool) -> None:
            site.enter()
            try:
                headers = {k.lower(): v for k, v in self.headers.items()}
                reply = site.answer(self.command, self.path, headers)
                site.seen.append(Seen(self.command, self.path, headers, reply.status))
                if reply.delay and site.stop.wait(reply.delay):
                    return
                self.send_response(reply.status)
                if reply.trickle_headers and not self._trickle(
                    b"X-Slow: " + b"a" * 100 + b"\r\n", reply.trickle_headers
                ):
                    return
                for name, value in reply.headers.items():
                    self.send_header(name, value)
                if reply.status != 304:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if body and reply.status != 304:
                    data = reply.body if reply.cut_at is None else reply.body[: reply.cut_at]
                    if not reply.trickle:
                        with contextlib.suppress(OSError):
                            self.wfile.write(data)
                    else:
                        self._trickle(data, reply.trickle)
            finally:
                site.leave()

        def _trickle(self, data: bytes, pause: float) -> bool:
            """Send ``data`` a byte at a time; False if the reader went away first."""
            try:
                self.flush_headers()
                for byte in data:
                    if site.stop.wait(pause):
                        return False
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    site.trickled += 1
            except OSError:
                return False
            return True

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextlib.contextmanager
def serve() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    site.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site
    finally:
        site.stop.set()
        server.shutdown()
        server.server_close()


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def block_other_hosts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Name resolution for any host but this computer fails, as if offline."""
    real = socket.getaddrinfo

    def getaddrinfo(host: object, *args: object, **kwargs: object) -> object:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in LOOPBACK:
            raise socket.gaierror(socket.EAI_NONAME, f"{name}: blocked in tests")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
