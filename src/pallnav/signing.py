"""Publisher signatures in minisign's format: keys, signing ``index.json``, and
checking a signature against the keys a person trusts.

A public key is minisign's one line of base64 (``RW...``): the algorithm, an
8-byte key id and the Ed25519 key. A signature file (``index.json.minisig``) is
minisign's four lines; the real ``minisign`` tool reads and writes the same
files (``minisign -Vm index.json -P RW...`` checks a published index).

Bytes in, bytes out: no files, no clock, no terminal. The crypto (py-minisign on
``cryptography``) is imported inside the functions that need it, so only
``update`` and ``content build --sign`` / ``content keygen`` pay for it.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from pallnav.errors import DownloadError, PallnavError

if TYPE_CHECKING:
    import minisign

#: The signature of a file is beside it, under its name plus this suffix.
SIGNATURE_SUFFIX = ".minisig"
PUBLIC_SUFFIX = ".pub"
SECRET_SUFFIX = ".key"  # noqa: S105 - a file name suffix
#: minisign's own settings for a password-protected secret key (libsodium's
#: "sensitive" scrypt limits: about 1 GiB of memory and a few seconds).
OPSLIMIT = 33_554_432
MEMLIMIT = 1_073_741_824
#: The first two bytes of a public key: Ed25519 (minisign's "Ed").
_ALGORITHM = b"Ed"
_PUBLIC_KEY_BYTES = 2 + 8 + 32
#: A signature file is four short lines; anything longer is not one.
MAX_SIGNATURE_BYTES = 16 * 1024


class PublicKey(NamedTuple):
    """A trusted publisher key: its base64 line (``RW...``) and minisign's id."""

    text: str
    key_id: bytes

    @property
    def id(self) -> str:
        """The key id as minisign shows it (16 hex digits)."""
        return key_id_text(self.key_id)


def key_id_text(key_id: bytes) -> str:
    """minisign shows a key id as a little-endian 64-bit number in hex."""
    return f"{int.from_bytes(key_id, 'little'):016X}"


def parse_public_key(text: str) -> PublicKey | None:
    """The public key in ``text`` (its ``RW...`` line, or a whole ``.pub`` file), or
    None if it holds none."""
    lines = [line.strip() for line in text.strip().splitlines()]
    if len(lines) == 2 and lines[0].startswith("untrusted comment:"):
        lines = lines[1:]
    if len(lines) != 1 or len(lines[0]) > 64:
        return None
    try:
        raw = base64.b64decode(lines[0], validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) != _PUBLIC_KEY_BYTES or raw[:2] != _ALGORITHM:
        return None
    return PublicKey(lines[0], raw[2:10])


def public_key_file(key: PublicKey) -> str:
    """The text of a ``.pub`` file for ``key``, as ``minisign -G`` writes it."""
    return f"untrusted comment: minisign public key {key.id}\n{key.text}\n"


# --- keys and signing (the publisher's side) -------------------------------------


class KeyPair(NamedTuple):
    """A new key pair: the secret key file's text, and the public key."""

    secret_file: str
    public: PublicKey


def generate(password: str | None) -> KeyPair:
    """A new Ed25519 key pair; the secret key encrypted with ``password`` as minisign
    does (scrypt, with OPSLIMIT and MEMLIMIT), or stored in the clear when
    ``password`` is None."""
    import minisign

    pair = minisign.KeyPair.generate()
    secret = pair.secret_key
    try:
        if password is not None:
            secret.encrypt(password, opslimit=OPSLIMIT, memlimit=MEMLIMIT)
        public = parse_public_key(pair.public_key.to_base64().decode("ascii"))
        assert public is not None, "a new key is a valid key"
        kind = "encrypted secret key" if password is not None else "secret key"
        secret.untrusted_comment = f"minisign {kind}"
        secret_file = bytes(secret).decode("ascii") + "\n"
    finally:
        secret.wipe()
    return KeyPair(secret_file, public)


def needs_password(secret_file: bytes, where: str) -> bool:
    """True when the secret key in ``secret_file`` is protected by a password."""
    with _secret_key(secret_file, where) as secret:
        return bool(secret.is_encrypted())


def sign(
    secret_file: bytes, password: str | None, data: bytes, trusted_comment: str, where: str
) -> tuple[str, PublicKey]:
    """A detached minisign signature of ``data`` (the text of its ``.minisig``
    file), and the public key that checks it. A PallnavError (exit 2) for a
    broken key file or a wrong or missing password; ``where`` names the key file."""
    import minisign

    with _secret_key(secret_file, where) as secret:
        if secret.is_encrypted():
            if password is None:
                raise PallnavError("sign.needs_password", path=where)
            try:
                secret.decrypt(password)
            except minisign.Error:
                raise PallnavError("sign.wrong_password", path=where) from None
        public = parse_public_key(secret.get_public_key().to_base64().decode("ascii"))
        assert public is not None, "a readable secret key has a valid public key"
        signature = secret.sign(
            data,
            prehash=True,
            untrusted_comment=f"signature from minisign secret key {public.id}",
            trusted_comment=trusted_comment,
        )
    return bytes(signature).decode("ascii") + "\n", public


@contextlib.contextmanager
def _secret_key(secret_file: bytes, where: str) -> Iterator[minisign.SecretKey]:
    """The parsed secret key, wiped from memory after use."""
    import minisign

    try:
        key = minisign.SecretKey.from_bytes(secret_file.strip())
    except (minisign.Error, ValueError, UnicodeError):
        raise PallnavError("sign.bad_secret_key", path=where) from None
    try:
        yield key
    finally:
        key.wipe()


# --- checking (the reader's side) ------------------------------------------------


def verify(data: bytes, signature: bytes, trusted: Sequence[PublicKey]) -> PublicKey:
    """The trusted key whose signature ``signature`` is over exactly ``data``.

    A DownloadError (exit 1) if the signature cannot be read, is by a key not in
    ``trusted``, or does not match ``data``.
    """
    import minisign

    if len(signature) > MAX_SIGNATURE_BYTES:
        raise DownloadError("update.signature_garbled")
    try:
        parsed = minisign.Signature.from_bytes(signature)
        key_id = bytes(base64.b64decode(signature.splitlines()[1], validate=True)[2:10])
    except (minisign.Error, ValueError, UnicodeError, IndexError, binascii.Error):
        raise DownloadError("update.signature_garbled") from None
    key = next((k for k in trusted if k.key_id == key_id), None)
    if key is None:
        raise DownloadError(
            "update.unknown_key",
            key=key_id_text(key_id),
            trusted=", ".join(k.id for k in trusted),
        )
    try:
        minisign.PublicKey.from_base64(key.text).verify(data, parsed)
    except (minisign.Error, ValueError):
        raise DownloadError("update.bad_signature", key=key.id) from None
    return key
