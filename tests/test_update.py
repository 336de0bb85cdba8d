"""`pallnav update`, `pallnav --version` and the pack in use.

Every network test runs against a real HTTP server on 127.0.0.1 started by the
test (tests/webserver.py); nothing may resolve or reach another host.
"""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import stat
import tarfile
import tomllib
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from conftest import FakeTerminal, Result, Runner
from keys import key_pair, sign
from pallnav import publish
from pallnav.cli import main
from pallnav.context import Context
from pallnav.in_use import bundled_content_dir
from pallnav.pack import review_is_stale
from pallnav.pack_index import Archive, Index, archive_name, index_json
from pallnav.publish import build_archive
from webserver import LAST_MODIFIED, Reply, Seen, Site, closed_port


@pytest.mark.parametrize(
    ("reviewed", "today", "stale"),
    [
        (date(2025, 11, 24), date(2026, 11, 24), False),
        (date(2025, 11, 24), date(2026, 11, 25), True),
        (date(2026, 11, 24), date(2026, 11, 27), False),
        (date(2024, 2, 29), date(2025, 3, 1), False),
        (date(2024, 2, 29), date(2025, 3, 2), True),
        (date(2026, 12, 1), date(2026, 11, 27), False),  # reviewed "in the future"
    ],
)
def test_a_review_is_stale_only_after_more_than_a_year(
    reviewed: date, today: date, stale: bool
) -> None:
    assert review_is_stale(reviewed, today) is stale


def test_version_names_the_program_and_the_built_in_content(run: Runner) -> None:
    result = run("--version")
    assert result.code == 0
    assert result.out.splitlines() == [
        "pallnav 0.1.0",
        "Content: pallnav-en 2026.11.24 (built in), reviewed December 5, 2026.",
    ]
    assert result.err == ""


def test_version_adds_a_gentle_note_when_the_review_is_over_a_year_old(run: Runner) -> None:
    result = run("--version", at=datetime(2027, 12, 10, 12, tzinfo=UTC))
    assert result.code == 0
    assert "reviewed December 5, 2026" in result.out
    assert "more than a year ago" in result.err
    assert "pallnav update" in result.err


# --- the world of an update: a publisher's folder on a local server --------------

NEW_LINE = "This line came with the December update."


