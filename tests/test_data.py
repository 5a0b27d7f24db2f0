"""Tests of lstm_np.storage.corpus: registry, safe download, fetch, cleaning, reading and splitting.

All texts here are made up; the real books are only read, from the shared folder, by the
last test (skipped when that folder is absent). Everything runs offline: downloads use
file:// URLs.
"""
import hashlib
import http.client
import os
from pathlib import Path

import pytest

from lstm_np.storage import corpus as data
from lstm_np.storage.corpus import (CORPORA, ENV_VAR, Corpus, DataError, clean_text, detect_layout,
                          download, fetch, load_corpus, read_text_file, sha256_of,
                          split_text)

SHARED_CORPUS = Path(os.environ.get("LSTM_NP_SHARED_CORPUS") or os.environ.get("LSTM_NP_DATA")
                     or Path(__file__).parents[2] / "shared" / "corpus")

# A made-up text laid out like a PDF extraction: wrapped lines end with a space, a line
# without one ends its paragraph, and a blank line is a page break inside a paragraph.
TRAILING = (
    "The Lighthouse Keeper counted the gulls \n"
    "every   morning before \n"
    "\n"
    "breakfast, and wrote the number down.\n"
    "Nobody ever asked him why.\n"
    "\n"
    "II\n"
    "In winter\tthe gulls were fewer.\n"
)
TRAILING_CLEAN = (
    "the lighthouse keeper counted the gulls every morning before breakfast, "
    "and wrote the number down.\n"
    "nobody ever asked him why.\n"
    "ii\n"
    "in winter the gulls were fewer.\n"
)

# A made-up text laid out like Project Gutenberg: CRLF, hard wraps without a trailing
# space, a blank line between paragraphs, two spaces after a full stop.
BLANK = (
    "\r\n"
    "A small Boat left the harbour at dawn.  It carried\r\n"
    "three nets and a basket of bread.\r\n"
    "\r\n"
    "\r\n"
    "By noon the sea was calm.  The crew\r\n"
    "sang.\r\n"
    "\r\n"
)
BLANK_CLEAN = (
    "a small boat left the harbour at dawn. it carried three nets and a basket of bread.\n"
    "by noon the sea was calm. the crew sang.\n"
)


@pytest.fixture(autouse=True)
def no_env_folder(monkeypatch):
    """Tests start without LSTM_NP_DATA, whatever the shell that runs them has set."""
    monkeypatch.delenv(ENV_VAR, raising=False)


def write(path, content):
    """Write bytes or UTF-8 text to `path` and return it."""
    path = Path(path)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def sha(content):
    return hashlib.sha256(content).hexdigest()


@pytest.fixture
def toy_corpus(tmp_path, monkeypatch):
    """A made-up corpus 'toy' in the registry, served from a file:// URL."""
    raw = TRAILING.encode("utf-8")
    (tmp_path / "server").mkdir()
    source = write(tmp_path / "server" / "toy_source.txt", raw)
    corpus = Corpus(name="toy", filename="toy.txt", url=source.as_uri(), sha256=sha(raw),
                    language="en", layout="trailing-space")
    monkeypatch.setattr(data, "CORPORA", {"toy": corpus})
    return corpus


# ---------------------------------------------------------------------------------------
# Registry
# ---------------------------------------------------------------------------------------

def test_registry_matches_sources():
    es, en = CORPORA["es"], CORPORA["en"]
    assert es.filename == "metamorfosis_es.txt" and en.filename == "metamorphosis_en.txt"
    assert es.url == ("https://raw.githubusercontent.com/pedrwito/NLP/"
                      "576d61fe6f38257eb39a5bdc722751877d1c3312/la_metamorfosis.txt")
    assert en.url == ("https://raw.githubusercontent.com/clocasto/HaikuGenerator/"
                      "acd5ffe1e49391bc22c9916805ae9b0754785b5c/pg5200.txt")
    assert es.sha256 == "1c7cb2eef3a0d9f49c8a40b9e014ea0a3ce67eb9c5e920f5fa2d8b373dc01954"
    assert en.sha256 == "cc31cb672d11d6bd4a175ec7ff9788b8a6af8415786099a130b879001cc37f00"
    assert (es.language, es.layout) == ("es", "trailing-space")
    assert (en.language, en.layout) == ("en", "blank-line")
    assert data.default_data_dir() == Path(data.__file__).resolve().parents[2] / "data"
    assert ENV_VAR == "LSTM_NP_DATA"


