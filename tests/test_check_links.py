"""`pallnav content check-links`: every address in a pack, checked against a real
server on 127.0.0.1 (nothing else is reachable from these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import Runner
from pallnav.links import pack_links, urls_in
from webserver import Reply, Seen, Site, closed_port


def head_refused(seen: Seen) -> Reply:
    return Reply(405) if seen.method == "HEAD" else Reply(200, b"fine")


@pytest.fixture
def pack(site: Site, tmp_path: Path) -> Path:
    """A pack folder whose links point at the local server: some good, some not."""
    base = site.url
    site.routes["/ok"] = Reply(200, b"fine")
    site.routes["/moved"] = Reply(301, headers={"Location": "/ok"})
    site.routes["/moved-to-nowhere"] = Reply(302, headers={"Location": "/gone"})
    site.routes["/no-head"] = head_refused
    root = tmp_path / "pack"
    (root / "sections").mkdir(parents=True)
    (root / "pack.toml").write_text(
        f'id = "test-en"\n\n[sources.a]\ntitle = "A"\nurl = "{base}/ok"\n'
        f'[sources.b]\ntitle = "B"\nurl = "{base}/gone"\n'
    )
    (root / "channels.toml").write_text(f'[[channel]]\nid = "chat"\nurl = "{base}/moved"\n')
    (root / "sections" / "010-a.md").write_text(
        f"+++\nid = 'a'\n+++\nSee [this page]({base}/ok).\n\n"
        f"- Or {base}/no-head, or <{base}/moved-to-nowhere>.\n"
        f"- Down: http://127.0.0.1:{closed_port()}/x\n"
    )
    (root / "notes.txt").write_text(f"{base}/not-part-of-the-pack\n")
    return root


def test_check_links_reports_dead_and_redirected_links_with_their_files(
    run: Runner, pack: Path, site: Site
) -> None:
    result = run("content", "check-links", str(pack))
    assert result.code == 1
    lines = result.out.splitlines()
    base = site.url
    assert lines[0] == f"Checking 6 links in {pack}"
    assert f"redirected  {base}/moved -> {base}/ok  (channels.toml:3)" in lines
    assert f"dead        {base}/gone  (404)  (pack.toml:8)" in lines
    assert (
        f"dead        {base}/moved-to-nowhere -> {base}/gone  (404)  (sections/010-a.md:6)" in lines
    )
    assert any(
        line.startswith("dead        http://127.0.0.1:")
        and line.endswith("(connection refused)  (sections/010-a.md:7)")
        for line in lines
    )
    assert lines[-1] == "6 links: 2 ok, 1 redirected, 3 dead."
    assert len(lines) == 6  # good links stay quiet: a heading, 4 problems, the summary
    assert "/not-part-of-the-pack" not in {s.path for s in site.seen}


def test_a_server_that_refuses_head_is_asked_with_get(run: Runner, pack: Path, site: Site) -> None:
    run("content", "check-links", str(pack))
    assert [s.method for s in site.seen if s.path == "/no-head"] == ["HEAD", "GET"]
    assert [s.method for s in site.seen if s.path == "/ok"].count("GET") == 0


def test_check_links_exits_0_when_no_link_is_dead(run: Runner, site: Site, tmp_path: Path) -> None:
    site.routes["/ok"] = Reply(200)
    site.routes["/moved"] = Reply(308, headers={"Location": "/ok"})
    (tmp_path / "pack.toml").write_text(f'url = "{site.url}/ok"\nother = "{site.url}/moved"\n')
    result = run("content", "check-links", str(tmp_path))
    assert result.code == 0
    assert result.out.splitlines()[-1] == "2 links: 1 ok, 1 redirected, 0 dead."


def test_links_are_checked_concurrently_but_at_most_eight_at_a_time(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    lines = []
    for number in range(20):
        site.routes[f"/slow/{number}"] = Reply(200, delay=0.2)
        lines.append(f"- {site.url}/slow/{number}")
    (tmp_path / "sections").mkdir()
    (tmp_path / "sections" / "010-a.md").write_text("\n".join(lines) + "\n")
    result = run("content", "check-links", str(tmp_path))
    assert result.code == 0
    assert 2 <= site.most_in_flight <= 8


def test_a_link_that_does_not_answer_in_time_is_dead(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    site.routes["/slow"] = Reply(200, delay=3)
    (tmp_path / "pack.toml").write_text(f'url = "{site.url}/slow"\n')
    result = run("content", "check-links", str(tmp_path), env={"PALLNAV_HTTP_TIMEOUT": "0.3"})
    assert result.code == 1
    assert "(no answer in time)  (pack.toml:1)" in result.out


def test_a_link_to_a_name_that_does_not_resolve_is_dead(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "pack.toml").write_text('url = "https://gone.pallnav.invalid/page"\n')
    result = run("content", "check-links", str(tmp_path))
    assert result.code == 1
    assert "https://gone.pallnav.invalid/page  (name not found)  (pack.toml:1)" in result.out


def test_a_pack_without_links_says_so(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "pack.toml").write_text('id = "x"\n')
    result = run("content", "check-links", str(tmp_path))
    assert result.code == 0
    assert result.out == f"No links found in {tmp_path}.\n"


def test_check_links_needs_a_folder(run: Runner, tmp_path: Path) -> None:
    result = run("content", "check-links", str(tmp_path / "nowhere"))
    assert result.code == 2
    assert "is not a pack folder" in result.err


@pytest.mark.parametrize(
    ("text", "urls"),
    [
        ("See [the page](https://a.org/b).", ["https://a.org/b"]),
        ('url = "https://a.org/b"', ["https://a.org/b"]),
        ("Visit https://a.org/b, then https://c.org.", ["https://a.org/b", "https://c.org"]),
        ("<https://a.org/b>", ["https://a.org/b"]),
        ("**https://a.org/b**", ["https://a.org/b"]),
        (
            "[W](https://w.org/wiki/Foo_(bar)) (see https://x.org/y)",
            [
                "https://w.org/wiki/Foo_(bar)",
                "https://x.org/y",
            ],
        ),
        ("mailto:help@example.org and ftp://a.org and https://", []),
    ],
)
def test_addresses_are_found_in_text(text: str, urls: list[str]) -> None:
    assert [url for url, _ in urls_in(text)] == urls


def test_every_address_is_listed_once_with_all_its_places(tmp_path: Path) -> None:
    (tmp_path / "sections").mkdir()
    (tmp_path / "pack.toml").write_text('url = "https://a.org/"\n')
    (tmp_path / "sections" / "010-x.md").write_text("x\nhttps://a.org/ and https://b.org/\n")
    assert pack_links(tmp_path) == {
        "https://a.org/": ["pack.toml:1", "sections/010-x.md:2"],
        "https://b.org/": ["sections/010-x.md:2"],
    }


def test_an_address_that_cannot_be_a_url_is_reported_dead_with_the_rest_checked(
    run: Runner, site: Site, tmp_path: Path
) -> None:
    site.routes["/ok"] = Reply(200, b"fine")
    root = tmp_path / "pack"
    (root / "sections").mkdir(parents=True)
    (root / "pack.toml").write_text(
        f'[sources.a]\nurl = "https://example.com:abc/"\n[sources.b]\nurl = "{site.url}/ok"\n'
    )
    result = run("content", "check-links", str(root))
    assert result.code == 1
    assert "Traceback" not in result.err and "went wrong" not in result.err
    assert "dead        https://example.com:abc/  (not a web address)" in result.out
    assert "2 links: 1 ok, 0 redirected, 1 dead." in result.out
