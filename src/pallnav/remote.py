"""The network: a published pack's ``index.json`` and archive, and link checks.

The only module that imports httpx and httpcore (inside functions: they cost
start-up), so a swap to another client is one file. What it holds to:

* connect and read timeouts on every request (``PALLNAV_HTTP_TIMEOUT`` to change);
* redirects never followed blindly: each hop is vetted, https only, or plain
  http from one loopback address to another (local mirrors, tests);
* a failed connection is retried twice by the transport, a busy server (429,
  502, 503, 504) gets at most three tries with a short backoff;
* bodies are streamed and counted against a cap, decoded bytes included (a
  gzip bomb stops at the cap);
* a deadline on the whole response, headers included, checked before every
  read from the network: a server that trickles a byte a second is cut off;
* proxies (HTTPS_PROXY, NO_PROXY, ...) and a CA file (SSL_CERT_FILE) are read
  from the Context's environment, not the process's;
* every failure becomes one DownloadError with a message key.
"""

from __future__ import annotations

import contextlib
import hashlib
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import urljoin, urlsplit, urlunsplit

from pallnav import __version__
from pallnav.errors import DownloadError, PallnavError
from pallnav.pack_index import INDEX_FILE, MAX_INDEX_BYTES
from pallnav.safetext import clean, shown

if TYPE_CHECKING:
    import httpcore
    import httpx

USER_AGENT = f"pallnav/{__version__}"
DEFAULT_TIMEOUT = 10.0
CONNECT_TIMEOUT = 5.0
#: Failed connections the transport tries again (DNS, refused, reset).
CONNECT_RETRIES = 2
#: Tries in all for a busy server, and the first wait (doubled each time).
TRIES = 3
BACKOFF = 0.3
MAX_RETRY_AFTER = 5.0
MAX_REDIRECTS = 5
#: The response headers must all arrive within this many timeouts.
HEADER_TIMEOUTS = 3
REDIRECTS = frozenset({301, 302, 303, 307, 308})
BUSY = frozenset({429, 502, 503, 504})
#: The slowest honest download we wait for (a deadline, beyond the per-read timeout).
MIN_BYTES_PER_SECOND = 20 * 1024
#: Longest ETag or Last-Modified value we keep and send back.
MAX_VALIDATOR = 256


class Settings(NamedTuple):
    """How to talk to the network: the timeout, and the environment that names
    proxies and certificate files."""

    timeout: float = DEFAULT_TIMEOUT
    environ: Mapping[str, str] = MappingProxyType({})
    backoff: float = BACKOFF

    @classmethod
    def from_environ(cls, environ: Mapping[str, str]) -> Settings:
        raw = environ.get("PALLNAV_HTTP_TIMEOUT", "").strip()
        timeout = DEFAULT_TIMEOUT
        if raw:
            try:
                timeout = float(raw)
            except ValueError:
                timeout = 0.0
            if not 0 < timeout <= 600:
                raise PallnavError("update.bad_timeout", value=shown(raw))
        return cls(timeout=timeout, environ=environ)


# --- addresses --------------------------------------------------------------------


def is_loopback(host: str | None) -> bool:
    """True for this computer: 127.0.0.0/8, ::1 or "localhost"."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed(url: str, *, from_url: str | None = None) -> bool:
    """May pallnav fetch ``url``? https always; plain http only to a loopback
    address, and (for a redirect) only from one."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return False
    if not parts.hostname or parts.username or parts.password:
        return False
    if parts.scheme == "https":
        return True
    if parts.scheme != "http" or not is_loopback(parts.hostname):
        return False
    return from_url is None or is_loopback(urlsplit(from_url).hostname)


def index_url(base: str, where: str) -> str:
    """The address of ``index.json`` in the published folder ``base`` (which may
    also name index.json itself). A usage error if pallnav may not use it."""
    text = base.strip()
    parts = urlsplit(text)
    if parts.query or parts.fragment or not allowed(text):
        raise PallnavError("update.bad_url", where=where, value=shown(base))
    path = parts.path
    if path.endswith("/" + INDEX_FILE):
        path = path[: -len(INDEX_FILE)]
    if not path.endswith("/"):
        path += "/"
    return urlunsplit((parts.scheme, parts.netloc, path + INDEX_FILE, "", ""))


def sibling(url: str, name: str) -> str:
    """The address of file ``name`` in the same folder as ``url``."""
    return urljoin(url, name)


# --- fetching ----------------------------------------------------------------------


class Fetched(NamedTuple):
    """An index.json as fetched: its bytes, where it was found (after redirects),
    and the validators to send next time."""

    body: bytes
    url: str
    etag: str | None
    last_modified: str | None


