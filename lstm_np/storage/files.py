"""Files on a real machine: atomic writes, bounded reads, one trainer per checkpoint, OS errors.

- `atomic_write(path, write)`: write through a temporary file beside `path`, fsync, rename;
  a crash, a full disk or a signal at any moment leaves the old file or the new one, whole.
- `read_regular_file(path, limit)`: the bytes of a regular file of at most `limit` bytes;
  a FIFO, a device or a socket is refused at once (reading one could block for ever or
  never end).
- `TrainerLock(path)`: an operating-system lock (flock) on a lock file beside a checkpoint,
  so that two trainers never write the same checkpoint; the system releases it when the
  process ends, however it ends.
- `os_error_line(error)`: one line for an OSError: the file, what happened, what to do.
"""
import errno
import os
import signal
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..errors import DataError, LstmNpError
from ..i18n import _

try:
    import fcntl
except ImportError:                  # Windows: no flock; one trainer per path is not enforced
    fcntl = None


def atomic_write(path, write, error=LstmNpError):
    """Call write(f) on a temporary file in path's folder, fsync it, rename it over `path`.

    A missing folder, or a folder at `path`, is refused first (`error`, one line). On any
    failure (OSError, KeyboardInterrupt, a signal turned into an exception) the
    temporary file is removed and `path` is untouched. An OSError is raised again naming
    `path` (not the temporary file).
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise error(_("{path}: the folder {folder} does not exist; create it first")
                    .format(path=path, folder=folder))
    if path.is_dir():
        raise error(_("{path}: is a folder; give the path of a file in it").format(path=path))
    tmp = None
    try:
        with _signals_held():            # a signal inside mkstemp would leave a file unnamed
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        os.chmod(tmp, 0o644)                 # mkstemp makes it private; a checkpoint is not
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(e, OSError) and e.errno is not None:
            raise type(e)(e.errno, e.strerror, str(path)) from None
        raise
    try:                                     # make the rename itself durable
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


@contextmanager
def _signals_held():
    """Hold back SIGINT, SIGTERM and SIGHUP while inside (delivered on leaving); Unix only."""
    held = [getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
            if hasattr(signal, name)]
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def _kind_of(mode):
    for test, name in ((stat.S_ISDIR, _("a folder")), (stat.S_ISFIFO, _("a FIFO (named pipe)")),
                       (stat.S_ISCHR, _("a character device")),
                       (stat.S_ISBLK, _("a block device")), (stat.S_ISSOCK, _("a socket"))):
        if test(mode):
            return name
    return _("not a regular file")


def read_regular_file(path, limit, what="file"):
    """The bytes of the regular file at `path`, at most `limit` of them; DataError otherwise.

    The file is opened without blocking (O_NONBLOCK: opening a FIFO with no writer would
    wait for ever) and checked with fstat before anything is read; at most limit + 1 bytes
    are read, so a file that grows while it is read cannot make the reading endless.
    """
    path = Path(path)
    try:
        mode = os.stat(path).st_mode          # a socket cannot even be opened: look first
        if stat.S_ISREG(mode):
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise DataError(_("{path}: no such file; check the path of the {what}")
                        .format(path=path, what=what)) from None
    except OSError as e:
        raise DataError(_("{path}: cannot be read ({reason}); check its permissions")
                        .format(path=path, reason=e.strerror or e)) from None
    if not stat.S_ISREG(mode):
        raise DataError(_("{path}: is {kind}, not a {what}; give the path of a regular file")
                        .format(path=path, kind=_kind_of(mode), what=what))
    with os.fdopen(fd, "rb") as f:
        mode = os.fstat(f.fileno()).st_mode  # what was opened (the path may have changed)
        if not stat.S_ISREG(mode):
            raise DataError(_("{path}: is {kind}, not a {what}; give the path of a regular "
                              "file").format(path=path, kind=_kind_of(mode), what=what))
        size = os.fstat(f.fileno()).st_size
        if size > limit:
            raise DataError(_("{path}: {size} bytes, more than the {limit} bytes lstm_np reads "
                              "from a {what}; use a smaller file")
                            .format(path=path, size=size, limit=limit, what=what))
        try:
            data = f.read(limit + 1)
        except OSError as e:
            raise DataError(_("{path}: cannot be read ({reason})")
                            .format(path=path, reason=e.strerror or e)) from None
    if len(data) > limit:
        raise DataError(_("{path}: grew past {limit} bytes while it was read; give a file "
                          "that is not being written").format(path=path, limit=limit))
    return data


class TrainerLock:
    """One trainer per checkpoint path: an exclusive flock on ``.<name>.lock`` beside it.

    ``with TrainerLock(path): ...`` refuses at once (LstmNpError, one line) if another
    process holds the lock. The lock belongs to the open file, so the operating system
    releases it when the process ends, even if it is killed; the lock file is removed on a
    normal exit. (If the inode of the lock file changed between opening and locking, another
    process removed it meanwhile: try again on the new file.)
    """

    def __init__(self, checkpoint):
        checkpoint = Path(checkpoint)
        self.checkpoint = checkpoint
        self.path = checkpoint.with_name(f".{checkpoint.name}.lock")
        self._fd = None

    def __enter__(self):
        if fcntl is None:
            return self
        folder = self.path.parent if str(self.path.parent) else Path(".")
        if not folder.is_dir():
            raise LstmNpError(_("{path}: the folder {folder} does not exist; create it first")
                              .format(path=self.checkpoint, folder=folder))
        for _attempt in range(10):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as e:
                raise type(e)(e.errno, e.strerror, str(self.checkpoint)) from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as e:
                os.close(fd)
                if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    raise LstmNpError(_(
                        "{path}: another trainer is writing this checkpoint now; wait for it "
                        "to finish, or choose another checkpoint path (nothing was "
                        "overwritten)").format(path=self.checkpoint)) from None
                raise
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self._fd = fd
                return self
            os.close(fd)
        raise LstmNpError(_("{path}: could not lock {lock}; try again")
                          .format(path=self.checkpoint, lock=self.path))

    def __exit__(self, *exc):
        if self._fd is not None:
            try:
                os.unlink(self.path)
            except OSError:
                pass
            os.close(self._fd)               # closing releases the lock
            self._fd = None
        return False


def _advice():
    """What to do about each errno the command line meets (in the current language)."""
    write_here = _("choose a folder you can write to, or fix its permissions")
    return {
        errno.ENOSPC: _("the disk is full: free some space or choose another folder"),
        errno.EDQUOT: _("the disk quota is full: free some space or choose another folder"),
        errno.EROFS: _("the file system is read-only: choose a folder you can write to"),
        errno.EACCES: write_here,
        errno.EPERM: write_here,
        errno.EISDIR: _("it is a folder: give the path of a file"),
        errno.ENOTDIR: _("a part of the path is a file, not a folder: check the path"),
        errno.ENOENT: _("check the path"),
        errno.EPIPE: _("the output was closed"),
    }


def os_error_line(error, nothing_lost=""):
    """One line for an OSError: '<file>: <what happened>; <what to do>' (+ `nothing_lost`)."""
    where = error.filename if error.filename is not None else _("the standard output")
    reason = error.strerror or type(error).__name__
    advice = _advice().get(error.errno)
    line = "{where}: {reason}".format(where=where, reason=reason)
    if advice is not None:
        line += "; " + advice
    return line + nothing_lost
