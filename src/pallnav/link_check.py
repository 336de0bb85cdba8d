"""``pallnav content check-links``: every web address in a pack, checked over the
network (HEAD, then GET for servers that refuse HEAD), a few at a time.

For maintainers only: the guide itself never uses the network. The client's
timeouts, proxies and certificates are ``remote``'s.
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple
from urllib.parse import urljoin

from pallnav.remote import MAX_REDIRECTS, REDIRECTS, Settings, build_client, root_cause

if TYPE_CHECKING:
    import httpx


class LinkResult(NamedTuple):
    """One link checked: "ok", "redirected" (to ``target``) or "dead", with the
    last status seen, or the ``problem`` when there was no answer."""

    url: str
    state: str
    status: int | None = None
    target: str | None = None
    problem: str | None = None


#: Statuses after which a HEAD is tried again as GET (servers that refuse HEAD).
HEAD_REFUSED = frozenset({400, 403, 405, 501})


def check_links(urls: Sequence[str], settings: Settings, concurrency: int = 8) -> list[LinkResult]:
    """Check every URL, at most ``concurrency`` at a time; results in the same order."""
    import asyncio

    return asyncio.run(_check_all(list(urls), settings, concurrency))


async def _check_all(urls: list[str], settings: Settings, concurrency: int) -> list[LinkResult]:
    import asyncio

    import httpx

    limit = asyncio.Semaphore(concurrency)
    client: httpx.AsyncClient = build_client(httpx.AsyncClient, httpx.AsyncHTTPTransport, settings)

    async def one(url: str) -> LinkResult:
        async with limit:
            return await _check_one(client, url)

    async with client:
        return list(await asyncio.gather(*(one(url) for url in urls)))


async def _check_one(client: httpx.AsyncClient, url: str) -> LinkResult:
    import httpx

    current = url
    for _ in range(MAX_REDIRECTS + 1):
        moved = current if current != url else None
        try:
            status, location = await _probe(client, current)
        except (httpx.HTTPError, httpx.InvalidURL, UnicodeError) as error:
            return LinkResult(url, "dead", target=moved, problem=_link_problem(error))
        if status in REDIRECTS and location:
            current = urljoin(current, location.strip())
            continue
        if status >= 400:
            return LinkResult(url, "dead", status, moved)
        return LinkResult(url, "redirected" if moved else "ok", status, moved)
    return LinkResult(url, "dead", target=current, problem="too_many_redirects")


async def _probe(client: httpx.AsyncClient, url: str) -> tuple[int, str | None]:
    response = await client.head(url)
    if response.status_code in HEAD_REFUSED:
        async with client.stream("GET", url) as response:
            pass
    return response.status_code, response.headers.get("Location")


def _link_problem(error: BaseException) -> str:
    """A word for why a link gave no answer: a key under [links] in the catalogue."""
    import httpx

    if isinstance(error, httpx.TimeoutException):
        return "timeout"
    if isinstance(error, httpx.ConnectError):
        cause = root_cause(error)
        if isinstance(cause, socket.gaierror):
            return "dns"
        if isinstance(cause, ConnectionRefusedError):
            return "refused"
        if isinstance(cause, ssl.SSLError):
            return "tls"
    if isinstance(error, httpx.UnsupportedProtocol | httpx.InvalidURL | UnicodeError):
        return "bad_address"
    return "no_answer"
