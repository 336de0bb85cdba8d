"""Publisher keys and signatures: `pallnav content keygen`, `content build --sign`,
checking a signature, and the same files read and written by the real minisign."""

from __future__ import annotations

import json
import stat
import subprocess
from pathlib import Path

import pytest

from conftest import Runner
from keys import MINISIGN, key_pair, needs_minisign, sign, write_key
from packs import write_pack
from pallnav import signing
from pallnav.errors import DownloadError, PallnavError
from pallnav.pack_index import parse_index


@pytest.fixture(autouse=True)
def quick_passwords(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keys made here derive their password with 32 MiB of scrypt, not minisign's
    1 GiB: the same scheme, easier on a shared machine. minisign's own keys (made
    by the binary below) keep its full settings."""
    monkeypatch.setattr(signing, "OPSLIMIT", 1_048_576)
    monkeypatch.setattr(signing, "MEMLIMIT", 33_554_432)


def built(run: Runner, tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Path:
    out = tmp_path / "site"
    result = run("content", "build", str(write_pack(tmp_path / "pack")), str(out), *args, env=env)
    assert result.code == 0, result.err
    return out


# --- content keygen ----------------------------------------------------------------


def test_keygen_writes_a_private_secret_key_and_prints_the_public_key(
    run: Runner, tmp_path: Path
) -> None:
    result = run(
        "content", "keygen", str(tmp_path / "hospital"), env={"PALLNAV_KEY_PASSWORD": "s3cret"}
    )
    assert result.code == 0, result.err
    secret, public = tmp_path / "hospital.key", tmp_path / "hospital.pub"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert stat.S_IMODE(public.stat().st_mode) == 0o644
    key = signing.parse_public_key(public.read_text())
    assert key is not None
    assert public.read_text().startswith(f"untrusted comment: minisign public key {key.id}\n")
    assert key.text in result.out.splitlines()
    assert f"pallnav update --key {key.text}" in result.err
    assert secret.read_text().startswith("untrusted comment: minisign encrypted secret key\n")
    # The password protects it: signing needs it, and the right one.
    assert signing.needs_password(secret.read_bytes(), "k")
    with pytest.raises(PallnavError) as wrong:
        signing.sign(secret.read_bytes(), "guess", b"x", "c", "hospital.key")
    assert wrong.value.key == "sign.wrong_password"
    text, signer = signing.sign(secret.read_bytes(), "s3cret", b"x", "c", "hospital.key")
    assert signer == key
    assert signing.verify(b"x", text.encode(), [key]) == key


def test_keygen_reads_the_password_from_a_file(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "password").write_text("from a file\n")
    result = run(
        "content", "keygen", str(tmp_path / "k"), "--password-file", str(tmp_path / "password")
    )
    assert result.code == 0, result.err
    signing.sign((tmp_path / "k.key").read_bytes(), "from a file", b"x", "c", "k.key")


def test_keygen_asks_twice_on_a_terminal(run: Runner, tmp_path: Path) -> None:
    result = run("content", "keygen", str(tmp_path / "k"), terminal=True, stdin="typed\ntyped\n")
    assert result.code == 0, result.err
    assert "Password for the new secret key: " in result.err
    assert "The same password again: " in result.err
    assert "typed" not in result.err + result.out
    signing.sign((tmp_path / "k.key").read_bytes(), "typed", b"x", "c", "k.key")


def test_keygen_refuses_two_different_passwords(run: Runner, tmp_path: Path) -> None:
    result = run("content", "keygen", str(tmp_path / "k"), terminal=True, stdin="one\ntwo\n")
    assert result.code == 2
    assert "The two passwords are not the same. Nothing was written." in result.err
    assert list(tmp_path.glob("k.*")) == []


def test_keygen_without_a_terminal_or_password_is_a_usage_error(
    run: Runner, tmp_path: Path
) -> None:
    result = run("content", "keygen", str(tmp_path / "k"))
    assert result.code == 2
    assert len(result.err.splitlines()) == 1
    assert "--password-file" in result.err and "--no-password" in result.err
    assert list(tmp_path.glob("k.*")) == []


def test_keygen_without_a_password_when_asked(run: Runner, tmp_path: Path) -> None:
    result = run("content", "keygen", str(tmp_path / "k"), "--no-password")
    assert result.code == 0, result.err
    assert not signing.needs_password((tmp_path / "k.key").read_bytes(), "k.key")
    assert stat.S_IMODE((tmp_path / "k.key").stat().st_mode) == 0o600


def test_keygen_never_replaces_a_key_unless_forced(run: Runner, tmp_path: Path) -> None:
    (tmp_path / "k.pub").write_text("an old key\n")
    result = run("content", "keygen", str(tmp_path / "k"), "--no-password")
    assert result.code == 2
    assert "k.pub already exists" in result.err
    assert (tmp_path / "k.pub").read_text() == "an old key\n"
    assert not (tmp_path / "k.key").exists()
    assert run("content", "keygen", str(tmp_path / "k"), "--no-password", "--force").code == 0
    assert signing.parse_public_key((tmp_path / "k.pub").read_text()) is not None


# --- content build --sign ----------------------------------------------------------


def test_build_sign_writes_a_signature_that_checks_with_the_public_key(
    run: Runner, tmp_path: Path
) -> None:
    secret = write_key(tmp_path / "keys")
    out = tmp_path / "site"
    result = run("content", "build", str(write_pack(tmp_path / "pack")), str(out), "--sign",
                 str(secret))  # fmt: skip
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == [
        "index.json",
        "index.json.minisig",
        "test-en-1.0.tar.gz",
    ]
    assert stat.S_IMODE((out / "index.json.minisig").stat().st_mode) == 0o644
    public = key_pair().public
    data = (out / "index.json").read_bytes()
    assert signing.verify(data, (out / "index.json.minisig").read_bytes(), [public]) == public
    # 90 days from the test clock's day (2026-11-27) unless --expires says otherwise.
    assert json.loads(data)["expires"] == "2027-02-25"
    assert parse_index(data).expires is not None
    assert f"index.json.minisig  signed with key {public.id}, valid until February 25, 2027" in (
        result.out
    )
    assert f"--key {public.text}" in result.err


def test_build_sign_with_a_chosen_expiry(run: Runner, tmp_path: Path) -> None:
    out = built(run, tmp_path, "--sign", str(write_key(tmp_path / "keys")), "--expires",
                "2027-01-15")  # fmt: skip
    assert json.loads((out / "index.json").read_text())["expires"] == "2027-01-15"


@pytest.mark.parametrize("value", ["2026-11-27", "2025-01-01", "soon", "2027-1-5", "2027-02-30"])
def test_an_expiry_that_is_not_a_later_date_is_a_usage_error(
    run: Runner, tmp_path: Path, value: str
) -> None:
    out = tmp_path / "site"
    result = run("content", "build", str(write_pack(tmp_path / "pack")), str(out), "--sign",
                 str(write_key(tmp_path / "keys")), "--expires", value)  # fmt: skip
    assert result.code == 2
    assert "--expires" in result.err and "YYYY-MM-DD" in result.err
    assert len(result.err.splitlines()) == 1
    assert result.out == ""  # said before the pack is checked, not after
    assert not out.exists()


def test_build_sign_with_a_password_protected_key(run: Runner, tmp_path: Path) -> None:
    assert (
        run("content", "keygen", str(tmp_path / "k"), env={"PALLNAV_KEY_PASSWORD": "pw"}).code == 0
    )
    key = signing.parse_public_key((tmp_path / "k.pub").read_text())
    assert key is not None
    out = built(
        run, tmp_path, "--sign", str(tmp_path / "k.key"), env={"PALLNAV_KEY_PASSWORD": "pw"}
    )
    signing.verify((out / "index.json").read_bytes(), (out / "index.json.minisig").read_bytes(),
                   [key])  # fmt: skip


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"PALLNAV_KEY_PASSWORD": "wrong"}, "Wrong password for"),
        ({}, "is protected by a password"),
        ({"PALLNAV_KEY_PASSWORD": ""}, "The password is empty"),
    ],
)
def test_build_sign_without_the_right_password_writes_nothing(
    run: Runner, tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    assert (
        run("content", "keygen", str(tmp_path / "k"), env={"PALLNAV_KEY_PASSWORD": "pw"}).code == 0
    )
    out = tmp_path / "site"
    result = run("content", "build", str(write_pack(tmp_path / "pack")), str(out), "--sign",
                 str(tmp_path / "k.key"), env=env)  # fmt: skip
    assert result.code == 2
    assert expected in result.err
    assert len(result.err.splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize("content", ["not a key\n", "", "untrusted comment: x\nRWQ=\n"])
def test_build_sign_with_a_file_that_is_not_a_secret_key(
    run: Runner, tmp_path: Path, content: str
) -> None:
    (tmp_path / "bad.key").write_text(content)
    out = tmp_path / "site"
    result = run("content", "build", str(write_pack(tmp_path / "pack")), str(out), "--sign",
                 str(tmp_path / "bad.key"))  # fmt: skip
    assert result.code == 2
    assert "is not a minisign secret key" in result.err
    assert not out.exists()


def test_build_sign_with_a_missing_key_file(run: Runner, tmp_path: Path) -> None:
    result = run("content", "build", str(write_pack(tmp_path / "pack")), str(tmp_path / "site"),
                 "--sign", str(tmp_path / "nowhere.key"))  # fmt: skip
    assert result.code == 2
    assert "Cannot read" in result.err and "nowhere.key" in result.err


def test_an_unsigned_build_removes_a_signature_left_from_before(
    run: Runner, tmp_path: Path
) -> None:
    out = built(run, tmp_path, "--sign", str(write_key(tmp_path / "keys")))
    assert (out / "index.json.minisig").exists()
    assert run("content", "build", str(tmp_path / "pack"), str(out)).code == 0
    assert not (out / "index.json.minisig").exists()
    assert "expires" not in json.loads((out / "index.json").read_text())


# --- checking a signature ------------------------------------------------------------


def test_a_signature_checks_only_against_the_same_bytes_and_a_trusted_key() -> None:
    publisher, stranger = key_pair("publisher").public, key_pair("stranger").public
    data = b'{"format": 1}\n'
    good = sign(data)
    assert signing.verify(data, good, [stranger, publisher]) == publisher

    with pytest.raises(DownloadError) as unknown:
        signing.verify(data, sign(data, "stranger"), [publisher])
    assert unknown.value.key == "update.unknown_key"
    assert unknown.value.values["key"] == stranger.id

    with pytest.raises(DownloadError) as other:
        signing.verify(b'{"format": 1} \n', good, [publisher])
    assert other.value.key == "update.bad_signature"

    for broken in (good[: len(good) // 2], good[:-10], b"", b"<html>404</html>", good * 2):
        with pytest.raises(DownloadError) as garbled:
            signing.verify(data, broken, [publisher])
        assert garbled.value.key in ("update.signature_garbled", "update.bad_signature")


def test_a_changed_trusted_comment_breaks_the_signature() -> None:
    publisher = key_pair().public
    data = b"data"
    lines = sign(data).decode().splitlines()
    lines[2] = "trusted comment: timestamp:9999999999"
    with pytest.raises(DownloadError) as error:
        signing.verify(data, ("\n".join(lines) + "\n").encode(), [publisher])
    assert error.value.key == "update.bad_signature"


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        (key_pair().public.text, True),
        (f"  {key_pair().public.text}\n", True),
        (signing.public_key_file(key_pair().public), True),
        ("RWQ", False),
        ("", False),
        ("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeFakeFake", False),
        ("untrusted comment: x\nRW\nRW\n", False),
        # A signature's first line is base64 of "ED"/"Ed" too, but longer.
        (sign(b"x").decode().splitlines()[1], False),
    ],
    # Keys are made at collection: name the cases so every collection agrees.
    ids=["key", "key-padded", "key-file", "short", "empty", "ssh", "two-lines", "signature"],
)
def test_public_keys_are_recognised(text: str, valid: bool) -> None:
    assert (signing.parse_public_key(text) is not None) is valid


# --- the real minisign, both ways ------------------------------------------------------


def minisign(*args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    assert MINISIGN is not None
    given = f"{password}\n{password}\n" if password is not None else None
    return subprocess.run(
        [MINISIGN, *args], input=given, capture_output=True, text=True, check=False, timeout=60
    )


@needs_minisign
def test_minisign_verifies_what_content_build_signs(run: Runner, tmp_path: Path) -> None:
    run("content", "keygen", str(tmp_path / "k"), env={"PALLNAV_KEY_PASSWORD": "pw"})
    out = built(
        run, tmp_path, "--sign", str(tmp_path / "k.key"), env={"PALLNAV_KEY_PASSWORD": "pw"}
    )
    checked = minisign("-Vm", str(out / "index.json"), "-p", str(tmp_path / "k.pub"))
    assert checked.returncode == 0, checked.stderr
    assert "Signature and comment signature verified" in checked.stdout + checked.stderr
    # ...and refuses it once index.json is changed.
    (out / "index.json").write_text((out / "index.json").read_text().replace("1.0", "9.0"))
    assert minisign("-Vm", str(out / "index.json"), "-p", str(tmp_path / "k.pub")).returncode != 0


@needs_minisign
def test_minisign_signs_with_a_key_from_content_keygen(run: Runner, tmp_path: Path) -> None:
    run("content", "keygen", str(tmp_path / "k"), env={"PALLNAV_KEY_PASSWORD": "pw"})
    data = tmp_path / "index.json"
    data.write_text('{"format": 1}\n')
    signed = minisign("-Sm", str(data), "-s", str(tmp_path / "k.key"), password="pw")
    assert signed.returncode == 0, signed.stderr
    key = signing.parse_public_key((tmp_path / "k.pub").read_text())
    assert key is not None
    signature = (tmp_path / "index.json.minisig").read_bytes()
    assert signing.verify(data.read_bytes(), signature, [key]) == key


@needs_minisign
def test_content_build_signs_with_a_key_from_minisign(run: Runner, tmp_path: Path) -> None:
    """minisign's own key, password-protected with its full scrypt settings."""
    made = minisign("-G", "-p", str(tmp_path / "m.pub"), "-s", str(tmp_path / "m.key"),
                    password="pw")  # fmt: skip
    assert made.returncode == 0, made.stderr
    key = signing.parse_public_key((tmp_path / "m.pub").read_text())
    assert key is not None
    out = built(
        run, tmp_path, "--sign", str(tmp_path / "m.key"), env={"PALLNAV_KEY_PASSWORD": "pw"}
    )
    signature = (out / "index.json.minisig").read_bytes()
    assert signing.verify((out / "index.json").read_bytes(), signature, [key]) == key
    assert minisign("-Vm", str(out / "index.json"), "-P", key.text).returncode == 0


@pytest.mark.parametrize("which", ["--sign", "--password-file"])
def test_a_key_or_password_file_that_is_a_fifo_is_refused_at_once(
    run: Runner, tmp_path: Path, which: str
) -> None:
    import os

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert (
        run("content", "keygen", str(tmp_path / "k"), env={"PALLNAV_KEY_PASSWORD": "pw"}).code == 0
    )
    key = fifo if which == "--sign" else tmp_path / "k.key"
    args = ["--sign", str(key)] + (["--password-file", str(fifo)] if which != "--sign" else [])
    out = tmp_path / "site"
    result = run("content", "build", str(write_pack(tmp_path / "pack")), str(out), *args)
    assert result.code == 2
    assert f"Cannot read {fifo}: it is not a regular file." in result.err
    assert not out.exists()
