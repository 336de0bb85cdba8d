"""Signing keys for tests: made once per run, without a password (fast), and the
real `minisign` binary when this machine has it."""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest

from pallnav import signing
from pallnav.signing import KeyPair

MINISIGN = shutil.which("minisign")
#: Skips without the tool; in CI (.ci/run installs it) runs, and fails if it is missing.
needs_minisign = pytest.mark.skipif(
    MINISIGN is None and not os.environ.get("CI"),
    reason="the minisign tool is not installed (Debian package minisign)",
)


def key_pair(name: str = "publisher") -> KeyPair:
    """A key pair for ``name``: the same one for the whole test run."""
    return _made(name)


@functools.cache
def _made(name: str) -> KeyPair:
    return signing.generate(None)


def write_key(folder: Path, name: str = "publisher") -> Path:
    """``name``'s secret key as a file in ``folder`` (beside its .pub); its path."""
    pair = key_pair(name)
    folder.mkdir(parents=True, exist_ok=True)
    secret = folder / f"{name}.key"
    secret.write_text(pair.secret_file)
    secret.chmod(0o600)
    (folder / f"{name}.pub").write_text(signing.public_key_file(pair.public))
    return secret


def sign(data: bytes, name: str = "publisher") -> bytes:
    """A minisign signature of ``data`` by ``name``'s key."""
    pair = key_pair(name)
    text, _ = signing.sign(pair.secret_file.encode(), None, data, "timestamp:0", name)
    return text.encode()
