"""External programs the tests drive (Virtuoso, rapper, serdi, chromium): skip locally, required under CI."""

import os
import shutil

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def require_program(name: str, package: str) -> str:
    """The path of a program; without it, skip with a message (locally) or fail (under CI=true)."""
    path = shutil.which(name)
    if path is None:
        message = f"`{name}` is not installed (Debian package {package}); .ci/run installs it"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path
