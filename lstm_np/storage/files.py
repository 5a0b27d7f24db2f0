"""Files on a real machine: atomic writes, bounded reads, one trainer per checkpoint, OS errors.

- `atomic_write(path, write)`: write through a temporary file beside `path`, fsync, rename;
  a crash, a full disk or a signal at any moment leaves the old file or the new one, whole.
  A symbolic link is followed (its target is rewritten, the link stays); a new file gets the
  permissions the umask allows, a rewritten one keeps its own.
- `read_regular_file(path, limit)`: the bytes of a regular file of at most `limit` bytes;
  a FIFO, a device or a socket is refused at once (reading one could block for ever or
  never end).
- `TrainerLock(path)`: operating-system locks (flock) on a lock file beside the real
  checkpoint (links followed) and on the checkpoint file itself, so that two trainers never
  write the same checkpoint, whatever name, symbolic or hard link, they reach it by; the
  system releases them when the process ends, however it ends.
- `STOP_SIGNALS`, `signals_held()`: the signals that stop a run, and holding them back for a
  moment that must not be cut in two.
- Names beside a file (``.<name>.lock``, ``.<name>.XXXXXXXX.tmp``) are shortened, with a hash
  of the whole name, when they would pass the file system's limit (NAME_MAX, 255 bytes).
- `os_error_line(error)`: one line for an OSError: the file, what happened, what to do.
"""
import errno
import hashlib
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

# The signals that stop a run, each the way Ctrl-C does (see cli.py): Ctrl-C, Ctrl-\, a
# scheduler or `timeout` (TERM), a closed terminal (HUP), a CPU-time limit (ulimit -t: XCPU).
STOP_SIGNALS = tuple(getattr(signal, name) for name in
                     ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT", "SIGXCPU")
                     if hasattr(signal, name))


def _name_max(folder):
    """The longest file name, in bytes, the file system of `folder` allows (255 almost
    everywhere)."""
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def beside_name(folder, name, suffix, room=0):
    """``.<name><suffix>``, the name of a file beside `name` in `folder`, with `room` bytes
    to spare below the file system's limit; a name too long keeps its start and ends with 16
    hexadecimal digits of the sha256 of the whole name (so that it stays one per name)."""
    limit = _name_max(folder) - room
    full = f".{name}{suffix}"
    if len(os.fsencode(full)) <= limit:
        return full
    tail = "-" + hashlib.sha256(os.fsencode(name)).hexdigest()[:16] + suffix
    head = name
    while head and len(os.fsencode(f".{head}{tail}")) > limit:
        head = head[:-1]
    return f".{head}{tail}"


def real_path(path):
    """`path` with its symbolic links followed (to the file they name, even one not yet
    made), so that a write goes to the file and leaves the link a link."""
    path = Path(path)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def new_file_mode():
    """The permissions `open` gives a new file: 0o666 less the process's umask (read without
    changing it where /proc tells it)."""
    return 0o666 & ~_umask()


