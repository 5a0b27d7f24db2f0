"""Running the student's code: its prints hidden, its exceptions caught, its time limited.

`run_student` calls the student's function and turns what can go wrong into something the
engine can say in one line: a blank (NotImplementedError), another exception with the case
it happened on, or, under `time_limit`, a function that does not return in time.
"""
import _thread
import contextlib
import io
import signal
import threading
import warnings

import numpy as np

from .answers import Problem, same


class StudentRaised(Exception):
    """The student's function raised `exc` on the case `case` (not_done: the blank's
    NotImplementedError); hint_m1: the cases with m = 1 had passed."""

    def __init__(self, exc, case, not_done=False, hint_m1=False):
        super().__init__(case)
        self.exc, self.case, self.not_done, self.hint_m1 = exc, case, not_done, hint_m1


class TimeUp(BaseException):
    """The time limit of one check ran out (a BaseException, so that no `except Exception`
    of the checker or of the student's code swallows it); case: the case being run."""

    def __init__(self, case=None):
        super().__init__(case)
        self.case = case


@contextlib.contextmanager
def quiet():
    """Hide what the student's code prints and warns about."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out), \
            warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def _time_up(signum, frame):
    raise TimeUp()


@contextlib.contextmanager
def time_limit(seconds, alarm=None):
    """Raise TimeUp in this block after `seconds` (seconds=None: no limit).

    With the interval timer SIGALRM (Linux, macOS; alarm=None uses it where it exists),
    TimeUp is raised inside the student's code, then again every half second in case that
    code catches it with a bare except. Without it (Windows), a timer thread interrupts the
    main thread as Ctrl-C would (`_thread.interrupt_main`), and the KeyboardInterrupt it
    causes becomes TimeUp. Both work in the main thread, where Jupyter runs a cell; in
    another thread the block runs without a limit.
    """
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    if alarm is None:
        alarm = hasattr(signal, "setitimer")
    if alarm:
        previous = signal.signal(signal.SIGALRM, _time_up)
        signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
        return
    fired = threading.Event()

    def interrupt():
        fired.set()
        _thread.interrupt_main()
    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    except KeyboardInterrupt:
        if fired.is_set():
            raise TimeUp()
        raise
    finally:
        timer.cancel()


def run_student(case_desc, call, *args, fake=None, **kwargs):
    """call(*args, **kwargs) with the prints hidden; what it raises becomes StudentRaised,
    a TimeUp carries the case. fake: the sampler's recording generator, whose notes turn
    some exceptions into a named mistake."""
    try:
        with quiet():
            return call(*args, **kwargs)
    except NotImplementedError as exc:
        raise StudentRaised(exc, case_desc, not_done=True)
    except TimeUp:
        raise TimeUp(case_desc)
    except Problem:
        raise
    except (Exception, SystemExit) as exc:
        if fake is not None and fake.problem is not None:
            kind, total = fake.problem
            if kind == "sum":
                raise Problem("named", mistake=("smp_not_renormalised",
                                                {"total": f"{total:.3g}"}))
        if fake is not None and fake.other is not None:
            raise Problem("named", mistake=("smp_other_rng", {"attr": fake.other}))
        raise StudentRaised(exc, case_desc)


def frozen_check(before, after, names, case_desc):
    """A Problem("mutated") for the first argument that the call changed."""
    for b, a, name in zip(before, after, names):
        if not same(b, a):
            raise Problem("mutated", arg=name, case=case_desc)