class Session:
    """One client for an update: ``with Session(settings) as session: ...``."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._client: httpx.Client | None = None
        self._deadline_clock = Deadline()

    def __enter__(self) -> Session:
        import httpx

        self._client = build_client(
            httpx.Client, _deadline_transport(self._deadline_clock), self.settings
        )
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._client is not None:
            self._client.close()

    def fetch_index(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched | None:
        """The index at ``url``, or None when the server says it has not changed
        since ``etag`` / ``last_modified`` (304: one small request)."""
        headers = {"Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        with self._open(url, headers) as response:
            if response.status_code == 304:
                return None
            body = bytearray()
            declared = _content_length(response)
            if declared is not None and declared > MAX_INDEX_BYTES:
                raise DownloadError("update.index_too_big", limit=MAX_INDEX_BYTES)
            self._deadline_clock.at = self._deadline(declared or MAX_INDEX_BYTES)
            for chunk in response.iter_raw():
                self._deadline_clock.check(url)
                body += chunk
                if len(body) > MAX_INDEX_BYTES:
                    raise DownloadError("update.index_too_big", limit=MAX_INDEX_BYTES)
            return Fetched(
                bytes(body),
                str(response.url),
                _validator(response.headers.get("ETag")),
                _validator(response.headers.get("Last-Modified")),
            )

    def download(
        self,
        url: str,
        size: int,
        write: Callable[[bytes], object],
        progress: Callable[[int], object] | None = None,
    ) -> str:
        """Stream exactly ``size`` bytes from ``url`` into ``write``; return their
        sha256 (hex). More than ``size`` is refused as soon as it arrives."""
        digest = hashlib.sha256()
        received = 0
        with self._open(url, {"Accept-Encoding": "identity"}) as response:
            declared = _content_length(response)
            if declared is not None and declared > size:
                raise DownloadError("update.archive_too_big", size=declared, expected=size)
            self._deadline_clock.at = self._deadline(size)
            for chunk in response.iter_raw():
                self._deadline_clock.check(url)
                received += len(chunk)
                if received > size:
                    raise DownloadError("update.archive_too_big", size=received, expected=size)
                digest.update(chunk)
                write(chunk)
                if progress is not None:
                    progress(received)
        if received != size:
            raise DownloadError("update.size_mismatch", size=received, expected=size)
        return digest.hexdigest()

    def _deadline(self, size: int) -> float:
        """When a download of ``size`` bytes must be done: a few timeouts, plus time
        at a slow but honest rate, so a server that trickles cannot hold us for days."""
        return time.monotonic() + 3 * self.settings.timeout + size / MIN_BYTES_PER_SECOND

    @contextlib.contextmanager
    def _open(self, url: str, headers: dict[str, str]) -> Iterator[httpx.Response]:
        """A streamed 200 (or 304 to a conditional request) from ``url``, after
        vetted redirects and bounded retries; anything else is a DownloadError."""
        assert self._client is not None, "use Session as a context manager"
        client = self._client
        conditional = "If-None-Match" in headers or "If-Modified-Since" in headers
        tries = 1
        hops = 0
        while True:
            # Errors name the host of this hop, not the first one. The headers
            # must all arrive within a few timeouts, however slowly they trickle.
            self._deadline_clock.at = time.monotonic() + HEADER_TIMEOUTS * self.settings.timeout
            with network_errors(url):
                request = client.build_request("GET", url, headers=headers)
                response = client.send(request, stream=True)
            status = response.status_code
            if status in REDIRECTS:
                response.close()
                url = _next_hop(url, response.headers.get("Location"), hops, status)
                hops += 1
                continue
            if status in BUSY and tries < TRIES:
                response.close()
                time.sleep(_wait(response, tries, self.settings.backoff))
                tries += 1
                continue
            if not (status == 200 or (status == 304 and conditional)):
                response.close()
                key = "update.not_found" if status in (404, 410) else "update.http_status"
                raise DownloadError(key, status=status, url=shown(url, 120))
            encoding = response.headers.get("Content-Encoding", "identity").strip().lower()
            if encoding not in ("", "identity"):
                # We asked for the bytes as they are: a compressed body could
                # inflate far past the size caps before they are checked.
                response.close()
                raise DownloadError("update.garbled", reason=shown(f"Content-Encoding {encoding}"))
            try:
                with network_errors(url):
                    yield response
            finally:
                self._deadline_clock.at = None
                response.close()
            return


def _next_hop(url: str, location: str | None, hops: int, status: int) -> str:
    if not location:
        raise DownloadError("update.http_status", status=status, url=shown(url, 120))
    if hops >= MAX_REDIRECTS:
        raise DownloadError("update.too_many_redirects", limit=MAX_REDIRECTS)
    target = urljoin(url, location.strip())
    if not allowed(target, from_url=url):
        raise DownloadError("update.bad_redirect", url=shown(target, 120))
    return target


def _wait(response: httpx.Response, tries: int, backoff: float) -> float:
    """Seconds before the next try: Retry-After if short and numeric, else backoff."""
    after = response.headers.get("Retry-After", "").strip()
    if after.isascii() and after.isdigit():
        return min(float(after), MAX_RETRY_AFTER)
    return float(backoff * 2 ** (tries - 1))


def _content_length(response: httpx.Response) -> int | None:
    """The declared length of the body as it will be read (None if encoded or absent)."""
    if response.headers.get("Content-Encoding", "identity").lower() != "identity":
        return None
    value = response.headers.get("Content-Length", "")
    return int(value) if value.isdigit() else None


class Deadline:
    """When the response being read must be complete (``time.monotonic()``; None:
    no deadline). The transport asks it before every read and write, so the
    wait for one read never runs past it (see :func:`_deadline_backend`)."""

    def __init__(self) -> None:
        self.at: float | None = None

    def left(self, timeout: float | None) -> float | None:
        """The timeout for one network operation: ``timeout``, cut to the deadline."""
        if self.at is None:
            return timeout
        left = self.at - time.monotonic()
        if left <= 0:
            import httpcore

            raise httpcore.ReadTimeout("the deadline for this response has passed")
        return left if timeout is None else min(timeout, left)

    def check(self, url: str) -> None:
        if self.at is not None and time.monotonic() > self.at:
            raise DownloadError("update.read_timeout", host=shown(urlsplit(url).hostname or url))


def _deadline_backend(inner: httpcore.NetworkBackend, deadline: Deadline) -> Any:
    """httpcore's network backend with every read, write and connect bounded by
    ``deadline``: httpx's own timeouts are per read, so a trickle never trips them."""
    import httpcore

    class Stream(httpcore.NetworkStream):
        def __init__(self, stream: Any) -> None:
            self._stream = stream

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            data: bytes = self._stream.read(max_bytes, deadline.left(timeout))
            return data

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._stream.write(buffer, deadline.left(timeout))

        def close(self) -> None:
            self._stream.close()

        def start_tls(
            self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
        ) -> Stream:
            return Stream(
                self._stream.start_tls(ssl_context, server_hostname, deadline.left(timeout))
            )

        def get_extra_info(self, info: str) -> Any:
            return self._stream.get_extra_info(info)

    class Backend(httpcore.NetworkBackend):
        def connect_tcp(
            self,
            host: str,
            port: int,
            timeout: float | None = None,
            local_address: str | None = None,
            socket_options: Any = None,
        ) -> Stream:
            stream = inner.connect_tcp(
                host, port, deadline.left(timeout), local_address, socket_options
            )
            return Stream(stream)

        def connect_unix_socket(
            self, path: str, timeout: float | None = None, socket_options: Any = None
        ) -> Stream:
            return Stream(inner.connect_unix_socket(path, deadline.left(timeout), socket_options))

        def sleep(self, seconds: float) -> None:
            inner.sleep(seconds)

    return Backend()