# ---------------------------------------------------------------------------------------
# Cleaning
# ---------------------------------------------------------------------------------------

def test_clean_trailing_space_joins_wraps_and_skips_page_breaks():
    assert clean_text(TRAILING, layout="trailing-space") == TRAILING_CLEAN


def test_clean_blank_line_paragraphs_crlf_and_double_spaces():
    assert clean_text(BLANK, layout="blank-line") == BLANK_CLEAN


def test_clean_lines_layout_keeps_each_line():
    raw = "First Line\n\n  second   line  \nthird\n\n\n"
    assert clean_text(raw, layout="lines") == "first line\nsecond line\nthird\n"


def test_clean_bom_cr_tabs_form_feeds_and_controls():
    raw = "\ufeffOne\tTwo\r\n\fThree\x00 four\x0b\rFive\x07\n"
    assert clean_text(raw, layout="lines") == "one two\nthree four\nfive\n"


def test_clean_form_feed_page_break_inside_trailing_space_paragraph():
    raw = "a wrapped \n\f\n\nparagraph ends here.\nnext one.\n"
    assert clean_text(raw, layout="trailing-space") == "a wrapped paragraph ends here.\nnext one.\n"


def test_clean_lower_cases_and_composes_to_nfc():
    raw = "ÁRBOL Cafe\u0301 ÑANDÚ\n"          # "e" + combining acute accent
    out = clean_text(raw, layout="lines")
    assert out == "árbol café ñandú\n"
    assert "\u0301" not in out


def test_clean_ends_with_exactly_one_newline_and_empty_gives_empty():
    assert clean_text("no newline at the end", layout="lines") == "no newline at the end\n"
    assert clean_text("text\n\n\n\n", layout="blank-line") == "text\n"
    assert clean_text(" \n\t\n\f\n") == ""
    assert clean_text("") == ""


@pytest.mark.parametrize("raw", [TRAILING, BLANK, "Just one line.\nAnd another.\n"])
def test_clean_is_idempotent(raw):
    once = clean_text(raw)
    assert clean_text(once, layout="lines") == once
    assert clean_text(once) == once


def test_clean_output_properties():
    for raw in (TRAILING, BLANK):
        out = clean_text(raw)
        lines = out.split("\n")
        assert lines[-1] == "" and all(lines[:-1])
        assert all(line == line.strip() for line in lines)
        assert "  " not in out and "\r" not in out and "\t" not in out
        assert out == out.lower()


@pytest.mark.parametrize("raw, layout", [
    (TRAILING, "trailing-space"),
    (BLANK.replace("\r\n", "\n"), "blank-line"),
    ("one paragraph\nanother paragraph\na third\n", "lines"),
    ("", "lines"),
])
def test_detect_layout(raw, layout):
    assert detect_layout(raw) == layout


def test_auto_uses_the_detected_layout():
    assert clean_text(TRAILING) == TRAILING_CLEAN
    assert clean_text(BLANK) == BLANK_CLEAN
    assert clean_text("Line One\nLine Two\n") == "line one\nline two\n"


