"""Getting the text: the corpus registry, a safe download, cleaning and the train/val split.

The two books are not part of the package. The registry below names each one with the
address it is downloaded from and the sha256 of its bytes; `fetch` downloads a file on first
use into `data/`, checks it, and refuses a file whose checksum does not match.

    fetch("es")            -> Path of the verified raw file (downloaded if needed)
    clean_text(raw)        -> one paragraph per line, lower-case, ending in "\\n"
    load_corpus("es")      -> fetch + clean (also accepts the path of your own text file)
    split_text(text, 0.1)  -> (train, val): the last tenth is held out for validation

Only the standard library and numpy are used.
"""
import hashlib
import http.client
import os
import re
import sys
import tempfile
import unicodedata
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataError
from .files import new_file_mode, read_regular_file, signals_held
from ..i18n import _


# ---------------------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Corpus:
    """One downloadable text.

    name     : the registry key ("es", "en"), what `fetch` and `--corpus` take.
    filename : the name of the raw file in the data folder.
    url      : where the raw file is downloaded from (a pinned commit: it never changes).
    sha256   : hex digest of the raw file's bytes; any other file is refused.
    language : "es" or "en".
    layout   : how the raw file marks paragraphs (see `clean_text`).
    """
    name: str
    filename: str
    url: str
    sha256: str
    language: str
    layout: str


CORPORA = {
    "es": Corpus(
        name="es",
        filename="metamorfosis_es.txt",
        url="https://raw.githubusercontent.com/pedrwito/NLP/"
            "576d61fe6f38257eb39a5bdc722751877d1c3312/la_metamorfosis.txt",
        sha256="1c7cb2eef3a0d9f49c8a40b9e014ea0a3ce67eb9c5e920f5fa2d8b373dc01954",
        language="es",
        layout="trailing-space",   # PDF-to-text: a wrapped line ends with a space
    ),
    "en": Corpus(
        name="en",
        filename="metamorphosis_en.txt",
        url="https://raw.githubusercontent.com/clocasto/HaikuGenerator/"
            "acd5ffe1e49391bc22c9916805ae9b0754785b5c/pg5200.txt",
        sha256="cc31cb672d11d6bd4a175ec7ff9788b8a6af8415786099a130b879001cc37f00",
        language="en",
        layout="blank-line",       # Project Gutenberg: a blank line between paragraphs
    ),
}

# Where downloaded texts go (see `default_data_dir`): in a clone, its data/ folder (its *.txt
# files are git-ignored); installed, the user's cache folder.
CLONE = Path(__file__).resolve().parents[2]

# A folder that already holds the raw files (CI: ../shared/corpus). Looked at first, only read.
ENV_VAR = "LSTM_NP_DATA"

LAYOUTS = ("auto", "trailing-space", "blank-line", "lines")

# The largest text file read: 32 MiB, about 230 times La metamorfosis (0.14 MB). Training holds
# the text several times over (the string, up to 4 bytes a character; the int64 indices, 8;
# its UTF-8 copy for the checksum), about 15 bytes a character: 32 MiB of text is ~0.5 GB of
# memory, what a classroom laptop can spare. Anything larger is refused before it is read.
MAX_TEXT_BYTES = 32 << 20

# The most different characters a text may have: the one-hot inputs, the output layer and its
# probabilities grow with them (a batch holds m T_x V of them: 20,000 characters took 1.2 GB for
# two updates). La metamorfosis has about 60; 2,000 leaves room for any alphabetic script.
MAX_VOCABULARY = 2000


# ---------------------------------------------------------------------------------------
# Download and verification
# ---------------------------------------------------------------------------------------

