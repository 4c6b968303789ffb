"""`sdkg stats`: counts per class and per document, and every fact with its evidence."""

import json

from click.testing import CliRunner

from minitree import REPO
from sdkg.cli import main


def test_stats_counts_classes_documents_and_evidence() -> None:
    result = CliRunner().invoke(main, ["stats", "--root", str(REPO), "--format", "json"])
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert stats["all_facts_evidenced"] is True
    assert sum(stats["classes"][c] for c in ("Actor", "Initiative", "Treaty", "Technology", "Tension")) > 100
    documents = {d["document"].rsplit("/", 1)[1]: d for d in stats["documents"]}
    assert set(documents) == {"document-000", "document-001"}
    assert all(d["facts"] == d["evidenced"] and d["facts"] >= 100 for d in documents.values())


def test_stats_table_says_every_fact_carries_evidence() -> None:
    result = CliRunner().invoke(main, ["stats", "--root", str(REPO)])
    assert "every fact carries evidence" in result.stdout
