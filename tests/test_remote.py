"""pallnav.remote's own transport (httpx's extension point over httpcore's pool,
with a deadline on every read): what tests/test_update.py does not reach through
`pallnav update` — connections tried again, proxy credentials, SOCKS proxies.

Every test talks to a real HTTP server on 127.0.0.1 (tests/webserver.py).
"""

from __future__ import annotations

import base64
import socket
from typing import Any

import pytest

from conftest import Runner
from keys import key_pair
from pallnav.errors import DownloadError
from pallnav.remote import CONNECT_RETRIES, Session, Settings
from webserver import Site

TRUST = {"PALLNAV_CONTENT_KEY": key_pair("publisher").public.text}


def refuse_first(monkeypatch: pytest.MonkeyPatch, refusals: int) -> list[object]:
    """The first ``refusals`` connections are refused, as by a server restarting;
    the list returned grows by one for each connection tried."""
    real = socket.create_connection
    tried: list[object] = []

    def create_connection(address: Any, *args: Any, **kwargs: Any) -> socket.socket:
        tried.append(address)
        if len(tried) <= refusals:
            raise ConnectionRefusedError(111, "Connection refused")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    return tried


def test_a_refused_connection_is_tried_again(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    site.file("/en/index.json", b'{"pack": "pallnav-en"}')
    tried = refuse_first(monkeypatch, CONNECT_RETRIES)
    with Session(Settings(timeout=2)) as session:
        fetched = session.fetch_index(f"{site.url}/en/index.json")
    assert fetched is not None
    assert fetched.body == b'{"pack": "pallnav-en"}'
    assert len(tried) == CONNECT_RETRIES + 1


def test_a_server_that_keeps_refusing_is_named_after_a_few_tries(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.file("/en/index.json", b"{}")
    tried = refuse_first(monkeypatch, 99)
    with Session(Settings(timeout=2)) as session, pytest.raises(DownloadError) as raised:
        session.fetch_index(f"{site.url}/en/index.json")
    assert raised.value.key == "update.refused"
    assert "127.0.0.1" in str(raised.value.values["host"])
    assert len(tried) == CONNECT_RETRIES + 1
    assert site.seen == []


def test_the_proxy_gets_the_name_and_password_from_its_address(site: Site) -> None:
    environ = {"HTTPS_PROXY": site.url.replace("://", "://nurse:s%20cret@")}
    with (
        Session(Settings(timeout=2, environ=environ)) as session,
        pytest.raises(DownloadError),
    ):
        session.fetch_index("https://content.pallnav.invalid/en/index.json")
    [connect] = site.seen
    assert (connect.method, connect.path) == ("CONNECT", "content.pallnav.invalid:443")
    expected = "Basic " + base64.b64encode(b"nurse:s cret").decode()
    assert connect.headers["proxy-authorization"] == expected


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_socks_proxy_is_a_usage_error_that_says_what_works(run: Runner, lang: str) -> None:
    result = run(
        "--lang",
        lang,
        "update",
        "--url",
        "https://content.pallnav.invalid/en/",
        env={"ALL_PROXY": "socks5://127.0.0.1:1080", **TRUST},
    )
    assert result.code == 2
    assert result.err.count("\n") == 1
    assert result.err.startswith("pallnav: ALL_PROXY ")
    assert "SOCKS" in result.err
    assert "https://" in result.err
    assert "socksio" not in result.err