def _deadline_transport(deadline: Deadline) -> Callable[..., httpx.BaseTransport]:
    """A transport like httpx's HTTPTransport (same keywords: ``retries``, ``verify``,
    ``proxy``, ``trust_env``) whose every network read, write and connect is held
    to ``deadline``.

    httpx 0.28 does not take a network backend; httpcore's connection pool and
    HTTP proxy do. So this is httpx's documented extension point (a BaseTransport
    with ``handle_request``) over httpcore's public ConnectionPool / HTTPProxy,
    built with our backend: public API of both, nothing private."""
    import httpcore
    import httpx

    # httpx's own defaults for a transport's pool.
    limits: dict[str, Any] = {
        "max_connections": 100,
        "max_keepalive_connections": 20,
        "keepalive_expiry": 5.0,
    }

    class Body(httpx.SyncByteStream):
        def __init__(self, stream: Iterable[bytes]) -> None:
            self.stream = stream

        def __iter__(self) -> Iterator[bytes]:
            with _as_httpx_errors():
                yield from self.stream

        def close(self) -> None:
            close = getattr(self.stream, "close", None)
            if close is not None:
                close()

    class Transport(httpx.BaseTransport):
        def __init__(
            self, *, retries: int, verify: ssl.SSLContext | bool, proxy: str | None, trust_env: bool
        ) -> None:
            context = httpx.create_ssl_context(verify=verify, trust_env=trust_env)
            backend = _deadline_backend(httpcore.SyncBackend(), deadline)
            self.pool: httpcore.ConnectionPool
            if proxy is None:
                self.pool = httpcore.ConnectionPool(
                    ssl_context=context, retries=retries, network_backend=backend, **limits
                )
                return
            # httpx.Proxy checks the scheme and takes "user:password@" out of the URL.
            # httpcore's HTTPProxy does not retry connections (nor did httpx's).
            settings = httpx.Proxy(proxy)
            if settings.url.scheme not in ("http", "https"):
                raise ValueError(
                    f"{settings.url.scheme} proxies are not supported: use http or https"
                )
            self.pool = httpcore.HTTPProxy(
                proxy_url=_core_url(settings.url),
                proxy_auth=settings.auth,
                ssl_context=context,
                network_backend=backend,
                **limits,
            )

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            sent = httpcore.Request(
                method=request.method,
                url=_core_url(request.url),
                headers=request.headers.raw,
                content=request.stream,
                extensions=request.extensions,  # the timeouts, among others
            )
            with _as_httpx_errors():
                got = self.pool.handle_request(sent)
            assert isinstance(got.stream, Iterable)
            return httpx.Response(
                status_code=got.status,
                headers=got.headers,
                stream=Body(got.stream),
                extensions=got.extensions,
            )

        def close(self) -> None:
            self.pool.close()

    return Transport


