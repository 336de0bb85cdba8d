"""Build hook: the wheel carries the bundled TOML already parsed (``pallnav.prepared``).

Runs in hatchling's build environment, which has the standard library only:
``pallnav.prepared`` and what it imports are pure. An editable install (a source
checkout) gets nothing: pallnav parses the files as they are.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PreparedData(BuildHookInterface):  # type: ignore[misc]
    """Writes ``pallnav/_prepared_<lang>.py`` into the wheel."""

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        source = Path(self.root) / "src"
        sys.path.insert(0, str(source))
        try:
            from pallnav.prepared import modules

            made = modules(source / "pallnav")
        finally:
            sys.path.remove(str(source))
            for name in [n for n in sys.modules if n == "pallnav" or n.startswith("pallnav.")]:
                del sys.modules[name]
        self._folder = Path(tempfile.mkdtemp(prefix="pallnav-prepared-"))
        for language, text in made.items():
            module = self._folder / f"_prepared_{language}.py"
            module.write_text(text, encoding="utf-8")
            build_data["force_include"][str(module)] = f"pallnav/_prepared_{language}.py"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        folder = getattr(self, "_folder", None)
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
