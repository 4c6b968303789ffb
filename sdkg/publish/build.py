"""`sdkg build`'s work: the checks and the export side by side, the export kept only if the checks hold.

The checks read the dataset on their own threads (and HermiT in its Java process) while the export writes the
release into a temporary folder; the folder replaces the release folder only when every check holds, and is
removed otherwise, leaving the previous release as it was. Blank nodes are renamed canonically before the
checks start, so that no check sees the store while they are being renamed.
"""

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sdkg.checks.report import Report
from sdkg.checks.run import CheckOptions, Started, run_checks
from sdkg.dataset.loader import Dataset
from sdkg.errors import InputError
from sdkg.publish.canonical import canonicalise
from sdkg.publish.export import ExportedFile, NotExported, export


def build_release(dataset: Dataset, out: Path, options: CheckOptions, started: Started | None = None,
                  base_url: str | None = None) -> tuple[list[ExportedFile] | None, Report]:
    """The check report, and the files of the release (None when a check failed and nothing was exported;
    `started`: the checks begun while the dataset loaded)."""
    canonicalise(dataset.store)
    with ThreadPoolExecutor(max_workers=1) as pool:
        checks = pool.submit(run_checks, dataset, options, started)
        try:
            files: list[ExportedFile] | None = export(dataset, out, base_url, go_ahead=lambda: checks.result().ok,
                                                      canonical=True)
        except NotExported:
            files = None
        except InputError:
            if checks.result().ok:
                raise
            files = None  # the failed checks are what to report; they would have stopped the export anyway
        return files, checks.result()
