"""Writes that are all or nothing: a folder or a file appears complete, or the old one stays as it was.

`atomic_folder(target)` gives an empty temporary folder beside `target`; when the block ends without an
error the temporary folder takes the place of `target` (the old contents are gone, so no stale file stays
in a release); when it ends with an error or Ctrl-C the temporary folder is removed and `target` is left
untouched. `atomic_file(path)` does the same for one file (temporary file in the same folder, fsync, then
rename). Both turn an unwritable place into an `InputError` (exit 2) that names the path and the reason.
"""

import ctypes
import ctypes.util
import errno
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from sdkg.errors import InputError

_RENAME_EXCHANGE = 2  # renameat2 flag (Linux): swap two paths in one step
_AT_FDCWD = -100


def cannot_write(path: Path, error: OSError) -> InputError:
    """An OSError while writing `path`, as one line with the reason (never "None")."""
    reason = error.strerror or (errno.errorcode.get(error.errno, "") if error.errno else "") or str(error)
    return InputError(f"cannot write here: {reason}", path)


def _refuse_file_ancestor(path: Path) -> None:
    for ancestor in (path, *path.parents):
        if ancestor.exists() or ancestor.is_symlink():
            if not ancestor.is_dir():
                raise InputError("is a file, not a folder; choose another place to write", ancestor)
            return


def check_can_write(target: Path) -> None:
    """Fail early, before long work, when `target` (a folder or file to be written) cannot be written: a file
    stands where a folder is needed, or the nearest existing folder refuses a new entry."""
    target = Path(target).absolute()
    _refuse_file_ancestor(target.parent)
    existing = next(folder for folder in (target.parent, *target.parent.parents) if folder.exists())
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".sdkg-probe-", dir=existing))
    except OSError as error:
        raise cannot_write(existing, error) from None


def _prepare_parent(target: Path) -> Path:
    parent = target.parent
    _refuse_file_ancestor(target)
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(parent, error) from None
    return parent


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))


def _replace_folder(temporary: Path, target: Path) -> None:
    """Put `temporary` where `target` is; the old `target` is removed afterwards."""
    if not target.exists():
        os.rename(temporary, target)
        return
    if _exchange(temporary, target):
        shutil.rmtree(temporary, ignore_errors=True)  # now holds the old contents
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent))
    os.rmdir(old)
    os.rename(target, old)
    os.rename(temporary, target)
    shutil.rmtree(old, ignore_errors=True)


@contextmanager
def atomic_folder(target: Path, keep: Iterable[str] = ()) -> Iterator[Path]:
    """An empty temporary folder that replaces `target` when the block succeeds.

    `keep` names entries of the old `target` (for instance a `site` folder written by another command)
    that are carried over into the new one; everything else of the old folder goes.
    """
    target = Path(target).absolute()
    parent = _prepare_parent(target)
    try:
        temporary = Path(tempfile.mkdtemp(prefix=f".{target.name}.tmp-", dir=parent))
        os.chmod(temporary, 0o777 & ~_umask())  # a published folder, not a private one (mkdtemp gives 0700)
    except OSError as error:
        raise cannot_write(parent, error) from None
    try:
        yield temporary
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise
    try:
        for name in keep:
            old = target / name
            if old.exists() and not (temporary / name).exists():
                if old.is_dir():
                    shutil.copytree(old, temporary / name, symlinks=True)
                else:
                    shutil.copy2(old, temporary / name)
        _replace_folder(temporary, target)
    except OSError as error:
        shutil.rmtree(temporary, ignore_errors=True)
        raise cannot_write(target, error) from None
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


@contextmanager
def atomic_file(path: Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:  # type: ignore[type-arg]
    """A temporary file beside `path` that replaces it (keeping its permissions) when the block succeeds."""
    path = Path(path).absolute()
    if path.is_dir():
        raise InputError("is a folder; a file name is needed here", path)
    _refuse_file_ancestor(path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor, name = tempfile.mkstemp(prefix=f".{path.name}.tmp-", dir=path.parent)
    except OSError as error:
        raise cannot_write(path.parent, error) from None
    temporary = Path(name)
    binary = "b" in mode
    try:
        with os.fdopen(descriptor, mode, encoding=None if binary else encoding,
                       newline=None if binary else "") as handle:
            yield handle
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    try:
        with open(temporary, "rb") as written:
            os.fsync(written.fileno())
        if path.exists():
            shutil.copymode(path, temporary)
        else:
            os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise cannot_write(path, error) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> None:
    """Write `text` (UTF-8) to `path` atomically."""
    with atomic_file(path) as handle:
        handle.write(text)


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically."""
    with atomic_file(path, "wb") as handle:
        handle.write(data)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