def _core_url(url: httpx.URL) -> httpcore.URL:
    import httpcore

    return httpcore.URL(
        scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
    )


@contextlib.contextmanager
def _as_httpx_errors() -> Iterator[None]:
    """httpcore's exceptions raised as the httpx ones of the same name, the most
    specific that fits, with the original as the cause (as httpx's own transport
    does): the rest of pallnav, and httpx's client, expect httpx's."""
    import httpcore
    import httpx

    as_httpx: dict[type[Exception], type[httpx.TransportError]] = {
        httpcore.TimeoutException: httpx.TimeoutException,
        httpcore.ConnectTimeout: httpx.ConnectTimeout,
        httpcore.ReadTimeout: httpx.ReadTimeout,
        httpcore.WriteTimeout: httpx.WriteTimeout,
        httpcore.PoolTimeout: httpx.PoolTimeout,
        httpcore.NetworkError: httpx.NetworkError,
        httpcore.ConnectError: httpx.ConnectError,
        httpcore.ReadError: httpx.ReadError,
        httpcore.WriteError: httpx.WriteError,
        httpcore.ProtocolError: httpx.ProtocolError,
        httpcore.LocalProtocolError: httpx.LocalProtocolError,
        httpcore.RemoteProtocolError: httpx.RemoteProtocolError,
        httpcore.ProxyError: httpx.ProxyError,
        httpcore.UnsupportedProtocol: httpx.UnsupportedProtocol,
    }
    try:
        yield
    except tuple(as_httpx) as error:
        kind = next(as_httpx[cls] for cls in type(error).__mro__ if cls in as_httpx)
        raise kind(str(error)) from error


def _validator(value: str | None) -> str | None:
    """An ETag or Last-Modified worth sending back: short, printable ASCII."""
    if value is None or len(value) > MAX_VALIDATOR:
        return None
    if not value.isascii() or not value.isprintable():
        return None
    return value


@contextlib.contextmanager
def network_errors(url: str) -> Iterator[None]:
    """Turn httpx's exceptions into one DownloadError each, in plain words."""
    import httpx

    host = shown(urlsplit(url).hostname or url)
    try:
        yield
    except httpx.ConnectTimeout:
        raise DownloadError("update.connect_timeout", host=host) from None
    except httpx.TimeoutException:
        raise DownloadError("update.read_timeout", host=host) from None
    except httpx.ConnectError as error:
        raise _connect_error(error, host) from None
    except httpx.RemoteProtocolError as error:
        if "incomplete" in str(error) or "without sending complete" in str(error):
            raise DownloadError("update.cut_short") from None
        raise DownloadError("update.garbled", reason=_reason(error)) from None
    except (httpx.ReadError, httpx.WriteError, httpx.DecodingError) as error:
        raise DownloadError("update.broken", reason=_reason(error)) from None
    except httpx.HTTPError as error:
        raise DownloadError("update.network", reason=_reason(error)) from None
    except (httpx.InvalidURL, UnicodeError):
        raise DownloadError("update.bad_address", url=shown(url, 120)) from None


