"""Reading an .npz archive without trusting it: the directory and headers first, data last.

An .npz is a zip archive of .npy files. ``np.load`` decompresses an entry when it is asked
for it, whatever its size, so a 2 MB file can expand to gigabytes (a "zip bomb"). Here:

1. the zip's central directory is read (names and declared sizes; nothing is decompressed);
2. the .npy header of each entry wanted (a few hundred bytes) gives its dtype and shape;
   the entry's declared size must be exactly what that shape and dtype hold;
3. the caller checks the shapes against each other (see checkpoint.py) and only then reads
   the data, with ``allow_pickle=False``; no entry can expand past its declared size.
"""
import zipfile
from dataclasses import dataclass

import numpy as np

from .checkpoint_checks import refuse
from ..i18n import _


@dataclass
class Entry:
    """One .npy entry of an archive, known from its header: name (without .npy), shape, dtype,
    declared (uncompressed) size in bytes, and its zip record."""
    name: str
    shape: tuple
    dtype: np.dtype
    size: int
    info: zipfile.ZipInfo


def _header(path, archive, info):
    """The Entry of `info`, from its .npy header; refusal if the header is not a plain array's
    or if the declared size is not header + shape x itemsize."""
    name = info.filename[:-4]
    with archive.open(info) as f:
        try:
            version = np.lib.format.read_magic(f)
        except ValueError:
            refuse(path, _("entry {name!r} is not a numpy array: not a lstm_np file")
                    .format(name=name))
        if version == (1, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_1_0(f)
        elif version == (2, 0):
            shape, fortran, dtype = np.lib.format.read_array_header_2_0(f)
        else:
            refuse(path, _("entry {name!r} has .npy version {version}; not a lstm_np file")
                    .format(name=name, version=version))
        header_length = f.tell()
    if dtype.hasobject:
        refuse(path, _("holds pickled Python objects, which are never loaded (a lstm_np "
                        "file holds plain arrays only)"))
    nbytes = int(np.prod(shape, dtype=object)) * dtype.itemsize
    if info.file_size != header_length + nbytes:
        refuse(path, _("entry {name!r} declares {declared} bytes but its shape {shape} of "
                        "{dtype} holds {nbytes}: a damaged or forged file")
                .format(name=name, declared=info.file_size - header_length, shape=shape,
                        dtype=dtype, nbytes=nbytes))
    return Entry(name, tuple(shape), dtype, info.file_size, info)


def read_directory(path, archive, known):
    """{name: Entry} of the archive's entries, each named in `known` (+ ".npy").

    Refused, before anything is decompressed: an entry with another name, a directory entry,
    a repeated name, a header that is not a plain (non-object) array's, a declared size
    unlike its header's.
    """
    entries = {}
    for info in archive.infolist():
        name = info.filename
        if not name.endswith(".npy") or name[:-4] not in known:
            refuse(path, _("unexpected entry {name!r}: not one a lstm_np file holds")
                    .format(name=name))
        if name[:-4] in entries:
            refuse(path, _("entry {name!r} appears twice").format(name=name))
        entries[name[:-4]] = _header(path, archive, info)
    return entries


def read_data(archive, entry):
    """The array of `entry` (its declared size, already checked, bounds what is decompressed)."""
    with archive.open(entry.info) as f:
        return np.lib.format.read_array(f, allow_pickle=False)