def test_detect_layout_thresholds():
    # 3 of 10 non-blank lines end with a space: 30% is not "more than 30%".
    lines = ["wrapped "] * 3 + ["line"] * 7
    assert detect_layout("\n".join(lines) + "\n") != "trailing-space"
    assert detect_layout("\n".join(lines + ["wrapped "]) + "\n") == "trailing-space"
    # 1 blank line out of 20 is 5%: not "more than 5%"; 2 out of 21 is.
    assert detect_layout("\n".join(["x"] * 19 + [""]) + "\nx\n") == "lines"
    assert detect_layout("\n".join(["x"] * 19 + ["", ""]) + "\nx\n") == "blank-line"


def test_unknown_layout_is_refused():
    with pytest.raises(ValueError, match="layout"):
        clean_text("text", layout="paragraphs")


# ---------------------------------------------------------------------------------------
# Download
# ---------------------------------------------------------------------------------------

def test_sha256_of(tmp_path):
    path = write(tmp_path / "f.bin", b"abc")
    assert sha256_of(path) == sha(b"abc")


def test_download_file_url_succeeds_and_verifies(tmp_path):
    content = "A made-up text.\n".encode("utf-8") * 1000
    source = write(tmp_path / "source.txt", content)
    dest = tmp_path / "out" / "corpus.txt"
    assert download(source.as_uri(), dest, sha(content)) == dest
    assert dest.read_bytes() == content
    assert sorted(p.name for p in dest.parent.iterdir()) == ["corpus.txt"]


def test_download_checksum_mismatch_leaves_nothing(tmp_path):
    source = write(tmp_path / "source.txt", b"some bytes\n")
    folder = tmp_path / "out"
    expected = "0" * 64
    with pytest.raises(DataError) as info:
        download(source.as_uri(), folder / "corpus.txt", expected)
    message = str(info.value)
    assert expected in message and sha(b"some bytes\n") in message
    assert "\n" not in message
    assert list(folder.iterdir()) == []


def test_download_missing_source_leaves_nothing(tmp_path):
    folder = tmp_path / "out"
    missing = (tmp_path / "no_such_file.txt").as_uri()
    with pytest.raises(DataError, match="could not download") as info:
        download(missing, folder / "corpus.txt", "0" * 64)
    assert missing in str(info.value) and "\n" not in str(info.value)
    assert list(folder.iterdir()) == []


class _BrokenResponse:
    """A response that delivers one chunk and then fails with `error`."""

    def __init__(self, error):
        self.error, self.calls = error, 0

    def read(self, size=-1):
        self.calls += 1
        if self.calls == 1:
            return b"the first part of the file"
        raise self.error

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


@pytest.mark.parametrize("error, expected", [
    (http.client.IncompleteRead(b"partial"), DataError),     # connection cut mid-file
    (ConnectionResetError("reset by peer"), DataError),
    (KeyboardInterrupt(), KeyboardInterrupt),                 # Ctrl-C during the download
])
def test_interrupted_download_leaves_nothing(tmp_path, monkeypatch, error, expected):
    monkeypatch.setattr(data.urllib.request, "urlopen",
                        lambda url, timeout=None: _BrokenResponse(error))
    folder = tmp_path / "out"
    with pytest.raises(expected):
        download("https://example.invalid/corpus.txt", folder / "corpus.txt", "0" * 64)
    assert list(folder.iterdir()) == []