def _connect_error(error: BaseException, host: str) -> DownloadError:
    cause = root_cause(error)
    if isinstance(cause, socket.gaierror):
        return DownloadError("update.dns", host=host)
    if isinstance(cause, ConnectionRefusedError):
        return DownloadError("update.refused", host=host)
    if isinstance(cause, ssl.SSLError):
        return DownloadError("update.tls", host=host, reason=_reason(cause))
    return DownloadError("update.connect", host=host, reason=_reason(cause))


def root_cause(error: BaseException) -> BaseException:
    seen: set[int] = set()
    while id(error) not in seen:
        seen.add(id(error))
        following = error.__cause__ or error.__context__
        if following is None:
            break
        error = following
    return error


def _reason(error: BaseException) -> str:
    """An exception's message, cleaned and short enough for one line."""
    if isinstance(error, ssl.SSLError) and error.reason:
        text = str(error.reason).replace("_", " ").lower()
    elif isinstance(error, OSError) and error.strerror:
        text = error.strerror
    else:
        text = str(error) or type(error).__name__
    text = clean(text).replace("\n", " ").strip()
    return text if len(text) <= 100 else text[:99] + "…"


# --- the client: timeouts, retries, proxies, certificates --------------------------


def build_client(client_type: Any, transport_type: Any, settings: Settings) -> Any:
    """An httpx Client or AsyncClient configured the same way either way, with
    ``transport_type`` (httpx's HTTPTransport or AsyncHTTPTransport, or one that
    takes the same keywords) for direct requests and each proxy."""
    import httpx

    verify = _verify(settings.environ)

    def transport(proxy: str | None) -> Any:
        return transport_type(retries=CONNECT_RETRIES, verify=verify, proxy=proxy, trust_env=False)

    try:
        mounts = {pattern: transport(proxy) for pattern, proxy in _proxies(settings.environ)}
    except (ValueError, TypeError, ImportError, httpx.InvalidURL) as error:
        raise PallnavError("update.bad_proxy", reason=_reason(error)) from None
    return client_type(
        transport=transport(None),
        mounts=mounts,
        timeout=httpx.Timeout(settings.timeout, connect=min(CONNECT_TIMEOUT, settings.timeout)),
        follow_redirects=False,
        trust_env=False,
        headers={"User-Agent": USER_AGENT},
    )


def _verify(environ: Mapping[str, str]) -> ssl.SSLContext | bool:
    """Certificates to trust: SSL_CERT_FILE / SSL_CERT_DIR if set (a hospital's
    own authority), else httpx's default bundle."""
    cafile = environ.get("SSL_CERT_FILE") or None
    capath = environ.get("SSL_CERT_DIR") or None
    if cafile is None and capath is None:
        return True
    try:
        return ssl.create_default_context(cafile=cafile, capath=capath)
    except (OSError, ssl.SSLError) as error:
        raise PallnavError(
            "update.bad_certificates", path=shown(cafile or capath), reason=_reason(error)
        ) from None


def _proxies(environ: Mapping[str, str]) -> list[tuple[str, str | None]]:
    """httpx mount patterns and their proxy (None: go direct), from HTTPS_PROXY,
    HTTP_PROXY, ALL_PROXY and NO_PROXY (upper or lower case). This computer's own
    addresses never go through a proxy."""

    def variable(*names: str) -> str | None:
        for name in (n for upper in names for n in (upper, upper.lower())):
            value = environ.get(name)
            if not value:
                continue
            if value.strip().lower().startswith("socks"):
                raise PallnavError("update.socks_proxy", name=name)
            return value if "://" in value else f"http://{value}"
        return None

    by_scheme = {
        "https://": variable("HTTPS_PROXY", "ALL_PROXY"),
        "http://": variable("HTTP_PROXY", "ALL_PROXY"),
    }
    mounts: list[tuple[str, str | None]] = [(p, url) for p, url in by_scheme.items() if url]
    if not mounts:
        return []
    no_proxy = environ.get("NO_PROXY") or environ.get("no_proxy") or ""
    direct = ["127.0.0.1", "localhost", "[::1]"]
    for host in (h.strip() for h in no_proxy.split(",")):
        if host == "*":
            return []
        if not host or "/" in host:
            continue
        if is_loopback(host) or _is_ip(host):
            direct.append(f"[{host}]" if ":" in host else host)
        else:
            direct.append(f"*{host}")  # httpx: "*.example.org" or "*example.org"
    mounts.extend((f"all://{host}", None) for host in direct)
    return mounts


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True
