"""What a person installing pallnav from the package index gets: the licences,
the metadata that finds it, and only the dependencies the guide needs."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import zipfile
from email.parser import Parser
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    uv = shutil.which("uv")
    if uv is None:  # .ci/run always puts uv on PATH
        pytest.skip("uv is not on PATH")
    out = tmp_path_factory.mktemp("dist")
    env = {k: v for k, v in os.environ.items() if not k.startswith("UV_")}
    subprocess.run(
        [uv, "build", "-q", "--sdist", "--wheel", "-o", str(out), str(ROOT)],
        check=True,
        env=env,
        capture_output=True,
    )
    return out


def _metadata(wheel: Path) -> tuple[list[str], dict[str, list[str]]]:
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        text = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    message = Parser().parsestr(text)
    fields: dict[str, list[str]] = {}
    for key, value in message.items():
        fields.setdefault(key, []).append(value)
    return names, fields


def test_the_wheel_carries_the_code_and_content_licences(built: Path) -> None:
    names, fields = _metadata(next(built.glob("*.whl")))
    assert fields["License-Expression"] == ["MIT AND CC-BY-4.0"]
    assert any(n.endswith("dist-info/licenses/LICENSE") for n in names)
    assert "pallnav/content/LICENSE" in names


def test_the_sdist_carries_the_licences(built: Path) -> None:
    with tarfile.open(next(built.glob("*.tar.gz"))) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "src/pallnav/content/LICENSE"} <= names


def test_reading_level_tools_are_an_extra_not_a_dependency(built: Path) -> None:
    _, fields = _metadata(next(built.glob("*.whl")))
    requires = fields["Requires-Dist"]
    assert not [r for r in requires if r.startswith("textstat") and "extra ==" not in r]
    assert "textstat==0.7.8; extra == 'authoring'" in requires
    assert fields["Provides-Extra"] == ["authoring"]


def test_the_index_can_find_it_as_medical_software(built: Path) -> None:
    _, fields = _metadata(next(built.glob("*.whl")))
    assert "Topic :: Scientific/Engineering :: Medical Science Apps." in fields["Classifier"]
    assert "palliative care" in fields["Keywords"][0]


def test_each_bundled_pack_states_its_licence() -> None:
    import tomllib

    for pack in sorted((ROOT / "src/pallnav/content").glob("*/pack.toml")):
        assert tomllib.loads(pack.read_text())["license"] == "CC-BY-4.0", pack


# --- the bundled TOML, parsed when the wheel is built (pallnav.prepared) ------------------


def _prepared(wheel: Path, language: str) -> dict[tuple[int, int], Any]:
    """The TABLES of the wheel's ``pallnav/_prepared_<language>.py``."""
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read(f"pallnav/_prepared_{language}.py").decode("utf-8")
    namespace: dict[str, Any] = {}
    exec(compile(source, f"_prepared_{language}.py", "exec"), namespace)
    tables: dict[tuple[int, int], Any] = namespace["TABLES"]
    return tables


def _texts(language: str) -> list[str]:
    """Every TOML text pallnav parses from the bundled catalogue and pack of ``language``."""
    from pallnav.pack import split_front_matter

    package = ROOT / "src" / "pallnav"
    texts = [(package / "locales" / f"{language}.toml").read_text(encoding="utf-8")]
    pack = package / "content" / language
    texts += [path.read_text(encoding="utf-8") for path in sorted(pack.glob("*.toml"))]
    for section in sorted((pack / "sections").glob("*.md")):
        front, _ = split_front_matter(section.read_text(encoding="utf-8"))
        assert front is not None
        texts.append(front)
    return texts


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_wheel_carries_every_bundled_toml_text_as_tomllib_reads_it(
    built: Path, language: str
) -> None:
    import tomllib
    import zlib

    tables = _prepared(next(built.glob("*.whl")), language)
    texts = _texts(language)
    assert len(tables) == len({(len(t), zlib.crc32(t.encode())) for t in texts})
    for text in texts:
        build = tables[(len(text), zlib.crc32(text.encode("utf-8")))]
        assert build() == tomllib.loads(text)
        assert build() is not build()  # fresh objects each time, as tomllib gives


def test_an_installed_pallnav_reads_its_bundled_content_without_tomllib(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the prepared tables in place, the catalogue and the packs load as they do
    from TOML, and tomllib parses nothing; a changed text is parsed as ever."""
    import tomllib

    from pallnav import prepared
    from pallnav.context import package_dir
    from pallnav.i18n import load_messages
    from pallnav.pack_loader import load_pack

    wheel = next(built.glob("*.whl"))
    package = package_dir()
    parsed_ever = {
        language: (load_messages(package / "locales" / f"{language}.toml", language),
                   load_pack(package / "content" / language))
        for language in ("en", "es")
    }  # fmt: skip
    for language in ("en", "es"):
        monkeypatch.setitem(prepared._LOADED, language, _prepared(wheel, language))

    def no_parsing(text: str) -> Any:
        raise AssertionError("tomllib parsed a bundled file")

    with monkeypatch.context() as patched:
        patched.setattr(tomllib, "loads", no_parsing)
        for language, (messages, pack) in parsed_ever.items():
            assert load_messages(package / "locales" / f"{language}.toml", language) == messages
            assert load_pack(package / "content" / language) == pack
    changed = package / "locales" / "en.toml"
    assert prepared.parsed(changed, changed.read_text(encoding="utf-8") + "\n") is None
    assert prepared.parsed(ROOT / "README.md", "x = 1\n") is None