def sha256_of(path):
    """Return the sha256 hex digest of the bytes of the file at `path`."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def cache_dir():
    """The user's cache folder for lstm_np, where pooch and platformdirs put one:
    $XDG_CACHE_HOME/lstm_np (~/.cache/lstm_np) on Linux, ~/Library/Caches/lstm_np on macOS,
    %LOCALAPPDATA%\\lstm_np\\Cache on Windows."""
    home = Path.home()
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") \
            / "lstm_np" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "lstm_np"
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / "lstm_np"


def default_data_dir():
    """Where `fetch` downloads the texts: the clone's data/ folder when lstm_np runs from a
    clone of its repository (as the README's set-up does), else `cache_dir()` (an installed
    package must not write into site-packages)."""
    if (CLONE / "pyproject.toml").is_file() and (CLONE / "data").is_dir():
        return CLONE / "data"
    return cache_dir()


def _one_line(message):
    """Squeeze any whitespace (newlines included) into single spaces."""
    return " ".join(str(message).split())


def download(url, dest, sha256, timeout=60):
    """Download `url` to `dest`, keeping it only if its sha256 is `sha256`.

    The bytes go to a temporary file in dest's folder (named .download-*.part); only when
    the whole file has arrived and its checksum matches is it renamed onto `dest`
    (os.replace is atomic on one file system). On any failure (network error, missing
    address, checksum mismatch, Ctrl-C) the temporary file is deleted, so nothing is left
    that a later run could take for the real file. Works with http(s):// and file:// URLs.

    Returns dest as a Path. Raises DataError if the download fails or does not match.
    """
    dest = Path(dest)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with signals_held():              # a signal inside mkstemp would leave a file unnamed
        fd, tmp_name = tempfile.mkstemp(prefix=f".download-{dest.name}.", suffix=".part",
                                        dir=dest.parent)
    tmp = Path(tmp_name)
    try:
        digest = hashlib.sha256()
        with os.fdopen(fd, "wb") as out:
            try:
                with urllib.request.urlopen(url, timeout=timeout) as response:
                    for chunk in iter(lambda: response.read(1 << 16), b""):
                        out.write(chunk)
                        digest.update(chunk)
            except (OSError, http.client.HTTPException, ValueError) as exc:
                # OSError covers URLError, HTTPError, timeouts and a missing file:// path;
                # HTTPException a connection cut mid-file; ValueError a malformed address.
                reason = exc.reason if type(exc) is urllib.error.URLError else exc
                raise DataError(_one_line(_(
                    "could not download {url} to {dest}: {reason}; check the address and the "
                    "network, or set {var} to a folder that already holds {name}").format(
                        url=url, dest=dest, reason=reason, var=ENV_VAR, name=dest.name))
                ) from None
            out.flush()
            os.fsync(out.fileno())
        actual = digest.hexdigest()
        if actual != sha256.lower():
            raise DataError(_(
                "downloaded {url} does not match its checksum (expected sha256 {sha256}, got "
                "{actual}); the file was not kept: check that the address is the registered "
                "one and try again").format(url=url, sha256=sha256, actual=actual))
        os.chmod(tmp, new_file_mode())    # mkstemp makes the file private (0600)
        os.replace(tmp, dest)
    except BaseException:             # also KeyboardInterrupt: never leave a partial file
        tmp.unlink(missing_ok=True)
        raise
    return dest


def _verified(path, corpus, how_to_fix):
    """Return `path` if it is a file whose sha256 is the corpus's; DataError otherwise."""
    if not path.is_file():
        raise DataError(_("{path}: expected the file {file} of corpus '{name}' but this is "
                          "not a file; {how_to_fix}").format(
                              path=path, file=corpus.filename, name=corpus.name,
                              how_to_fix=how_to_fix))
    actual = sha256_of(path)
    if actual != corpus.sha256:
        raise DataError(_("{path}: wrong checksum for corpus '{name}' (expected sha256 "
                          "{sha256}, got {actual}), the file is damaged or a different text; "
                          "{how_to_fix}").format(path=path, name=corpus.name,
                                                 sha256=corpus.sha256, actual=actual,
                                                 how_to_fix=how_to_fix))
    return path


def _corpus(name):
    """The registry entry for `name`, or a DataError listing the names there are."""
    try:
        return CORPORA[name]
    except (KeyError, TypeError):
        raise DataError(_("unknown corpus {name!r}: use one of {names}")
                        .format(name=name, names=", ".join(sorted(CORPORA)))) from None


