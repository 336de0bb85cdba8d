"""What pallnav's code takes from other packages: each one it imports is declared
in pyproject.toml (so an install always has it, at a version we tested), and
only through that package's public API (so a patch release cannot break it)."""

from __future__ import annotations

import ast
import sys
import tomllib
from collections.abc import Iterator
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "pallnav"

#: Underscore names that are public API: a NamedTuple's own methods and fields.
PUBLIC_UNDERSCORED = frozenset({"_replace", "_asdict", "_fields", "_make", "_field_defaults"})
#: Functions that reach an attribute by its name, given as a string.
BY_NAME = frozenset({"getattr", "setattr", "hasattr", "delattr"})


def modules() -> Iterator[tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def ours(module: str) -> bool:
    return module == "pallnav" or module.startswith("pallnav.")


def private_uses(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """Each place the module reaches into something private: a private module of
    another package, a private name imported from one, a private attribute of any
    object but ``self`` or ``cls`` (also through getattr and its kin)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if not ours(alias.name) and any(map(private, alias.name.split("."))):
                    yield node.lineno, f"import {alias.name}"
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if ours(node.module):
                continue
            if any(map(private, node.module.split("."))):
                yield node.lineno, f"from {node.module} import ..."
            for alias in node.names:
                if private(alias.name):
                    yield node.lineno, f"from {node.module} import {alias.name}"
        elif isinstance(node, ast.Attribute):
            owner = node.value
            if isinstance(owner, ast.Name) and owner.id in ("self", "cls"):
                continue
            if private(node.attr) and node.attr not in PUBLIC_UNDERSCORED:
                yield node.lineno, f"{ast.unparse(node)}"
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in BY_NAME
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and private(node.args[1].value)
            and node.args[1].value not in PUBLIC_UNDERSCORED
        ):
            yield node.lineno, ast.unparse(node)


def test_the_code_uses_only_public_api_of_other_packages() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path, tree in modules()
        for line, what in private_uses(tree)
    ]
    assert found == [], "private API used (a patch release may remove it):\n" + "\n".join(found)


def imported_packages() -> dict[str, str]:
    """Each top-level module the package imports from outside itself and the
    standard library, with the first place it is imported (anywhere: inside
    functions too, where the heavy ones are)."""
    where: dict[str, str] = {}
    for path, tree in modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                if top == "pallnav" or top in sys.stdlib_module_names:
                    continue
                where.setdefault(top, f"{path.relative_to(ROOT)}:{node.lineno}")
    return where


def declared() -> set[str]:
    """The distributions pyproject.toml declares: dependencies and every extra."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for extra in project.get("optional-dependencies", {}).values():
        lines.extend(extra)
    return {canonicalize_name(Requirement(line).name) for line in lines}


def test_every_package_the_code_imports_is_a_declared_dependency() -> None:
    # Module and distribution names differ for some (markdown_it is markdown-it-py,
    # minisign is py-minisign): the installed metadata says which is which.
    providers = packages_distributions()
    wanted = declared()
    missing = []
    for module, place in sorted(imported_packages().items()):
        names = {canonicalize_name(d) for d in providers.get(module, [])}
        if not names & wanted:
            provided = " or ".join(sorted(names)) or "no installed distribution"
            missing.append(f"{module} ({provided}), imported at {place}")
    assert missing == [], "imported but not declared in pyproject.toml:\n" + "\n".join(missing)


def test_the_scan_sees_what_the_code_imports() -> None:
    """The two checks above read the code itself: they see the libraries pallnav
    imports only inside functions, and the private reaches they would refuse."""
    imported = imported_packages()
    assert {"httpx", "httpcore", "markdown_it", "minisign", "rich", "tomli_w"} <= set(imported)
    sample = ast.parse(
        "from httpx._config import DEFAULT_LIMITS\n"
        "import httpcore._sync\n"
        "from typer import _click\n"
        "pool = transport._pool\n"
        "getattr(pool, '_network_backend')\n"
        "self._client = point._replace(x=1)\n"
        "hasattr(value, '_fields')\n"
    )
    assert [line for line, _ in private_uses(sample)] == [1, 2, 3, 4, 5]