def _umask():
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path, write, error=LstmNpError):
    """Call write(f) on a temporary file in path's folder, fsync it, rename it over `path`.

    A missing folder, or a folder at `path`, is refused first (`error`, one line). On any
    failure (OSError, KeyboardInterrupt, a signal turned into an exception) the
    temporary file is removed and `path` is untouched. An OSError is raised again naming
    `path` (not the temporary file). A symbolic link at `path` is followed; the file gets
    the mode of the file it replaces, or, if new, 0o666 less the umask (as `open` gives).
    """
    path = Path(path)
    shown, path = path, real_path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise error(_("{path}: the folder {folder} does not exist; create it first")
                    .format(path=shown, folder=folder))
    if path.is_dir():
        raise error(_("{path}: is a folder; give the path of a file in it").format(path=shown))
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = new_file_mode()
    tmp = None
    try:
        with signals_held():             # a signal inside mkstemp would leave a file unnamed
            fd, tmp = tempfile.mkstemp(prefix=beside_name(folder, path.name, ".", room=12),
                                       suffix=".tmp", dir=folder)
        os.chmod(tmp, mode)                  # mkstemp makes it private (0o600)
        with os.fdopen(fd, "wb") as f:
            write(f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as e:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(e, OSError) and e.errno is not None:
            raise type(e)(e.errno, e.strerror, str(shown)) from None
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
def signals_held():
    """Hold back the STOP_SIGNALS while inside: each one that arrives is delivered on leaving.

    Two holds, since either alone leaks: the signal mask of this thread (a process started
    inside starts with them held too), and, in the main thread, Python handlers that only
    note the signal (a signal sent to the whole process may reach another thread, numpy's
    BLAS threads for instance, whose mask is not this one; Python then runs its handler in
    the main thread all the same). Unix only; elsewhere nothing is held.
    """
    noted = []
    try:
        previous = {sig: signal.signal(sig, lambda signum, frame: noted.append(signum))
                    for sig in STOP_SIGNALS}
    except ValueError:                   # not the main thread: the mask alone
        previous = {}
    mask = hasattr(signal, "pthread_sigmask")
    old = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS) if mask else None
    try:
        yield
    finally:
        if mask:
            signal.pthread_sigmask(signal.SIG_SETMASK, old)    # a held one is noted now
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        for signum in dict.fromkeys(noted):
            signal.raise_signal(signum)


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
    """One trainer per checkpoint: exclusive flocks on ``.<name>.lock`` beside the real
    checkpoint file (symbolic links followed), and on the checkpoint file itself while it
    exists (so that a hard link, another name for the same file, is refused as well).

    ``with TrainerLock(path): ...`` refuses at once (LstmNpError, one line) if another
    process holds either lock. A save writes a new file: `follow` then moves the second lock
    to it. The locks belong to open files, so the operating system releases them when the
    process ends, even if it is killed; the lock file is removed on a normal exit. (If the
    inode of the lock file changed between opening and locking, another process removed it
    meanwhile: try again on the new file.)
    """

    def __init__(self, checkpoint):
        checkpoint = Path(checkpoint)
        self.checkpoint = checkpoint
        real = real_path(checkpoint)
        folder = real.parent if str(real.parent) else Path(".")
        self.real = real
        self.path = folder / beside_name(folder, real.name, ".lock")
        self._fd = None
        self._file_fd = None

    def _flock(self, fd):
        """An exclusive lock on open file `fd`, at once; refused in one line (closing `fd`)
        if another process holds it."""
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

    def __enter__(self):
        if fcntl is None:
            return self
        folder = self.path.parent
        if not folder.is_dir():
            raise LstmNpError(_("{path}: the folder {folder} does not exist; create it first")
                              .format(path=self.checkpoint, folder=folder))
        for _attempt in range(10):
            try:
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError as e:
                raise type(e)(e.errno, e.strerror, str(self.checkpoint)) from None
            self._flock(fd)
            try:
                same = os.stat(self.path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                self._fd = fd
                try:
                    self.follow()
                except BaseException:
                    self.__exit__()
                    raise
                return self
            os.close(fd)
        raise LstmNpError(_("{path}: could not lock {lock}; try again")
                          .format(path=self.checkpoint, lock=self.path))

    def follow(self):
        """Lock the checkpoint file now at the path (after a save wrote a new one), if any."""
        if self._fd is None:
            return
        try:
            fd = os.open(self.real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return                           # none yet (or unreadable: the load will say)
        found = os.fstat(fd)
        held = os.fstat(self._file_fd) if self._file_fd is not None else None
        if not stat.S_ISREG(found.st_mode) or (
                held is not None and (held.st_dev, held.st_ino) == (found.st_dev, found.st_ino)):
            os.close(fd)                     # not a file, or the one locked already
            return
        self._flock(fd)
        if self._file_fd is not None:
            os.close(self._file_fd)
        self._file_fd = fd

    def __exit__(self, *exc):
        if self._file_fd is not None:
            os.close(self._file_fd)
            self._file_fd = None
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
        errno.EBADF: _("the output was closed"),
        errno.EFBIG: _("the file is larger than this system or its limits (ulimit -f) allow: "
                       "raise the limit or choose another folder"),
        errno.ENAMETOOLONG: _("the name is too long for this file system: choose a shorter "
                              "one"),
        errno.ELOOP: _("the symbolic links of the path go round in a circle: check the path"),
        errno.EMFILE: _("too many open files (ulimit -n): raise the limit"),
        errno.ENOMEM: _("not enough memory: close other programs or use smaller settings"),
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