def edited_pack(
    root: Path,
    version: str = "2026.12.01",
    reviewed: str = "2026-12-01",
    line: str = NEW_LINE,
    **files: str,
) -> Path:
    """The bundled English pack with a new version, review date and first section."""
    shutil.copytree(bundled_content_dir("en"), root)
    pack_toml = root / "pack.toml"
    text = pack_toml.read_text(encoding="utf-8")
    text = text.replace('version = "2026.11.24"', f'version = "{version}"')
    text = text.replace("reviewed = 2026-12-05", f"reviewed = {reviewed}")
    pack_toml.write_text(text, encoding="utf-8")
    section = root / "sections" / "010-what-it-is.md"
    section.write_text(section.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    for name, content in files.items():
        (root / name).write_text(content, encoding="utf-8")
    return root


#: The publisher's key, as a person who updates from it sets it.
TRUST = {"PALLNAV_CONTENT_KEY": key_pair("publisher").public.text}
#: A day after the test clock's (2026-11-27): the signed indexes here are valid.
EXPIRES = "2027-06-01"


def publish_to(
    site: Site,
    pack: Path,
    prefix: str = "/en/",
    signer: str | None = "publisher",
    **index_changes: object,
) -> Index:
    """Put ``pack`` on the server as `content build --sign` would, signed by
    ``signer``'s key (None: unsigned); index changes are made before signing."""
    data = build_archive(pack)
    meta = tomllib.loads((pack / "pack.toml").read_text(encoding="utf-8"))
    pack_id, language, version = meta["id"], meta["language"], meta["version"]
    archive = Archive(archive_name(pack_id, version), len(data), hashlib.sha256(data).hexdigest())
    index = Index(pack_id, language, version, meta["reviewed"], (archive,))
    document = {**json.loads(index_json(index)), "expires": EXPIRES}
    document.update(index_changes)
    body = json.dumps(document).encode()
    site.file(prefix + "index.json", body)
    site.routes.pop(prefix + "index.json.minisig", None)
    if signer is not None:
        site.file(prefix + "index.json.minisig", sign(body, signer))
    site.file(prefix + archive.name, data)
    return index


def fetch(run: Runner, site: Site, *args: str, env: dict[str, str] | None = None) -> Result:
    return run(
        "update",
        "--url",
        f"{site.url}/en/",
        *args,
        env={"PALLNAV_HTTP_TIMEOUT": "2", **TRUST, **(env or {})},
    )


def snapshot(home: Path) -> dict[str, str]:
    """Everything pallnav keeps for updates, byte for byte: files, links and modes."""
    root = home / "data" / "pallnav" / "packs"
    found: dict[str, str] = {}
    for path in sorted(root.rglob("*")) if root.exists() else []:
        name = str(path.relative_to(root))
        mode = oct(path.lstat().st_mode)
        if path.is_symlink():
            found[name] = f"link {os.readlink(path)}"
        elif path.is_dir():
            found[name] = f"dir {mode}"
        else:
            found[name] = f"file {mode} {hashlib.sha256(path.read_bytes()).hexdigest()}"
    return found


def in_use(run: Runner) -> tuple[str, str]:
    """What a person would see: the content line and the first section."""
    version = run("--version").out.splitlines()[1]
    return version, run("show", "what-it-is").out


@pytest.fixture
def updated(run: Runner, site: Site, tmp_path: Path) -> Site:
    """pallnav-en 2026.12.01 installed from the site, which still serves it."""
    publish_to(site, edited_pack(tmp_path / "v2"))
    result = fetch(run, site)
    assert result.code == 0, result.err
    return site


# --- a good update ---------------------------------------------------------------


def test_a_good_update_is_installed_and_shown_everywhere(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"))
    assert NEW_LINE not in run("show", "what-it-is").out

    result = fetch(run, site)

    assert result.code == 0, result.err
    assert result.out == (
        "Updated pallnav-en from 2026.11.24 to 2026.12.01 (reviewed December 1, 2026).\n"
    )
    assert "pallnav update --rollback" in result.err
    shown = run("show", "what-it-is")
    assert NEW_LINE in shown.out
    assert "Content: pallnav-en 2026.12.01 (updated), reviewed December 1, 2026." in shown.out
    assert run("--version").out.splitlines()[1] == (
        "Content: pallnav-en 2026.12.01 (updated), reviewed December 1, 2026."
    )
    assert run("topics").code == 0
    guide = run(
        "guide", "--role", "patient", "--stage", "new", "--age", "adult",
        "--setting", "clinic", "--insurance", "private",
    )  # fmt: skip
    assert NEW_LINE in guide.out
    assert "Content: pallnav-en 2026.12.01 (updated), reviewed December 1, 2026." in guide.out
    assert [s.path for s in site.seen] == [
        "/en/index.json",
        "/en/index.json.minisig",
        "/en/pallnav-en-2026.12.01.tar.gz",
    ]


def test_an_update_is_kept_privately_with_nothing_left_behind(
    run: Runner, updated: Site, home: Path
) -> None:
    packs = home / "data" / "pallnav" / "packs" / "en"
    assert stat.S_IMODE(packs.stat().st_mode) == 0o700
    assert sorted(p.name for p in packs.iterdir()) == [
        ".lock",
        "current",
        "index-meta.json",
        "versions",
    ]
    assert (packs / "current").read_text().startswith("versions/2026.12.01-")
    assert stat.S_IMODE((packs / "current").lstat().st_mode) == 0o600
    assert stat.S_IMODE((packs / "index-meta.json").stat().st_mode) == 0o600


def test_a_check_that_finds_nothing_new_costs_one_conditional_request(
    run: Runner, updated: Site
) -> None:
    updated.seen.clear()
    result = fetch(run, updated)
    assert result.code == 0
    assert result.out == "Up to date: pallnav-en 2026.12.01, reviewed December 1, 2026.\n"
    assert [(s.path, s.status) for s in updated.seen] == [("/en/index.json", 304)]
    assert updated.seen[0].headers["if-none-match"].startswith('"')
    assert updated.seen[0].headers["if-modified-since"] == LAST_MODIFIED


def test_check_says_when_an_update_is_available_and_installs_nothing(
    run: Runner, site: Site, tmp_path: Path, home: Path
) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"))
    result = fetch(run, site, "--check")
    assert result.code == 1
    assert result.out == (
        "An update is available: pallnav-en 2026.12.01, reviewed December 1, 2026 "
        f"(you have 2026.11.24). To install it: pallnav update --url {site.url}/en/\n"
    )
    assert "en/current" not in snapshot(home)
    assert "en/index-meta.json" not in snapshot(home)
    assert NEW_LINE not in run("show", "what-it-is").out
    assert [s.path for s in site.seen] == ["/en/index.json", "/en/index.json.minisig"]
    # A check must not make the next update think it is up to date.
    assert fetch(run, site).code == 0
    assert NEW_LINE in run("show", "what-it-is").out


def test_check_exits_0_when_up_to_date(run: Runner, updated: Site) -> None:
    result = fetch(run, updated, "--check")
    assert result.code == 0
    assert result.out.startswith("Up to date: pallnav-en 2026.12.01")


@pytest.mark.parametrize("check", [False, True])
def test_an_older_version_is_refused(
    run: Runner, site: Site, tmp_path: Path, home: Path, check: bool
) -> None:
    publish_to(site, edited_pack(tmp_path / "old", version="2026.11.01", reviewed="2026-11-01"))
    result = fetch(run, site, *(["--check"] if check else []))
    assert result.code == 1
    assert result.out == ""
    assert result.err == (
        "pallnav: The content server offers pallnav-en 2026.11.01, older than the 2026.11.24 you "
        "have, so it was not installed (an old index sent again, or a mirror that is behind). "
        "Your guide still uses pallnav-en 2026.11.24.\n"
    )
    assert snapshot(home).get("en/current") is None
    assert NEW_LINE not in run("show", "what-it-is").out


def test_force_installs_a_version_that_is_not_newer(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    publish_to(site, edited_pack(tmp_path / "old", version="2026.11.01", reviewed="2026-11-01"))
    result = fetch(run, site, "--force")
    assert result.code == 0, result.err
    assert "Installed pallnav-en 2026.11.01" in result.out
    assert "in place of 2026.11.24, as --force asked" in result.out
    assert NEW_LINE in run("show", "what-it-is").out


def test_force_reinstalls_the_same_pack(run: Runner, updated: Site) -> None:
    result = fetch(run, updated, "--force")
    assert result.code == 0, result.err
    assert [s.status for s in updated.seen[-2:]] == [200, 200]  # no conditional request
    assert NEW_LINE in run("show", "what-it-is").out


def test_a_newer_pack_replaces_an_updated_one(run: Runner, updated: Site, tmp_path: Path) -> None:
    publish_to(updated, edited_pack(tmp_path / "v3", version="2026.12.15", line="Third text."))
    result = fetch(run, updated)
    assert result.code == 0, result.err
    assert "from 2026.12.01 to 2026.12.15" in result.out
    assert "Third text." in run("show", "what-it-is").out


def test_the_address_may_come_from_the_environment(run: Runner, site: Site, tmp_path: Path) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"))
    result = run("update", env={"PALLNAV_CONTENT_URL": f"{site.url}/en", **TRUST})
    assert result.code == 0, result.err
    assert "Updated pallnav-en" in result.out


def test_the_address_may_come_from_the_config_file(
    run: Runner, site: Site, tmp_path: Path, home: Path
) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"))
    config = home / "config" / "pallnav" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'content_url = "{site.url}/en/index.json"\n')
    result = run("update", env=TRUST)
    assert result.code == 0, result.err


def test_a_redirect_between_loopback_addresses_is_followed(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"), prefix="/new/")
    site.routes["/en/index.json"] = Reply(301, headers={"Location": "/new/index.json"})
    result = fetch(run, site)
    assert result.code == 0, result.err
    assert [s.path for s in site.seen] == [
        "/en/index.json",
        "/new/index.json",
        "/new/index.json.minisig",
        "/new/pallnav-en-2026.12.01.tar.gz",
    ]


def test_a_busy_server_is_tried_again_a_few_times(run: Runner, site: Site, tmp_path: Path) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"))
    good = site.routes["/en/index.json"]
    assert isinstance(good, Reply)
    answers = iter([Reply(503), Reply(429, headers={"Retry-After": "0"})])

    def busy_then_good(seen: Seen) -> Reply:
        return next(answers, good)

    site.routes["/en/index.json"] = busy_then_good
    result = fetch(run, site)
    assert result.code == 0, result.err
    assert [s.status for s in site.seen if s.path == "/en/index.json"] == [503, 429, 200]


def test_a_progress_bar_shows_only_when_stderr_is_a_terminal(
    site: Site, tmp_path: Path, home: Path
) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"))
    err = FakeTerminal()
    context = Context(
        stdout=io.StringIO(),
        stderr=err,
        stdin=io.StringIO(),
        environ={"TZ": "UTC", "LANG": "en_US.UTF-8", "COLUMNS": "80", **TRUST},
        clock=lambda: datetime(2026, 11, 27, 20, tzinfo=UTC),
        stderr_is_terminal=True,
        config_path=home / "config.toml",
    )
    assert main(["update", "--url", site.url + "/en/"], context=context) == 0
    assert "Downloading pallnav-en 2026.12.01" in err.getvalue()


def test_no_progress_bar_when_stderr_is_not_a_terminal(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"))
    result = fetch(run, site)
    assert "Downloading" not in result.err
    assert "\x1b" not in result.err + result.out


# --- what is refused before any request -------------------------------------------


def test_without_an_address_update_says_how_to_set_one_and_exits_2(run: Runner) -> None:
    result = run("update")
    assert result.code == 2
    assert "No content address is set" in result.err
    assert "PALLNAV_CONTENT_URL" in result.err
    assert "content_url" in result.err
    assert len(result.err.splitlines()) == 1
    assert run("show", "what-it-is").code == 0  # the built-in guide keeps working


@pytest.mark.parametrize(
    "address",
    [
        "http://example.org/en/",
        "ftp://127.0.0.1/en/",
        "https://user:secret@example.org/en/",
        "https://example.org/en/?token=1",
        "file:///etc/",
        "127.0.0.1/en/",
        "https://example.org:99999/en/",
    ],
)
def test_only_https_or_loopback_http_addresses_are_accepted(run: Runner, address: str) -> None:
    result = run("update", "--url", address)
    assert result.code == 2
    assert "is not an address pallnav can update from" in result.err


def test_a_bad_timeout_setting_is_a_usage_error(run: Runner, site: Site) -> None:
    result = fetch(run, site, env={"PALLNAV_HTTP_TIMEOUT": "soon"})
    assert result.code == 2
    assert "PALLNAV_HTTP_TIMEOUT" in result.err


# --- every failure: one line, exit 1, and the content in use exactly as it was -----

Breaker = Callable[[Site, Path, pytest.MonkeyPatch], "str | None"]


def _v3(tmp_path: Path, **files: str) -> Path:
    return edited_pack(tmp_path / "v3", version="2026.12.15", line="Third text.", **files)


def offline(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    return "https://pallnav.invalid/en/"


def refused(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    return f"http://127.0.0.1:{closed_port()}/en/"


def slow(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_to(site, _v3(tmp_path))
    site.routes["/en/index.json"] = Reply(200, b"{}", delay=5)


def slow_archive(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = publish_to(site, _v3(tmp_path))
    route = site.routes[f"/en/{index.archive.name}"]
    assert isinstance(route, Reply)
    route.delay = 5


def missing(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site.routes.clear()


def missing_archive(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = publish_to(site, _v3(tmp_path))
    del site.routes[f"/en/{index.archive.name}"]


def server_error(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site.routes["/en/index.json"] = Reply(500, b"oops")


def always_busy(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site.routes["/en/index.json"] = Reply(503, headers={"Retry-After": "0"})


def truncated(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = publish_to(site, _v3(tmp_path))
    route = site.routes[f"/en/{index.archive.name}"]
    assert isinstance(route, Reply)
    route.cut_at = index.archive.size // 2


def tampered(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = publish_to(site, _v3(tmp_path))
    route = site.routes[f"/en/{index.archive.name}"]
    assert isinstance(route, Reply)
    body = bytearray(route.body)
    body[len(body) // 2] ^= 0xFF
    route.body = bytes(body)


def wrong_checksum(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = publish_to(site, _v3(tmp_path))
    archive = {"name": index.archive.name, "size": index.archive.size, "sha256": "0" * 64}
    publish_to(site, _v3(tmp_path / "again"), archives=[archive])


def larger_than_listed(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    index = publish_to(site, _v3(tmp_path))
    archive = {"name": index.archive.name, "size": 100, "sha256": index.archive.sha256}
    publish_to(site, _v3(tmp_path / "again"), archives=[archive])


def invalid_pack(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_to(site, _v3(tmp_path, **{"channels.toml": "[[channel]]\nid = 1\n"}))


def escape_sequence(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_to(site, edited_pack(tmp_path / "v3", version="2026.12.15", line="Hi\x1b]0;pwned\x07"))


def escaped_control(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    channels = (bundled_content_dir("en") / "channels.toml").read_text(encoding="utf-8")
    channels = channels.replace('name = "', 'name = "\\u001b]0;pwned\\u0007', 1)
    publish_to(site, _v3(tmp_path, **{"channels.toml": channels}))


def reference_in_body(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_to(site, edited_pack(tmp_path / "v3", version="2026.12.15", line="Hi &#x202e;"))


def other_language(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_to(site, _v3(tmp_path), language="es", id="pallnav-es")


def other_pack(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_to(site, _v3(tmp_path), id="other-en")


def index_lies(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_to(site, _v3(tmp_path), version="2027.1.1")


def not_json(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    body = b"<html>Welcome to nginx!</html>"
    site.file("/en/index.json", body)
    site.file("/en/index.json.minisig", sign(body))  # signed, yet still refused


def future_format(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_to(site, _v3(tmp_path), format=2)


def huge_index(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site.file("/en/index.json", b" " * (70 * 1024))


def unsafe_redirect(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site.routes["/en/index.json"] = Reply(302, headers={"Location": "http://example.org/i.json"})


def redirect_loop(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site.routes["/en/index.json"] = Reply(302, headers={"Location": "/en/index.json"})


def archive_of(site: Site, tmp_path: Path, entries: list[tarfile.TarInfo]) -> None:
    """Publish an archive made of ``entries`` (folders, or empty files)."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for info in entries:
            tar.addfile(info, io.BytesIO(b"") if info.isreg() else None)
    data = buffer.getvalue()
    archive = {
        "name": "pallnav-en-2026.12.15.tar.gz",
        "size": len(data),
        "sha256": hashlib.sha256(data).hexdigest(),
    }
    publish_to(site, _v3(tmp_path), archives=[archive])
    site.file("/en/pallnav-en-2026.12.15.tar.gz", data)


def hostile_archive(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive_of(site, tmp_path, [tarfile.TarInfo("../../../../escaped.toml")])


def folder_entry(name: str) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = tarfile.DIRTYPE
    return info


def hidden_entry(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive_of(site, tmp_path, [folder_entry(".bundled-version")])


def too_deep(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive_of(site, tmp_path, [tarfile.TarInfo("sections/more/deep.md")])


def many_folders(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    archive_of(site, tmp_path, [folder_entry(f"f{n}") for n in range(1100)])


def nested_toml(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_to(site, _v3(tmp_path, **{"questions.toml": "a = " + "[" * 5000}))


def bad_host_redirect(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site.routes["/en/index.json"] = Reply(302, headers={"Location": "https://xn--zz.com/i.json"})


def compressed_index(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import gzip

    site.routes["/en/index.json"] = Reply(
        body=gzip.compress(b" " * 600_000), headers={"Content-Encoding": "gzip"}
    )


def odd_retry_after(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site.routes["/en/index.json"] = Reply(503, headers={"Retry-After": "\u00b2"})


def trickling(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from pallnav import remote

    monkeypatch.setattr(remote, "MIN_BYTES_PER_SECOND", 10**9)
    site.routes["/en/index.json"] = Reply(body=b" " * 200, trickle=0.1)


def disk_full(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_to(site, _v3(tmp_path))

    def no_space(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(publish, "write_all", no_space)


def disk_full_unpacking(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_to(site, _v3(tmp_path))
    real = publish.write_all

    def no_space_after_download(fd: int, data: bytes) -> None:
        if data.startswith(b"\x1f\x8b"):  # the archive itself (one chunk: it is small)
            return real(fd, data)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(publish, "write_all", no_space_after_download)


def disk_full_switching(site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish_to(site, _v3(tmp_path))

    def no_space(fd: int, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    from pallnav import installed

    monkeypatch.setattr(installed, "write_all", no_space)


FAILURES: list[tuple[Breaker, str]] = [
    (offline, 'Could not find the content server "pallnav.invalid"'),
    (refused, "(connection refused)"),
    (slow, "stopped answering"),
    (slow_archive, "stopped answering"),
    (missing, "has nothing at"),
    (missing_archive, "(404)"),
    (server_error, "answered with an error (500)"),
    (always_busy, "answered with an error (503)"),
    (truncated, "The download was cut short"),
    (tampered, "does not match its checksum"),
    (wrong_checksum, "does not match its checksum"),
    (larger_than_listed, "larger than the index says"),
    (invalid_pack, "The downloaded pack is not valid: channels.toml"),
    (escape_sequence, "contains control characters (U+001B, U+0007)"),
    (escaped_control, "contains control characters (U+001B, U+0007) written as escapes"),
    (reference_in_body, "(U+202E) as character references"),
    (other_language, "offers pallnav-es (es), not pallnav-en (en)"),
    (other_pack, "offers other-en (en), not pallnav-en (en)"),
    (index_lies, "but its index says pallnav-en 2027.1.1"),
    (not_json, "index.json is not valid: not JSON"),
    (future_format, "format 2"),
    (huge_index, "larger than 65536 bytes"),
    (unsafe_redirect, 'on to "http://example.org/i.json"'),
    (redirect_loop, "redirected more than 5 times"),
    (hostile_archive, 'the path "../../../../escaped.toml" is not allowed'),
    (hidden_entry, 'the path ".bundled-version" is not allowed'),
    (too_deep, 'the path "sections/more/deep.md" is not allowed'),
    (many_folders, "more than 1000 files"),
    (nested_toml, "questions.toml:1: is too much to read: nested more than 32 levels deep"),
    (bad_host_redirect, "is not an address pallnav can reach"),
    (compressed_index, '("Content-Encoding gzip")'),
    (odd_retry_after, "answered with an error (503)"),
    (trickling, 'The content server "127.0.0.1" stopped answering'),
    (disk_full, "Could not save the update on this computer: No space left on device"),
    (disk_full_unpacking, "No space left on device"),
    (disk_full_switching, "No space left on device"),
]


@pytest.mark.parametrize(
    ("breaker", "expected"), FAILURES, ids=[breaker.__name__ for breaker, _ in FAILURES]
)
def test_a_failed_update_is_one_line_exit_1_and_changes_nothing(
    run: Runner,
    updated: Site,
    tmp_path: Path,
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    breaker: Breaker,
    expected: str,
) -> None:
    before, seen_before = snapshot(home), in_use(run)
    address = breaker(updated, tmp_path, monkeypatch)
    url = address or f"{updated.url}/en/"

    result = run("update", "--url", url, "--force", env={"PALLNAV_HTTP_TIMEOUT": "0.5", **TRUST})

    assert result.code == 1
    assert result.out == ""
    assert len(result.err.splitlines()) == 1, result.err
    assert expected in result.err
    assert result.err.rstrip().endswith("Your guide still uses pallnav-en 2026.12.01.")
    assert "\x1b" not in result.err and "\x07" not in result.err
    assert snapshot(home) == before
    assert in_use(run) == seen_before
    assert not (home / "escaped.toml").exists()


@pytest.mark.parametrize("part", ["index headers", "index body", "archive body"])
def test_a_server_that_trickles_is_cut_off_at_the_deadline(
    run: Runner, site: Site, tmp_path: Path, part: str
) -> None:
    """Each read is bounded by the deadline, headers included: a byte every 50 ms
    never trips the 0.3 s read timeout, but the whole response is cut off."""
    if part == "index headers":
        site.routes["/en/index.json"] = Reply(body=b"{}", trickle_headers=0.05)
    elif part == "index body":
        site.routes["/en/index.json"] = Reply(body=b" " * 100, trickle=0.05)
    else:
        index = publish_to(site, _v3(tmp_path))
        route = site.routes[f"/en/{index.archive.name}"]
        assert isinstance(route, Reply)
        route.trickle, route.cut_at = 0.05, 100

    result = run("update", "--url", f"{site.url}/en/", env={"PALLNAV_HTTP_TIMEOUT": "0.3", **TRUST})

    assert result.code == 1
    assert 'The content server "127.0.0.1" stopped answering' in result.err
    assert site.trickled < 100  # cut off before the server was done


def test_a_failed_check_is_one_line_and_exit_1(run: Runner, site: Site) -> None:
    site.routes.clear()
    result = fetch(run, site, "--check")
    assert result.code == 1
    assert "Your guide still uses pallnav-en 2026.11.24." in result.err


def test_a_failure_leaves_the_built_in_pack_in_use(
    run: Runner, site: Site, tmp_path: Path, home: Path
) -> None:
    index = publish_to(site, edited_pack(tmp_path / "v2"))
    route = site.routes[f"/en/{index.archive.name}"]
    assert isinstance(route, Reply)
    route.cut_at = 10
    result = fetch(run, site)
    assert result.code == 1
    assert "Your guide still uses pallnav-en 2026.11.24." in result.err
    assert "en/current" not in snapshot(home)
    assert not list((home / "data" / "pallnav" / "packs" / "en").glob(".staging-*"))
    assert NEW_LINE not in run("show", "what-it-is").out


def test_a_second_update_at_the_same_time_is_refused(
    run: Runner, updated: Site, home: Path
) -> None:
    import fcntl

    lock = home / "data" / "pallnav" / "packs" / "en" / ".lock"
    with lock.open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        result = fetch(run, updated, "--force")
    assert result.code == 1
    assert "Another pallnav update is running" in result.err


def test_what_an_interrupted_update_left_behind_is_cleared(
    run: Runner, updated: Site, home: Path
) -> None:
    leftover = home / "data" / "pallnav" / "packs" / "en" / ".staging-crashed"
    (leftover / "pack").mkdir(parents=True)
    assert fetch(run, updated).code == 0
    assert not leftover.exists()


# --- going back ------------------------------------------------------------------


def test_rollback_goes_back_to_the_built_in_pack_and_forward_again(
    run: Runner, updated: Site
) -> None:
    result = run("update", "--rollback")
    assert result.code == 0, result.err
    assert result.out == (
        "Went back to the content used before. "
        "Content: pallnav-en 2026.11.24 (built in), reviewed December 5, 2026.\n"
    )
    assert NEW_LINE not in run("show", "what-it-is").out
    assert run("update", "--rollback").code == 0
    assert NEW_LINE in run("show", "what-it-is").out


def test_rollback_goes_back_to_the_previous_update(
    run: Runner, updated: Site, tmp_path: Path, home: Path
) -> None:
    publish_to(updated, edited_pack(tmp_path / "v3", version="2026.12.15", line="Third text."))
    assert fetch(run, updated).code == 0
    versions = home / "data" / "pallnav" / "packs" / "en" / "versions"
    assert len(list(versions.iterdir())) == 2
    result = run("update", "--rollback")
    assert result.code == 0, result.err
    assert "pallnav-en 2026.12.01 (updated)" in result.out
    shown = run("show", "what-it-is").out
    assert NEW_LINE in shown
    assert "Third text." not in shown


def test_after_a_rollback_the_next_update_fetches_in_full(run: Runner, updated: Site) -> None:
    assert run("update", "--rollback").code == 0
    updated.seen.clear()
    result = fetch(run, updated)
    assert result.code == 0, result.err
    assert "Updated pallnav-en from 2026.11.24 to 2026.12.01" in result.out
    assert "if-none-match" not in updated.seen[0].headers


def test_rollback_with_nothing_to_go_back_to_exits_1(run: Runner) -> None:
    result = run("update", "--rollback")
    assert result.code == 1
    assert "There is no earlier content to go back to." in result.err


def test_check_and_rollback_together_are_a_usage_error(run: Runner) -> None:
    assert run("update", "--check", "--rollback").code == 2


# --- a downloaded pack's text is inert ---------------------------------------------

MARKUP_SECTION = """\
+++
id = "what-it-is"
title = "[bold red]Danger[/]"
order = 10
sources = ["acs"]
+++
Press [link=https://evil.example]here[/link] now.
"""


@pytest.mark.parametrize("terminal", [True, False])
def test_rich_markup_in_a_downloaded_pack_is_shown_literally(
    run: Runner, site: Site, tmp_path: Path, terminal: bool
) -> None:
    pack = edited_pack(tmp_path / "v2")
    (pack / "sections" / "010-what-it-is.md").write_text(MARKUP_SECTION)
    publish_to(site, pack)
    assert fetch(run, site).code == 0
    result = run("show", "what-it-is", terminal=terminal)
    assert result.code == 0
    assert "[bold red]Danger[/]" in result.out
    assert "[link=https://evil.example]here[/link]" in result.out
    assert "\x1b]8;" not in result.out  # no hidden hyperlink


# --- proxies come from the Context's environment -----------------------------------


def test_a_proxy_from_the_environment_is_used_for_https(run: Runner, site: Site) -> None:
    result = run(
        "update",
        "--url",
        "https://content.pallnav.invalid/en/",
        env={"HTTPS_PROXY": site.url, "PALLNAV_HTTP_TIMEOUT": "2", **TRUST},
    )
    assert result.code == 1
    assert [(s.method, s.path) for s in site.seen] == [("CONNECT", "content.pallnav.invalid:443")]
    assert "Your guide still uses pallnav-en 2026.11.24." in result.err


def test_this_computer_is_never_reached_through_a_proxy(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    publish_to(site, edited_pack(tmp_path / "v2"))
    proxy = f"http://127.0.0.1:{closed_port()}"
    result = fetch(run, site, env={"HTTP_PROXY": proxy, "HTTPS_PROXY": proxy})
    assert result.code == 0, result.err


def test_a_broken_proxy_setting_is_a_usage_error(run: Runner, site: Site) -> None:
    result = fetch(run, site, env={"HTTPS_PROXY": "gopher://proxy.example:70"})
    assert result.code == 2
    assert "proxy" in result.err


def test_rollback_works_when_the_pack_in_use_is_damaged(
    run: Runner, updated: Site, home: Path
) -> None:
    packs = home / "data" / "pallnav" / "packs" / "en"
    current = packs / (packs / "current").read_text().strip()
    (current / "pack.toml").write_text("this is not TOML [")
    assert run("show", "what-it-is").code == 2
    result = run("update", "--rollback")
    assert result.code == 0, result.err
    assert "pallnav-en 2026.11.24 (built in)" in result.out
    assert run("show", "what-it-is").code == 0


def test_a_newer_built_in_pack_wins_over_an_older_download(
    run: Runner, updated: Site, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    newer = edited_pack(tmp_path / "release", version="2027.1.1", line="From a new release.")
    from pallnav import in_use

    monkeypatch.setattr(in_use, "bundled_content_dir", lambda language: newer)
    shown = run("show", "what-it-is")
    assert "From a new release." in shown.out
    assert "Content: pallnav-en 2027.1.1 (built in)" in shown.out


def _no_symlinks(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on stock Windows without Developer Mode: making a symlink is refused."""

    def refused(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EPERM, "A required privilege is not held by the client")

    monkeypatch.setattr(os, "symlink", refused)
    monkeypatch.setattr(Path, "symlink_to", refused)


def test_update_and_rollback_work_where_symlinks_are_refused(
    run: Runner, site: Site, home: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    _no_symlinks(monkeypatch)
    publish_to(site, edited_pack(tmp_path / "v2"))
    result = fetch(run, site)
    assert result.code == 0, result.err
    assert "pallnav-en 2026.12.01 (updated)" in in_use(run)[0]
    assert run("update", "--rollback").code == 0
    assert "pallnav-en 2026.11.24 (built in)" in in_use(run)[0]
    assert run("update", "--rollback").code == 0
    assert "pallnav-en 2026.12.01 (updated)" in in_use(run)[0]


def test_a_symlink_left_by_an_older_pallnav_still_names_the_pack_in_use(
    run: Runner, updated: Site, home: Path
) -> None:
    packs = home / "data" / "pallnav" / "packs" / "en"
    target = (packs / "current").read_text().strip()
    (packs / "current").unlink()
    (packs / "current").symlink_to(target)
    assert "pallnav-en 2026.12.01 (updated)" in in_use(run)[0]
    assert run("update", "--rollback").code == 0
    assert "pallnav-en 2026.11.24 (built in)" in in_use(run)[0]
    assert run("update", "--rollback").code == 0
    assert "pallnav-en 2026.12.01 (updated)" in in_use(run)[0]
    assert not (packs / "current").is_symlink()


@pytest.mark.parametrize("pointer", ["../../../../etc", "/etc", "versions/../../x", ""])
def test_a_pointer_that_leaves_the_versions_folder_is_ignored(
    run: Runner, updated: Site, home: Path, pointer: str
) -> None:
    packs = home / "data" / "pallnav" / "packs" / "en"
    (packs / "current").write_text(pointer + "\n")
    assert "pallnav-en 2026.11.24 (built in)" in in_use(run)[0]


def test_an_update_piped_to_a_reader_that_leaves_exits_by_what_was_installed(
    site: Site, tmp_path: Path, home: Path, run: Runner
) -> None:
    import subprocess
    import sys

    publish_to(site, edited_pack(tmp_path / "v2"))
    result = subprocess.run(
        f"set -o pipefail; '{sys.executable}' -m pallnav update --url {site.url}/en/ | true",
        shell=True, capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "PALLNAV_HTTP_TIMEOUT": "2", **TRUST},
        executable="/bin/bash",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr  # pipefail: pallnav's own code
    assert "Traceback" not in result.stderr
    assert "2026.12.01" in run("--version").out


def test_the_command_check_gives_installs_the_update_as_it_is(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    import shlex

    publish_to(site, edited_pack(tmp_path / "v2"))
    key = TRUST["PALLNAV_CONTENT_KEY"]
    result = run("update", "--url", f"{site.url}/en/", "--key", key, "--check", "--lang", "en")
    assert result.code == 1, result.err
    words = shlex.split(result.out.rsplit("To install it: ", 1)[1])
    assert words[:2] == ["pallnav", "update"] and "--check" not in words
    assert words[2:] == ["--url", f"{site.url}/en/", "--key", key, "--lang", "en"]
    installed = run(*words[1:])  # with no environment to help it
    assert installed.code == 0, installed.err
    assert NEW_LINE in run("show", "what-it-is").out
