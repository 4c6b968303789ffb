"""The Science Diplomacy Knowledge Graph: load, check, query and publish the graph."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("sdkg")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0"
