"""`pallnav content build`, the index.json format, and the pack archive: built
reproducibly, and unpacked without trusting it."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import stat
import tarfile
from pathlib import Path

import pytest

from conftest import Runner
from packs import PACK_TOML, write_pack
from pallnav import publish
from pallnav.errors import DownloadError, PallnavError
from pallnav.pack_index import Archive, Index, index_json, is_newer, parse_index
from pallnav.pack_loader import load_pack

# --- content build ------------------------------------------------------------


def test_build_writes_an_index_and_an_archive_that_matches_it(run: Runner, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack")
    out = tmp_path / "site"
    result = run("content", "build", str(pack), str(out))
    assert result.code == 0, result.err
    index = json.loads((out / "index.json").read_text())
    archive = out / "test-en-1.0.tar.gz"
    data = archive.read_bytes()
    assert index == {
        "format": 1,
        "id": "test-en",
        "language": "en",
        "version": "1.0",
        "reviewed": "2026-11-01",
        "archives": [
            {
                "name": "test-en-1.0.tar.gz",
                "size": len(data),
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        ],
    }
    assert sorted(os.listdir(out)) == ["index.json", "test-en-1.0.tar.gz"]
    assert "No problems: test-en 1.0" in result.out
    assert "Built test-en 1.0 (en), reviewed November 1, 2026" in result.out
    assert f"test-en-1.0.tar.gz  {len(data)} bytes  sha256 {index['archives'][0]['sha256']}" in (
        result.out
    )
    assert "pallnav update --url" in result.err


def test_built_files_are_readable_by_a_web_server(run: Runner, tmp_path: Path) -> None:
    out = tmp_path / "site"
    run("content", "build", str(write_pack(tmp_path / "pack")), str(out))
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_the_archive_holds_the_pack_files_at_its_root_as_plain_files(
    run: Runner, tmp_path: Path
) -> None:
    pack = write_pack(tmp_path / "pack")
    (pack / "notes.txt").write_text("not part of the pack")
    (pack / ".hidden.toml").write_text("x = 1")
    out = tmp_path / "site"
    run("content", "build", str(pack), str(out))
    with tarfile.open(out / "test-en-1.0.tar.gz") as tar:
        members = tar.getmembers()
    assert [m.name for m in members] == [
        "channels.toml",
        "pack.toml",
        "questionnaire.toml",
        "questions.toml",
        "sections/010-what.md",
        "sections/020-children.md",
    ]
    assert all(m.isreg() and m.mode == 0o644 and m.uid == 0 and m.uname == "" for m in members)
    assert {m.mtime for m in members} == {publish.FIXED_MTIME}


def test_building_twice_gives_the_same_bytes(run: Runner, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack")
    run("content", "build", str(pack), str(tmp_path / "a"))
    os.utime(pack / "pack.toml", (0, 0))  # file times must not matter
    run("content", "build", str(pack), str(tmp_path / "b"))
    for name in ("index.json", "test-en-1.0.tar.gz"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_build_refuses_a_pack_with_problems_and_writes_nothing(run: Runner, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack")
    (pack / "pack.toml").write_text(PACK_TOML.replace('version = "1.0"', ""))
    out = tmp_path / "site"
    result = run("content", "build", str(pack), str(out))
    assert result.code == 1
    assert "pack.toml: version: missing field" in result.out
    assert "Nothing was built" in result.err
    assert not out.exists()


def test_build_refuses_a_pack_that_reads_too_hard(run: Runner, tmp_path: Path) -> None:
    hard = (
        '+++\nid = "what"\ntitle = "What"\norder = 10\nsources = ["acs"]\n+++\n'
        "Notwithstanding considerable interdisciplinary heterogeneity, multidimensional "
        "symptomatology necessitates comprehensive individualized interventional "
        "methodologies incorporating pharmacological considerations.\n"
    )
    pack = write_pack(tmp_path / "pack", **{"sections__010-what_md": hard})
    result = run("content", "build", str(pack), str(tmp_path / "site"))
    assert result.code == 1
    assert "reads at grade" in result.out
    assert not (tmp_path / "site").exists()


def test_build_refuses_a_linked_file(run: Runner, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack")
    (tmp_path / "elsewhere.md").write_text((pack / "sections" / "010-what.md").read_text())
    (pack / "sections" / "010-what.md").unlink()
    (pack / "sections" / "010-what.md").symlink_to(tmp_path / "elsewhere.md")
    result = run("content", "build", str(pack), str(tmp_path / "site"))
    assert result.code == 2
    assert "sections/010-what.md is a link" in result.err


# --- index.json -----------------------------------------------------------------

GOOD_INDEX = {
    "format": 1,
    "id": "pallnav-en",
    "language": "en",
    "version": "2026.12.01",
    "reviewed": "2026-12-01",
    "archives": [{"name": "pallnav-en-2026.12.01.tar.gz", "size": 100, "sha256": "a" * 64}],
}


def index_bytes(**changes: object) -> bytes:
    data = {**GOOD_INDEX, **changes}
    return json.dumps({k: v for k, v in data.items() if v is not None}).encode()


def test_an_index_round_trips() -> None:
    index = parse_index(index_bytes())
    assert index == Index(
        "pallnav-en",
        "en",
        "2026.12.01",
        index.reviewed,
        (Archive("pallnav-en-2026.12.01.tar.gz", 100, "a" * 64),),
    )
    assert parse_index(index_json(index).encode()) == index


def test_an_index_may_carry_keys_this_version_does_not_know() -> None:
    assert parse_index(index_bytes(signature="...")).version == "2026.12.01"


def test_an_unknown_index_format_is_named() -> None:
    with pytest.raises(DownloadError) as caught:
        parse_index(index_bytes(format=2))
    assert caught.value.key == "update.unknown_format"
    assert caught.value.values == {"format": 2}


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"format": "1"}, '"format" must be 1'),
        ({"id": None}, '"id" is missing'),
        ({"id": "../../etc"}, '"id" has a value'),
        ({"language": "english"}, '"language" has a value'),
        ({"version": "one"}, '"version" is not a PEP 440 version'),
        ({"reviewed": "December 1"}, '"reviewed" has a value'),
        ({"reviewed": "2026-13-01"}, '"reviewed" is not a date'),
        ({"archives": []}, '"archives" must be a non-empty list'),
        ({"archives": [{"name": "../x.tar.gz", "size": 1, "sha256": "a" * 64}]}, '"name"'),
        ({"archives": [{"name": "a/b.tar.gz", "size": 1, "sha256": "a" * 64}]}, '"name"'),
        ({"archives": [{"name": "p.tar.gz", "size": 0, "sha256": "a" * 64}]}, '"size"'),
        ({"archives": [{"name": "p.tar.gz", "size": True, "sha256": "a" * 64}]}, '"size"'),
        ({"archives": [{"name": "p.tar.gz", "size": 1, "sha256": "A" * 64}]}, '"sha256"'),
        ({"archives": [{"name": "p.zip", "size": 1, "sha256": "a" * 64}]}, "no .tar.gz"),
    ],
)
def test_a_bad_index_field_is_refused_with_its_name(
    changes: dict[str, object], reason: str
) -> None:
    with pytest.raises(DownloadError) as caught:
        parse_index(index_bytes(**changes))
    assert caught.value.key == "update.bad_index"
    assert reason in str(caught.value.values["reason"])


@pytest.mark.parametrize("data", [b"", b"\xff\xfe", b"[1, 2]", b"{", b"null"])
def test_an_index_that_is_not_a_json_object_is_refused(data: bytes) -> None:
    with pytest.raises(DownloadError, match=r"update\.bad_index"):
        parse_index(data)


@pytest.mark.parametrize(
    ("candidate", "current", "newer"),
    [
        ("2026.12.01", "2026.11.24", True),
        ("2026.11.24", "2026.11.24", False),
        ("2026.11.3", "2026.11.24", False),
        ("1.0", "1.0rc1", True),
        ("1.0.post1", "1.0", True),
        ("1.0", "1.0.0", False),
    ],
)
def test_versions_compare_by_pep_440(candidate: str, current: str, newer: bool) -> None:
    assert is_newer(candidate, current) is newer


# --- unpacking an archive without trusting it ----------------------------------


def make_tar(*members: tuple[tarfile.TarInfo, bytes | None]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for info, data in members:
            if data is not None:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
            else:
                tar.addfile(info)
    return buffer.getvalue()


def entry(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type = kind
    info.linkname = link
    return info


def unpack_bytes(tmp_path: Path, data: bytes) -> Path:
    archive = tmp_path / "download.tar.gz"
    archive.write_bytes(data)
    target = tmp_path / "unpacked"
    publish.unpack(archive, target)
    return target


def test_a_built_archive_unpacks_into_the_same_pack(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack")
    target = unpack_bytes(tmp_path, publish.build_archive(pack))
    assert load_pack(target).id == "test-en"
    assert (target / "sections" / "010-what.md").read_bytes() == (
        pack / "sections" / "010-what.md"
    ).read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o700


@pytest.mark.parametrize(
    ("member", "reason"),
    [
        ((entry("/etc/passwd"), b"x"), "the path"),
        ((entry("../outside.toml"), b"x"), "the path"),
        ((entry("sections/../../outside.toml"), b"x"), "the path"),
        ((entry("C:/outside.toml"), b"x"), "the path"),
        ((entry("sections\\..\\..\\x.md"), b"x"), "the path"),
        ((entry("sections/a\x1b[2J.md"), b"x"), "the path"),
        ((entry("pack.toml", tarfile.SYMTYPE, "/etc/passwd"), None), "a link"),
        ((entry("pack.toml", tarfile.LNKTYPE, "/etc/passwd"), None), "a link"),
        ((entry("dev", tarfile.CHRTYPE), None), "a device"),
        ((entry("dev", tarfile.BLKTYPE), None), "a device"),
        ((entry("pipe", tarfile.FIFOTYPE), None), "a fifo"),
    ],
)
def test_unpacking_refuses_anything_that_could_escape_or_is_not_a_plain_file(
    tmp_path: Path, member: tuple[tarfile.TarInfo, bytes | None], reason: str
) -> None:
    data = make_tar((entry("channels.toml"), b"ok"), member)
    with pytest.raises(DownloadError) as caught:
        unpack_bytes(tmp_path, data)
    assert caught.value.key == "update.bad_archive"
    assert reason in str(caught.value.values["reason"])
    assert not (tmp_path / "outside.toml").exists()
    assert not (tmp_path / "pipe").exists()


def test_unpacking_refuses_a_file_listed_twice(tmp_path: Path) -> None:
    data = make_tar((entry("pack.toml"), b"one"), (entry("pack.toml"), b"two"))
    with pytest.raises(DownloadError, match=r"update\.bad_archive"):
        unpack_bytes(tmp_path, data)


def test_unpacking_refuses_a_link_then_a_file_through_it(tmp_path: Path) -> None:
    data = make_tar(
        (entry("sections", tarfile.SYMTYPE, str(tmp_path)), None),
        (entry("sections/evil.md"), b"x"),
    )
    with pytest.raises(DownloadError, match=r"update\.bad_archive"):
        unpack_bytes(tmp_path, data)
    assert not (tmp_path / "evil.md").exists()


def test_unpacking_caps_the_number_of_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publish, "MAX_FILES", 3)
    data = make_tar(*((entry(f"sections/{n}.md"), b"x") for n in range(4)))
    with pytest.raises(DownloadError) as caught:
        unpack_bytes(tmp_path, data)
    assert "more than 3 files" in str(caught.value.values["reason"])


def test_unpacking_caps_the_total_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(publish, "MAX_UNPACKED_BYTES", 1000)
    data = make_tar((entry("a.toml"), b"x" * 600), (entry("b.toml"), b"x" * 600))
    with pytest.raises(DownloadError) as caught:
        unpack_bytes(tmp_path, data)
    assert "more than 1000 bytes" in str(caught.value.values["reason"])


def test_unpacking_stops_a_gzip_bomb_before_it_fills_memory(tmp_path: Path) -> None:
    # A pax header that claims 200 MB of zeros: tarfile would read it all at once.
    header = tarfile.TarInfo("././@PaxHeader")
    header.type = tarfile.XHDTYPE
    header.size = 200 * 1024 * 1024
    raw = io.BytesIO()
    raw.write(header.tobuf(format=tarfile.USTAR_FORMAT))
    zeros = b"\0" * (1024 * 1024)
    for _ in range(200):
        raw.write(zeros)
    with pytest.raises(DownloadError) as caught:
        unpack_bytes(tmp_path, gzip.compress(raw.getvalue(), compresslevel=1))
    assert "bytes once unpacked" in str(caught.value.values["reason"])


@pytest.mark.parametrize(
    "data", [b"", b"not an archive", gzip.compress(b"plain text, no tar", mtime=0)]
)
def test_unpacking_refuses_what_is_not_a_tar_gz(tmp_path: Path, data: bytes) -> None:
    with pytest.raises(DownloadError, match=r"update\.bad_archive"):
        unpack_bytes(tmp_path, data)


def test_unpacking_refuses_a_truncated_archive(tmp_path: Path) -> None:
    whole = publish.build_archive(write_pack(tmp_path / "pack"))
    with pytest.raises(DownloadError, match=r"update\.bad_archive"):
        unpack_bytes(tmp_path, whole[: len(whole) // 2])


def test_pack_files_refuses_a_link(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack")
    (pack / "extra.toml").symlink_to(pack / "pack.toml")
    with pytest.raises(PallnavError, match=r"build\.not_a_file"):
        publish.pack_files(pack)


@pytest.mark.parametrize("command", ["check", "build"])
def test_without_the_authoring_extra_check_and_build_name_the_install_line(
    run: Runner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    # As installed for people who only read the guide: no textstat.
    import sys

    for name in [m for m in sys.modules if m == "textstat" or m.startswith("textstat.")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "textstat", None)
    pack = write_pack(tmp_path / "pack")
    args = ["content", command, str(pack)] + (
        [str(tmp_path / "site")] if command == "build" else []
    )
    result = run(*args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.strip().splitlines() == [
        "pallnav: Checking a pack measures how easy each section is to read, which needs "
        "pallnav's authoring tools. Install them with: uv tool install 'pallnav[authoring]' "
        "(or: pipx install --force 'pallnav[authoring]')"
    ]
    assert not (tmp_path / "site").exists()