def test_download_failure_keeps_a_good_existing_file(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    dest = write(folder / "corpus.txt", b"the old good file\n")
    source = write(tmp_path / "source.txt", b"a different text\n")
    with pytest.raises(DataError):
        download(source.as_uri(), dest, sha(b"the old good file\n"))
    assert dest.read_bytes() == b"the old good file\n"
    assert [p.name for p in folder.iterdir()] == ["corpus.txt"]


# ---------------------------------------------------------------------------------------
# Fetch
# ---------------------------------------------------------------------------------------

def test_fetch_downloads_into_data_dir_then_reuses_it(tmp_path, toy_corpus, monkeypatch):
    data_dir = tmp_path / "data"
    path = fetch("toy", data_dir)
    assert path == data_dir / "toy.txt" and sha256_of(path) == toy_corpus.sha256
    assert [p.name for p in data_dir.iterdir()] == ["toy.txt"]

    def no_download(*args, **kwargs):
        raise AssertionError("a verified file must not be downloaded again")
    monkeypatch.setattr(data, "download", no_download)
    assert fetch("toy", data_dir) == path


def test_fetch_uses_the_env_folder_first(tmp_path, toy_corpus, monkeypatch):
    env_dir = tmp_path / "shared"
    env_dir.mkdir()
    write(env_dir / "toy.txt", TRAILING)
    monkeypatch.setenv(ENV_VAR, str(env_dir))
    data_dir = tmp_path / "data"
    assert fetch("toy", data_dir) == env_dir / "toy.txt"
    assert not data_dir.exists()          # nothing copied or downloaded


def test_fetch_refuses_a_wrong_file_in_the_env_folder(tmp_path, toy_corpus, monkeypatch):
    env_dir = tmp_path / "shared"
    env_dir.mkdir()
    bad = write(env_dir / "toy.txt", TRAILING + "one more line\n")
    monkeypatch.setenv(ENV_VAR, str(env_dir))
    with pytest.raises(DataError) as info:
        fetch("toy", tmp_path / "data")
    message = str(info.value)
    assert str(bad) in message and toy_corpus.sha256 in message and sha256_of(bad) in message
    assert ENV_VAR in message and "\n" not in message
    assert not (tmp_path / "data").exists()


def test_fetch_refuses_a_wrong_file_in_data_dir(tmp_path, toy_corpus):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    bad = write(data_dir / "toy.txt", "a truncated downl")
    with pytest.raises(DataError, match="delete it") as info:
        fetch("toy", data_dir)
    assert str(bad) in str(info.value)
    assert bad.read_text() == "a truncated downl"    # refused, not silently replaced


def test_fetch_falls_back_to_data_dir_when_env_folder_lacks_the_file(tmp_path, toy_corpus,
                                                                     monkeypatch):
    env_dir = tmp_path / "shared"
    env_dir.mkdir()
    monkeypatch.setenv(ENV_VAR, str(env_dir))
    assert fetch("toy", tmp_path / "data") == tmp_path / "data" / "toy.txt"


def test_fetch_env_folder_that_does_not_exist(tmp_path, toy_corpus, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "nowhere"))
    with pytest.raises(DataError, match=ENV_VAR):
        fetch("toy", tmp_path / "data")


def test_fetch_unknown_name(tmp_path):
    with pytest.raises(DataError, match="unknown corpus 'fr'.*en, es"):
        fetch("fr", tmp_path)


# ---------------------------------------------------------------------------------------
# Reading user files, loading, splitting
# ---------------------------------------------------------------------------------------

def test_read_text_file_cleans(tmp_path):
    path = write(tmp_path / "mine.txt", BLANK)
    assert read_text_file(path) == BLANK_CLEAN


def test_read_text_file_missing(tmp_path):
    with pytest.raises(DataError, match="no such file") as info:
        read_text_file(tmp_path / "absent.txt")
    assert "absent.txt" in str(info.value)


def test_read_text_file_directory(tmp_path):
    with pytest.raises(DataError, match="is a folder"):
        read_text_file(tmp_path)


def test_read_text_file_empty(tmp_path):
    path = write(tmp_path / "empty.txt", b"")
    with pytest.raises(DataError, match="empty") as info:
        read_text_file(path)
    assert str(path) in str(info.value)


def test_read_text_file_only_whitespace(tmp_path):
    path = write(tmp_path / "blank.txt", b" \n\t\n\x0c\n")
    with pytest.raises(DataError, match="no text is left after cleaning"):
        read_text_file(path)