def fetch(name, data_dir=None):
    """Return the Path of the verified raw file of corpus `name` ("es" or "en").

    Where it looks, in order:
    1. the folder named by the environment variable LSTM_NP_DATA, if set (only read);
    2. `data_dir` (default `default_data_dir()`: a clone's data/ folder, else the user's cache);
    3. otherwise it downloads the file into `data_dir`.
    A file that is found is always checked against the registry's sha256; a mismatch is
    refused with a DataError that says how to get a good copy, never used silently.
    """
    corpus = _corpus(name)

    env_dir = os.environ.get(ENV_VAR)
    if env_dir:
        env_dir = Path(env_dir)
        if not env_dir.is_dir():
            raise DataError(_("{var}={folder} is not a folder; point it at a folder that "
                              "holds {file}, or unset it to download")
                            .format(var=ENV_VAR, folder=env_dir, file=corpus.filename))
        candidate = env_dir / corpus.filename
        if candidate.exists():
            return _verified(candidate, corpus,
                             _("replace it with the file from {url}, or unset {var} to "
                               "download a fresh copy").format(url=corpus.url, var=ENV_VAR))

    data_dir = Path(data_dir) if data_dir is not None else default_data_dir()
    target = data_dir / corpus.filename
    if target.exists():
        return _verified(target, corpus,
                         _("delete it and fetch again (python -m lstm_np fetch {name})")
                         .format(name=corpus.name))
    return download(corpus.url, target, corpus.sha256)


# ---------------------------------------------------------------------------------------
# Cleaning
# ---------------------------------------------------------------------------------------

def _normalise(raw):
    """Characters only, no layout yet: BOM, line endings, case, NFC, tabs, controls."""
    text = raw.replace("\ufeff", "")                       # byte order marks carry no text
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac endings
    # Lower-case (as the original notebook does) before NFC, so that the result is NFC even where
    # lower-casing splits a letter in two (İ -> i + combining dot).
    text = unicodedata.normalize("NFC", text.lower())      # é is one code point, not e + ´
    text = text.replace("\t", " ")
    # Drop every other control character (\f page feeds, \v, NUL, ...), keep \n.
    return "".join(ch for ch in text
                   if ch == "\n" or unicodedata.category(ch) != "Cc")


