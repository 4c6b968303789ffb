"""The normalisation of source texts (the ground of every evidence offset), sentences, and where quotes stand."""

import hashlib
import unicodedata
from pathlib import Path

import pytest

from sdkg.dataset.sourcetext import Span, normalise, normalise_quote, read_source
from sdkg.errors import InputError

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "seeds"  # ../shared/seeds beside the repository


def write(tmp_path: Path, data: bytes, name: str = "900_test.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_whitespace_runs_become_one_space_and_the_ends_are_trimmed() -> None:
    assert normalise("  Science \t diplomacy\n\n\nis   old.\u00a0 \n") == "Science diplomacy is old."


def test_a_hyphen_ending_a_line_joins_the_next_word_and_is_kept() -> None:
    assert normalise("hypersonic and counter-\nhypersonic, electronic") == "hypersonic and counter-hypersonic, electronic"
    assert normalise("counter-  \r\n\n   hypersonic") == "counter-hypersonic"
    assert normalise("a dash -\nthen more") == "a dash - then more"  # a dash standing alone is not a hyphen


def test_a_hyphen_inside_a_line_is_left_alone() -> None:
    assert normalise("well-known\nwords") == "well-known words"


def test_text_is_put_in_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Café")
    assert decomposed != "Café" and normalise(decomposed) == "Café"


def test_a_quote_is_looked_up_across_line_breaks_but_not_across_changed_letters(tmp_path: Path) -> None:
    text = read_source(write(tmp_path, b"the Freedonian Academy\n of   Sciences joined the\nSylvanian Union"))
    assert text.text == "the Freedonian Academy of Sciences joined the Sylvanian Union"
    assert text.find("Academy of\nSciences joined") == [Span(15, 41)]
    assert text.find("Academy of Science joined") == []
    assert normalise_quote(" two\n words ") == "two words"


def test_every_occurrence_is_found(tmp_path: Path) -> None:
    text = read_source(write(tmp_path, b"one two one two one"))
    assert text.find("one") == [Span(0, 3), Span(8, 11), Span(16, 19)]
    assert text.find("   ") == []


def test_checksum_is_the_sha256_of_the_bytes(tmp_path: Path) -> None:
    data = "Some text, with a curly quote \u2019.\n".encode("utf-8")
    assert read_source(write(tmp_path, data)).sha256 == hashlib.sha256(data).hexdigest()


def test_sentences_and_the_sentence_at_a_span(tmp_path: Path) -> None:
    text = read_source(write(tmp_path, b"Science diplomacy is old. It began\nlong ago. The U.S. took part."))
    assert [text.excerpt(s) for s in text.sentences] == [
        "Science diplomacy is old.", "It began long ago.", "The U.S. took part."]
    at = text.find("began long")[0]
    assert text.excerpt(text.sentence_at(at)) == "It began long ago."
    across = Span(text.find("is old")[0].start, at.end)
    assert text.excerpt(text.sentence_at(across)) == "Science diplomacy is old. It began long ago."


def test_whole_words_and_nearest_passages(tmp_path: Path) -> None:
    text = read_source(write(tmp_path, b"The Antarctic Treaty was signed after the polar year."))
    assert text.excerpt(text.whole_words(Span(5, 10))) == "Antarctic"
    best = text.nearest("the Antartic Treaty was signed")[0]
    assert best.text.startswith("The Antarctic Treaty was signed") and best.score > 80


@pytest.mark.parametrize("data, message", [
    (b"\xef\xbb\xbfText with a byte-order mark", "byte-order mark"),
    (b"caf\xe9 in Latin-1", r"not UTF-8 \(byte 3\)"),
])
def test_bad_files_are_refused_with_a_clear_message(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_source(write(tmp_path, data))


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the source text"):
        read_source(tmp_path / "absent.txt")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source texts are not on this machine")
def test_the_seed_texts_normalise_as_documented() -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = read_source(path)
        assert "  " not in text.text and "\n" not in text.text and text.text == text.text.strip()
        assert all(0 <= s.start < s.end <= len(text.text) for s in text.sentences)
    article = read_source(SEEDS / "001_6db927ef140955d3.txt")
    assert article.find("hypersonic and counter-hypersonic")  # the one line-end hyphen of the texts