@pytest.mark.parametrize("content, offset, byte", [
    (b"\xff\xfe\x00abc", 0, "0xff"),                 # UTF-16 byte order mark
    (b"caf\xe9 au lait\n", 3, "0xe9"),               # Latin-1
    (b"good start, then \xc3", 17, "0xc3"),          # truncated two-byte sequence
])
def test_read_text_file_not_utf8(tmp_path, content, offset, byte):
    path = write(tmp_path / "latin.txt", content)
    with pytest.raises(DataError, match="not valid UTF-8") as info:
        read_text_file(path)
    message = str(info.value)
    assert str(path) in message and f"offset {offset}" in message and byte in message
    assert "\n" not in message


def test_read_text_file_too_short(tmp_path):
    path = write(tmp_path / "short.txt", "Too   short.\n")     # cleaned: "too short.\n", 11
    assert read_text_file(path, min_length=11) == "too short.\n"
    with pytest.raises(DataError, match=r"only 11 characters.*T_x \+ 1 = 26") as info:
        read_text_file(path, min_length=26)
    assert str(path) in str(info.value)


def test_load_corpus_from_a_path_and_from_the_registry(tmp_path, toy_corpus):
    path = write(tmp_path / "mine.txt", BLANK)
    assert load_corpus(path) == BLANK_CLEAN
    assert load_corpus(str(path)) == BLANK_CLEAN
    assert load_corpus("toy", tmp_path / "data") == TRAILING_CLEAN
    with pytest.raises(DataError, match="T_x"):
        load_corpus("toy", tmp_path / "data", min_length=len(TRAILING_CLEAN) + 1)


def test_load_corpus_neither_name_nor_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(DataError, match="neither a corpus name"):
        load_corpus("fr")


def test_split_text_sizes():
    text = "".join(chr(ord("a") + i % 26) for i in range(1000))
    train, val = split_text(text)
    assert (len(train), len(val)) == (900, 100)
    assert train + val == text
    train, val = split_text(text, val_fraction=0.25)
    assert (len(train), len(val)) == (750, 250) and val == text[-250:]
    assert split_text("abcd", 0.5) == ("ab", "cd")


@pytest.mark.parametrize("text, fraction", [("abc", 0.5), ("abcdefghij", 0.1),
                                            ("abcdefghij", 0.9)])
def test_split_text_too_short(text, fraction):
    with pytest.raises(DataError, match="at least 2"):
        split_text(text, fraction)


@pytest.mark.parametrize("fraction", [0, 1, -0.1, 1.5])
def test_split_text_bad_fraction(fraction):
    with pytest.raises(ValueError, match="val_fraction"):
        split_text("a long enough text", fraction)


# ---------------------------------------------------------------------------------------
# The real books, read from the shared folder (never copied into the repository)
# ---------------------------------------------------------------------------------------

@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"no shared corpus at {SHARED_CORPUS}")
def test_real_corpora(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV_VAR, str(SHARED_CORPUS))
    data_dir = tmp_path / "data"
    texts = {}
    for name in ("es", "en"):
        path = fetch(name, data_dir)
        assert path == SHARED_CORPUS / CORPORA[name].filename
        assert sha256_of(path) == CORPORA[name].sha256
        text = load_corpus(name, data_dir)
        assert text == text.lower()
        assert "\r" not in text and "  " not in text and "\ufeff" not in text
        assert text.endswith("\n") and not text.endswith("\n\n")
        lines = text.split("\n")[:-1]
        assert all(line and line == line.strip() for line in lines)
        assert clean_text(text, layout="lines") == text
        texts[name] = text
    assert not data_dir.exists()                 # read in place, nothing copied
    es = texts["es"]
    assert es.startswith("cuando gregorio samsa")
    assert len(set(es)) < 60
    assert 100_000 < len(es) < 126_000 and 100_000 < len(texts["en"]) < 122_000
    # One line per paragraph: far fewer lines than the ~1,800 wrapped lines of the raw file.
    assert 50 < len(es.split("\n")) < 400
    assert 50 < len(texts["en"].split("\n")) < 400