def _lines(text):
    """Split on \\n; a final \\n ends the last line rather than starting an empty one."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def detect_layout(text):
    """Guess how `text` (already normalised to \\n line endings) marks its paragraphs.

    "trailing-space" if more than 30% of the non-blank lines end with a space (a PDF
    extraction that marks its hard wraps so), else "blank-line" if more than 5% of the lines
    are blank (paragraphs separated by blank lines), else "lines" (one paragraph per line).
    """
    lines = _lines(text)
    non_blank = [line for line in lines if line.strip()]
    if not non_blank:
        return "lines"
    ending_in_space = sum(line.endswith(" ") for line in non_blank)
    if ending_in_space > 0.30 * len(non_blank):
        return "trailing-space"
    if len(lines) - len(non_blank) > 0.05 * len(lines):
        return "blank-line"
    return "lines"


def _paragraphs(lines, layout):
    """Group lines into paragraphs (each a list of lines) following `layout`."""
    paragraphs, current = [], []
    for line in lines:
        blank = not line.strip()
        if layout == "lines":
            if not blank:
                paragraphs.append([line])
        elif layout == "blank-line":
            if blank:                       # a blank line ends the paragraph
                paragraphs.append(current)
                current = []
            else:
                current.append(line)
        else:  # "trailing-space"
            if blank:                       # a page break inside a paragraph: skip it
                continue
            current.append(line)
            if not line.endswith(" "):      # no trailing space: the paragraph ends here
                paragraphs.append(current)
                current = []
    paragraphs.append(current)              # whatever is left at the end of the text
    return paragraphs


def clean_text(raw, layout="auto"):
    """Return the cleaned text: one paragraph per line, lower-case, ending with one "\\n".

    Deterministic, in this order:
    1. characters: drop byte order marks; \\r\\n and \\r become \\n; lower-case (as the
       original notebook does); Unicode NFC; tabs become spaces; form feeds and every other control
       character except \\n are removed;
    2. paragraphs, according to `layout`:
       "trailing-space": a line ending with a space goes on at the next non-blank line
                         (blank lines inside a paragraph are page breaks, skipped); a line
                         without one ends its paragraph (PDF-to-text extractions);
       "blank-line":     paragraphs are separated by one or more blank lines, the lines
                         inside one are joined with a space (Project Gutenberg);
       "lines":          every non-blank line is a paragraph already (a cleaned text);
       "auto":           chosen by `detect_layout`;
    3. inside each paragraph runs of spaces become one space and the ends are stripped;
       empty paragraphs are dropped; paragraphs are joined with "\\n" and the text ends with
       exactly one "\\n" (an empty string if no text is left).

    Cleaning a cleaned text again with layout "lines" (or "auto") changes nothing.
    """
    if layout not in LAYOUTS:
        raise ValueError(_("unknown layout {layout!r}: use one of {layouts}")
                         .format(layout=layout, layouts=", ".join(LAYOUTS)))
    text = _normalise(raw)
    if layout == "auto":
        layout = detect_layout(text)
    paragraphs = []
    for lines in _paragraphs(_lines(text), layout):
        paragraph = re.sub(" +", " ", " ".join(lines)).strip()
        if paragraph:
            paragraphs.append(paragraph)
    if not paragraphs:
        return ""
    return "\n".join(paragraphs) + "\n"


# ---------------------------------------------------------------------------------------
# Reading a text, loading a corpus, splitting it
# ---------------------------------------------------------------------------------------

def read_text_file(path, min_length=1, layout="auto"):
    """Read a UTF-8 text file and return its cleaned text (see `clean_text`).

    `min_length` is the fewest characters the cleaned text may have; training callers pass
    T_x + 1 (a sequence of T_x inputs and their T_x next characters).
    Raises DataError, naming the file, if it is missing, not a regular file (a folder, a
    FIFO, a device, a socket: refused before anything is read, so reading never blocks),
    larger than MAX_TEXT_BYTES, empty, not valid UTF-8 (with the byte offset of the first bad
    byte), too short after cleaning, or with more than MAX_VOCABULARY different characters.
    """
    path = Path(path)
    data = read_regular_file(path, MAX_TEXT_BYTES, what=_("UTF-8 text file"))
    if not data:
        raise DataError(_("{path}: the file is empty; give a text file with some text in it")
                        .format(path=path))
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(_("{path}: not valid UTF-8 (byte 0x{byte:02x} at byte offset {offset}); "
                          "save the file as UTF-8 and try again")
                        .format(path=path, byte=data[exc.start], offset=exc.start)) from None
    text = clean_text(raw, layout)
    if not text:
        raise DataError(_("{path}: no text is left after cleaning (only blank lines, spaces or "
                          "control characters); give a file with some text in it")
                        .format(path=path))
    if len(text) < min_length:
        raise DataError(_("{path}: only {n} characters after cleaning, but the text must have "
                          "at least T_x + 1 = {needed} characters (T_x = {T}); use a longer "
                          "text or a shorter sequence length")
                        .format(path=path, n=len(text), needed=min_length, T=min_length - 1))
    n_chars = len(set(text))
    if n_chars > MAX_VOCABULARY:
        raise DataError(_("{path}: {n} different characters, more than the {limit} lstm_np "
                          "learns from (the network grows with each: its memory would run "
                          "out); use a text in one alphabet").format(
                              path=path, n=n_chars, limit=MAX_VOCABULARY))
    return text


def load_corpus(source, data_dir=None, min_length=26):
    """Return the cleaned text of `source`.

    source : a registry name ("es", "en"): fetched (see `fetch`) and cleaned with the
             corpus's own layout; or the path of a UTF-8 text file, cleaned with layout
             "auto". A registry name wins over a file of the same name.
    min_length : the fewest characters accepted, T_x + 1 (default 26 for T_x = 25).
    """
    if isinstance(source, str) and source in CORPORA:
        corpus = CORPORA[source]
        return read_text_file(fetch(source, data_dir), min_length, layout=corpus.layout)
    if not Path(source).exists():
        raise DataError(_("{source}: neither a corpus name ({names}) nor an existing file; "
                          "check the name or the path")
                        .format(source=source, names=", ".join(sorted(CORPORA))))
    return read_text_file(source, min_length)


def split_text(text, val_fraction=0.1):
    """Split `text` into (train, val): the last `val_fraction` of it is held out.

    The validation part is the final round(len(text) * val_fraction) characters, so the
    network is judged on text it never trained on. Each part needs at least 2 characters
    (one input and the character that follows it); DataError otherwise.
    """
    if not 0 < val_fraction < 1:
        raise ValueError(_("val_fraction must be between 0 and 1 (exclusive), got {value!r}")
                         .format(value=val_fraction))
    n_val = round(len(text) * val_fraction)
    train, val = text[:len(text) - n_val], text[len(text) - n_val:]
    if len(train) < 2 or len(val) < 2:
        raise DataError(_("a text of {n} characters is too short to hold out {fraction:g} of "
                          "it: {n_train} characters for training and {n_val} for validation, "
                          "and each part needs at least 2; use a longer text or another "
                          "val_fraction").format(n=len(text), fraction=val_fraction,
                                                 n_train=len(train), n_val=len(val)))
    return train, val
