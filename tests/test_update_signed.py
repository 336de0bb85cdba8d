"""`pallnav update` installs only content signed by a key the person trusts.

Each test runs a real HTTP server on 127.0.0.1 (tests/webserver.py) serving a
publisher's folder as `content build --sign` writes it: index.json, its
minisign signature index.json.minisig, and the archive.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Runner
from keys import key_pair, needs_minisign, sign
from pallnav import signing
from test_signing import minisign
from test_update import TRUST, edited_pack, fetch, in_use, publish_to, snapshot
from webserver import Reply, Site

PUBLISHER = key_pair("publisher").public
STRANGER = key_pair("stranger").public
NEXT = key_pair("next").public


@pytest.fixture
def updated(run: Runner, site: Site, tmp_path: Path) -> Site:
    """pallnav-en 2026.12.01, signed by the publisher, installed from the site."""
    publish_to(site, edited_pack(tmp_path / "v2"))
    assert fetch(run, site).code == 0
    return site


def _v3(tmp_path: Path, **files: str) -> Path:
    return edited_pack(tmp_path / "v3", version="2026.12.15", line="Third text.", **files)


def listing(root: Path, *keys: signing.PublicKey) -> Path:
    """The pack in ``root`` with ``keys = [...]`` in its pack.toml."""
    pack_toml = root / "pack.toml"
    line = "keys = [" + ", ".join(f'"{k.text}"' for k in keys) + "]\n"
    text = pack_toml.read_text(encoding="utf-8").replace(
        'publisher = "pallnav"\n', f'publisher = "pallnav"\n{line}'
    )
    pack_toml.write_text(text, encoding="utf-8")
    return root


def route_body(site: Site, path: str) -> bytes:
    route = site.routes[path]
    assert isinstance(route, Reply)
    return route.body


# --- what is refused: one line, exit 1, nothing changed -------------------------------

Breaker = Callable[[Site, Path], None]


def unknown_key(site: Site, tmp_path: Path) -> None:
    publish_to(site, _v3(tmp_path), signer="stranger")


def signature_of_another_index(site: Site, tmp_path: Path) -> None:
    old_signature = route_body(site, "/en/index.json.minisig")  # of the 2026.12.01 index
    publish_to(site, _v3(tmp_path))
    site.file("/en/index.json.minisig", old_signature)


def changed_after_signing(site: Site, tmp_path: Path) -> None:
    publish_to(site, _v3(tmp_path))
    body = route_body(site, "/en/index.json").replace(b"2026.12.15", b"2026.12.16")
    site.file("/en/index.json", body)


def truncated_signature(site: Site, tmp_path: Path) -> None:
    publish_to(site, _v3(tmp_path))
    signature = route_body(site, "/en/index.json.minisig")
    site.file("/en/index.json.minisig", signature[: len(signature) // 2])


def signature_is_a_web_page(site: Site, tmp_path: Path) -> None:
    publish_to(site, _v3(tmp_path))
    site.file("/en/index.json.minisig", b"<html>Welcome to nginx!</html>")


def unsigned(site: Site, tmp_path: Path) -> None:
    publish_to(site, _v3(tmp_path), signer=None)


def signature_server_error(site: Site, tmp_path: Path) -> None:
    publish_to(site, _v3(tmp_path))
    site.routes["/en/index.json.minisig"] = Reply(500, b"oops")


def expired(site: Site, tmp_path: Path) -> None:
    publish_to(site, _v3(tmp_path), expires="2026-11-26")  # the day before the test clock's


def without_expiry(site: Site, tmp_path: Path) -> None:
    publish_to(site, _v3(tmp_path))
    document = json.loads(route_body(site, "/en/index.json"))
    del document["expires"]
    body = json.dumps(document).encode()
    site.file("/en/index.json", body)
    site.file("/en/index.json.minisig", sign(body))


def older(site: Site, tmp_path: Path) -> None:
    publish_to(site, edited_pack(tmp_path / "old", version="2026.11.01", reviewed="2026-11-01"))


REFUSED: list[tuple[Breaker, str]] = [
    (unknown_key, f"is signed with key {STRANGER.id}, which you do not trust (you trust "),
    (signature_of_another_index, "The signature of the content server's index.json does not"),
    (changed_after_signing, "it may have been changed after it was signed"),
    (truncated_signature, "(index.json.minisig) cannot be read"),
    (signature_is_a_web_page, "(index.json.minisig) cannot be read"),
    (unsigned, "is not signed (there is no index.json.minisig), and you trust a publisher key"),
    (signature_server_error, "answered with an error (500)"),
    (expired, "index.json expired on November 26, 2026"),
    (without_expiry, "signed index.json has no expiry date"),
    (older, "offers pallnav-en 2026.11.01, older than the 2026.12.01 you have"),
]


@pytest.mark.parametrize("check", [False, True], ids=["update", "check"])
@pytest.mark.parametrize(
    ("breaker", "expected"), REFUSED, ids=[breaker.__name__ for breaker, _ in REFUSED]
)
def test_content_not_signed_by_a_trusted_key_is_refused(
    run: Runner,
    updated: Site,
    tmp_path: Path,
    home: Path,
    breaker: Breaker,
    expected: str,
    check: bool,
) -> None:
    before, seen_before = snapshot(home), in_use(run)
    breaker(updated, tmp_path)

    result = fetch(run, updated, *(["--check"] if check else []))

    assert result.code == 1
    assert result.out == ""
    assert len(result.err.splitlines()) == 1, result.err
    assert expected in result.err
    assert result.err.rstrip().endswith("Your guide still uses pallnav-en 2026.12.01.")
    assert snapshot(home) == before
    assert in_use(run) == seen_before
    assert "Third text." not in run("show", "what-it-is").out
    archives = [s.path for s in updated.seen if s.path.endswith("2026.12.15.tar.gz")]
    assert archives == []  # nothing was downloaded on the word of an unchecked index


def test_an_old_signed_index_sent_again_is_refused(
    run: Runner, updated: Site, tmp_path: Path, home: Path
) -> None:
    """A replay: the real, validly signed index of 2026.12.01, after 2026.12.15."""
    old = {path: route_body(updated, path) for path in updated.routes}
    publish_to(updated, _v3(tmp_path))
    assert fetch(run, updated).code == 0
    before, seen_before = snapshot(home), in_use(run)
    for path, body in old.items():
        updated.file(path, body)

    result = fetch(run, updated)

    assert result.code == 1
    assert "offers pallnav-en 2026.12.01, older than the 2026.12.15 you have" in result.err
    assert len(result.err.splitlines()) == 1
    assert (snapshot(home), in_use(run)) == (before, seen_before)


def test_an_index_is_good_through_its_last_day(run: Runner, site: Site, tmp_path: Path) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"), expires="2026-11-27")  # the test clock's day
    result = fetch(run, site)
    assert result.code == 0, result.err


# --- where the trusted key comes from ------------------------------------------------


def test_without_any_key_update_says_how_to_set_one_and_asks_nothing(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"))
    for args in ([], ["--check"]):
        result = run("update", "--url", f"{site.url}/en/", *args)
        assert result.code == 2
        assert len(result.err.splitlines()) == 1
        for hint in ("--key RW", "PALLNAV_CONTENT_KEY", "content_key", "--allow-unsigned"):
            assert hint in result.err
    assert site.seen == []
    assert "This line came with" not in run("show", "what-it-is").out


def test_allow_unsigned_installs_from_a_local_mirror_when_no_key_is_set(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"), signer=None)
    result = run("update", "--url", f"{site.url}/en/", "--allow-unsigned")
    assert result.code == 0, result.err
    assert [s.path for s in site.seen] == ["/en/index.json", "/en/pallnav-en-2026.12.01.tar.gz"]


def test_allow_unsigned_does_not_lift_a_key_that_is_set(
    run: Runner, site: Site, tmp_path: Path, home: Path
) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"), signer=None)
    result = fetch(run, site, "--allow-unsigned")
    assert result.code == 1
    assert "is not signed" in result.err
    assert "en/current" not in snapshot(home)


@pytest.mark.parametrize("how", ["--key", "--key FILE", "config", "environment"])
def test_the_key_may_come_from_a_flag_a_file_the_config_or_the_environment(
    run: Runner, site: Site, tmp_path: Path, home: Path, how: str
) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"))
    args = ["update", "--url", f"{site.url}/en/"]
    env: dict[str, str] = {}
    if how == "--key":
        args += ["--key", PUBLISHER.text]
    elif how == "--key FILE":
        (tmp_path / "publisher.pub").write_text(signing.public_key_file(PUBLISHER))
        args += ["--key", str(tmp_path / "publisher.pub")]
    elif how == "config":
        config = home / "config" / "pallnav" / "config.toml"
        config.parent.mkdir(parents=True)
        config.write_text(f'content_url = "{site.url}/en/"\ncontent_key = "{PUBLISHER.text}"\n')
        args = ["update"]
    else:
        env = TRUST
    result = run(*args, env=env)
    assert result.code == 0, result.err
    assert "Updated pallnav-en from 2026.11.24 to 2026.12.01" in result.out


def test_the_flag_wins_over_the_environment(run: Runner, site: Site, tmp_path: Path) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"))
    result = fetch(run, site, "--key", STRANGER.text)
    assert result.code == 1
    assert f"you trust {STRANGER.id}" in result.err


@pytest.mark.parametrize("value", ["RWQ-not-a-key", "ssh-ed25519 AAAA", "/nowhere/key.pub"])
def test_a_key_that_is_not_one_is_a_usage_error(run: Runner, site: Site, value: str) -> None:
    result = run("update", "--url", f"{site.url}/en/", "--key", value)
    assert result.code == 2
    assert "--key:" in result.err and "is not a public key" in result.err
    assert len(result.err.splitlines()) == 1
    assert site.seen == []


def test_a_bad_key_in_the_config_names_the_file(run: Runner, site: Site, home: Path) -> None:
    config = home / "config" / "pallnav" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'content_url = "{site.url}/en/"\ncontent_key = "RW-nope"\n')
    result = run("update")
    assert result.code == 2
    assert f"{config}: " in result.err and "is not a public key" in result.err


# --- moving to a new key -------------------------------------------------------------


def test_a_pack_signed_by_a_trusted_key_can_name_the_next_key(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    publish_to(site, listing(edited_pack(tmp_path / "v2"), PUBLISHER, NEXT))
    assert fetch(run, site).code == 0
    # The publisher now signs with the new key only; the person changed nothing.
    publish_to(site, _v3(tmp_path), signer="next")
    result = fetch(run, site)
    assert result.code == 0, result.err
    assert "from 2026.12.01 to 2026.12.15" in result.out
    # A key nobody vouched for is still refused.
    publish_to(site, edited_pack(tmp_path / "v4", version="2027.1.1"), signer="stranger")
    assert fetch(run, site).code == 1


def test_keys_listed_by_an_unsigned_pack_are_not_trusted(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    publish_to(site, listing(edited_pack(tmp_path / "v2"), STRANGER), signer=None)
    assert run("update", "--url", f"{site.url}/en/", "--allow-unsigned").code == 0
    publish_to(site, _v3(tmp_path), signer="stranger")
    result = fetch(run, site)
    assert result.code == 1
    assert f"signed with key {STRANGER.id}, which you do not trust" in result.err


def test_a_pack_with_a_listed_key_that_is_not_one_is_not_valid(run: Runner, tmp_path: Path) -> None:
    pack = edited_pack(tmp_path / "v2")
    text = (
        (pack / "pack.toml")
        .read_text()
        .replace('publisher = "pallnav"\n', 'publisher = "pallnav"\nkeys = ["RWQ-nope"]\n')
    )
    (pack / "pack.toml").write_text(text)
    result = run("content", "check", str(pack))
    assert result.code == 1
    assert 'pack.toml:7: keys: "RWQ-nope" is not a minisign public key' in result.out


# --- end to end: the publisher's own tools, then update ---------------------------------


def test_what_content_build_signs_is_what_update_installs(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    # No password here: minisign's scrypt settings cost 1 GiB and seconds (test_signing
    # covers password-protected keys).
    assert run("content", "keygen", str(tmp_path / "hospital"), "--no-password").code == 0
    out = tmp_path / "site"
    built = run("content", "build", str(edited_pack(tmp_path / "v2")), str(out), "--sign",
                str(tmp_path / "hospital.key"))  # fmt: skip
    assert built.code == 0, built.err
    site.folder("/en/", out)
    result = run("update", "--url", f"{site.url}/en/", "--key", str(tmp_path / "hospital.pub"))
    assert result.code == 0, result.err
    assert "Updated pallnav-en from 2026.11.24 to 2026.12.01" in result.out


@needs_minisign
def test_update_installs_an_index_signed_by_the_minisign_tool(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    made = minisign("-G", "-W", "-p", str(tmp_path / "m.pub"), "-s", str(tmp_path / "m.key"))
    assert made.returncode == 0, made.stderr
    out = tmp_path / "site"
    built = run("content", "build", str(edited_pack(tmp_path / "v2")), str(out), "--expires",
                "2027-03-01")  # fmt: skip
    assert built.code == 0, built.err
    signed = minisign("-Sm", str(out / "index.json"), "-s", str(tmp_path / "m.key"))
    assert signed.returncode == 0, signed.stderr
    site.folder("/en/", out)
    key = (tmp_path / "m.pub").read_text().splitlines()[1]
    result = run("update", "--url", f"{site.url}/en/", "--key", key)
    assert result.code == 0, result.err
    assert "2026.12.01" in run("--version").out


def test_a_key_file_that_is_a_fifo_is_not_waited_on(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    import os

    os.mkfifo(tmp_path / "key.pub")
    result = run("update", "--url", f"{site.url}/en/", "--key", str(tmp_path / "key.pub"))
    assert result.code == 2
    assert "is not a public key" in result.err
    assert site.seen == []
