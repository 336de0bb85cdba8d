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
