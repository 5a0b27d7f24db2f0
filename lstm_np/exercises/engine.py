"""The engine: run a function's cases, find the first wrong piece, name the likely mistake.

`check` runs the student's function on every case of its Spec, in order, against the
package's function; the first case that goes wrong stops it, and `verdict` writes the one
line in the student's language. `use` and `reference` serve the exercise notebooks.
"""
import copy
from pathlib import Path

import numpy as np

from ..core import activations
from ..core import backward
from ..core import forward
from ..core import optim
from ..core import sampling
from .answers import Bad, Problem, close, err_text, exc_text, max_err, same, shape_text
from .answers import type_text
from .checks_backward import Backward, CellBackward
from .checks_forward import CellForward, Forward, Loss, Sigmoid, Softmax
from .checks_update import Adam, Clip, TrainingStep, training_step
from ..i18n import in_language
from .messages import MISTAKES, PIECES, WHAT, say, word
from .sampler import SampleCheck
from .student import StudentRaised, TimeUp, quiet, run_student
from .student import time_limit as limited

TIME_LIMIT = 30.0
"""Seconds one check may take (the package's functions take well under one): after it, the
verdict says the function was stopped (an endless loop, or a very slow one)."""

NAMES = ("sigmoid", "softmax", "lstm_cell_forward", "lstm_forward", "compute_loss",
         "lstm_cell_backward", "lstm_backward", "clip", "update_parameters_with_adam",
         "sample_top_k", "training_step")

SPECS = {spec.name: spec for spec in (Sigmoid(), Softmax(), CellForward(), Forward(), Loss(),
                                      CellBackward(), Backward(), Clip(), Adam(),
                                      TrainingStep(), SampleCheck())}

ARG_NAMES = {
    "sigmoid": ("x",), "softmax": ("x",),
    "lstm_cell_forward": ("xt", "a_prev", "c_prev", "parameters"),
    "lstm_forward": ("x", "a0", "parameters"), "compute_loss": ("y_hat", "Y"),
    "lstm_cell_backward": ("da_next", "dc_next", "cache"), "lstm_backward": ("da", "caches"),
    "clip": ("gradients", "maxValue"),
    "update_parameters_with_adam": ("parameters", "gradients", "v", "s", "t"),
    "training_step": ("X", "Y", "a0", "parameters", "v", "s", "t"),
}

REFERENCES = {
    "sigmoid": activations.sigmoid, "softmax": activations.softmax,
    "lstm_cell_forward": forward.lstm_cell_forward, "lstm_forward": forward.lstm_forward,
    "compute_loss": backward.compute_loss, "lstm_cell_backward": backward.lstm_cell_backward,
    "lstm_backward": backward.lstm_backward, "clip": optim.clip,
    "update_parameters_with_adam": optim.update_parameters_with_adam,
    "sample_top_k": sampling.sample_top_k, "training_step": training_step,
}


PACKAGE = Path(__file__).resolve().parent.parent
"""The folder of lstm_np: a function whose code lives here is the package's, not a student's."""

_timed_out = {}
"""name -> the function whose check of that name ran out of time (`use` after `check`, or the
graded test cell and then the notebook's own check, do not wait a second time for it)."""


def reference(name):
    """The package's function that `check(name, ...)` compares with."""
    return REFERENCES[name]


def package_own(fn):
    """True if `fn` is one of the package's functions (imported, not written by the student):
    a reference itself, or any function defined inside lstm_np, also behind functools.partial,
    a bound method or functools.wraps."""
    for _depth in range(20):                 # unwrap at most 20 layers
        inner = getattr(fn, "func", None) or getattr(fn, "__func__", None) or \
            getattr(fn, "__wrapped__", None)
        if inner is None or inner is fn:
            break
        if any(inner is f for f in REFERENCES.values()):
            return True
        fn = inner
    if any(fn is f for f in REFERENCES.values()):
        return True
    module = getattr(fn, "__module__", None) or ""
    if module == "lstm_np" or module.startswith("lstm_np."):
        return True
    code = getattr(fn, "__code__", None)
    if code is None:
        return False
    try:
        return Path(code.co_filename).resolve().is_relative_to(PACKAGE)
    except (OSError, ValueError):
        return False


# ------------------------------------------------------------------ comparing one case
def pieces_or_problem(spec, out, case):
    try:
        return spec.pieces(out, case), None
    except Problem as p:
        return None, p
    except Exception:                       # an answer too odd to read
        return None, Problem("not_array", "output", got=type_text(out), case=case.desc)


def first_wrong(student, expected, case):
    """(piece, problem) for the first piece that differs, or None."""
    for piece, want in expected.items():
        got = student.get(piece)
        if isinstance(got, Bad):
            return piece, got.problem
        if got is None:                      # a part that could not be read at all
            bad = [p for p in student.values() if isinstance(p, Bad)]
            return piece, bad[0].problem if bad else Problem("missing_key", where="",
                                                              key=piece)
        if got.shape != want.shape:
            return piece, Problem("shape", piece, got=shape_text(got.shape),
                                  want=shape_text(want.shape), case=case.desc)
        if not close(got, want):
            if not np.all(np.isfinite(got)):
                return piece, Problem("nonfinite", piece, case=case.desc)
            return piece, Problem("wrong", piece, err=err_text(max_err(got, want)),
                                  case=case.desc)
    return None


def shape_mistake(got, want, m):
    """(MISTAKES key, fields) for a shape that is a typical slip, or None."""
    fields = {"got": shape_text(got), "want": shape_text(want)}
    squeeze = tuple(d for d in got if d != 1) == tuple(d for d in want if d != 1)
    if squeeze and len(got) < len(want):
        return "shape_lost_axis", fields
    if squeeze and len(got) > len(want):
        return "shape_extra_axis", fields
    if len(got) == len(want) == 2 and got == want[::-1]:
        return "shape_transposed", fields
    if len(got) == len(want) and want[-1] == 1 and got[0] == 1 and want[0] != 1:
        return "shape_sum_axis", fields
    if m > 1 and len(got) == len(want) and want[-1] == m and got[-1] == 1:
        return "shape_batch", fields
    if want == () and len(got) == 1:
        return "shape_not_scalar", fields
    return None


def shared(piece, student):
    """("shared_array", fields) when the wrong `piece` shares its memory with another piece of
    the answer: one array stored twice and changed in place in between."""
    got = student.get(piece)
    if not isinstance(got, np.ndarray):
        return None
    if "cache" not in piece:                 # an output may be stored in its cache, as is
        return None
    for other, value in student.items():
        if other != piece and "cache" in other and isinstance(value, np.ndarray) and \
                value.size > 1 and np.shares_memory(got, value):
            return "shared_array", {"piece": piece, "other": other}
    return None


def elsewhere(piece, student, expected):
    """("in_place_of", fields) when the wrong `piece` holds what another piece should."""
    got = student.get(piece)
    if not isinstance(got, np.ndarray):
        return None
    for other, want in expected.items():
        if other != piece and want.shape == got.shape and want.size > 1 and close(got, want) \
                and not close(want, expected[piece]):
            return "in_place_of", {"piece": piece, "other": other}
    return None


def variant_pieces(spec, variant, case):
    args, kwargs = case.fresh()
    try:
        with quiet():
            alt, _problem = pieces_or_problem(spec, variant(*args, **kwargs), case)
    except Exception:
        return None
    return alt


def agree(a, b, keys):
    return all(k in a and k in b and not isinstance(a[k], Bad) and not isinstance(b[k], Bad)
               and close(a[k], b[k]) for k in keys)


def diagnose(spec, case, student, expected, passed):
    """The first typical mistake whose result the student's answer reproduces on this case,
    and which, like the student's function, is right on the cases already passed."""
    keys = [k for k in (spec.primary or tuple(expected)) if k in expected]
    for i, (key, fields, variant) in enumerate(spec.mutants(case)):
        alt = variant_pieces(spec, variant, case)
        if alt is None or agree(alt, expected, keys) or not agree(student, alt, keys):
            continue
        if all(agree(variant_pieces(spec, spec.mutants(earlier)[i][2], earlier) or {},
                     earlier_expected, keys)
               for earlier, earlier_expected in passed):
            return key, fields
    return spec.diagnose_extra(student, expected, case)


def prepared(spec, case, forward):
    """Let a backward spec make its case's cache (from `forward`, when given)."""
    prepare = getattr(spec, "prepare", None)
    if prepare is None:
        return
    try:
        prepare(case, forward)
    except NotImplementedError as exc:
        raise StudentRaised(exc, case.desc, not_done=True)
    except Problem as p:
        p.fields.setdefault("case", case.desc)
        raise p
    except (Exception, SystemExit):
        raise Problem("forward_wrong", case=case.desc)


def check_cases(spec, fn, forward):
    """Run every case of `spec`; return their number, or raise what stops the check."""
    cases = spec.cases()
    m1_passed = False
    passed = []                               # (case, expected pieces) already right
    late = []                                 # problems said once every value is right
    for case in cases:
        prepared(spec, case, forward)
        args, kwargs = case.fresh()
        expected, _problem = pieces_or_problem(spec, spec.reference(*args, **kwargs), case)
        args, kwargs = case.fresh()
        if hasattr(case, "student_args"):
            args = copy.deepcopy(case.student_args)
        before = copy.deepcopy(args)
        try:
            out = run_student(case.desc, fn, *args, **kwargs)
        except StudentRaised as raised:
            raised.hint_m1 = not raised.not_done and m1_passed and case.m > 1
            raise
        for i in case.frozen:
            if not same(before[i], args[i]):
                raise Problem("mutated", arg=ARG_NAMES[spec.name][i], case=case.desc)
        student, problem = pieces_or_problem(spec, out, case)
        if getattr(case, "forward_wrong", False):
            if problem is None and spec.finite_differences(forward, case, student):
                raise Problem("own_forward", case=case.desc)
            raise Problem("forward_wrong", case=case.desc)
        if problem is not None:
            raise problem
        wrong = first_wrong(student, expected, case)
        if wrong is not None:
            piece, problem = wrong
            if problem.message in ("wrong", "nonfinite", "shape"):
                mistake = diagnose(spec, case, student, expected, passed) or \
                    shared(piece, student)
                hint = spec.hint(piece, student, expected)
                if mistake is None and hint:
                    mistake = (hint, {})
                if mistake is None:
                    mistake = elsewhere(piece, student, expected)
                if mistake is None and problem.message == "shape":
                    mistake = shape_mistake(student[piece].shape, expected[piece].shape,
                                            case.m)
                if mistake is not None:
                    problem.fields["mistake"] = mistake
            raise problem
        late.append(spec.after(args, out, expected, case))
        m1_passed = m1_passed or case.m == 1
        passed.append((case, expected))
    late = [p for p in late if p is not None]
    if late:
        raise late[0]
    return len(cases)


# ------------------------------------------------------------------ the verdict
def verdict(name, lang, problem):
    """The one line that says `problem` in `lang`."""
    fields = dict(problem.fields)
    mistake = fields.pop("mistake", None)
    if "what" in fields:
        fields["what"] = word(WHAT, fields["what"], lang)
    piece = problem.piece
    if problem.message == "named":
        key, mfields = mistake
        return f"✗ {name}: " + in_language(MISTAKES[key], lang).format(**mfields)
    if piece is not None:
        fields["piece"] = word(PIECES, piece, lang)
    if problem.message in ("count", "part_count"):
        singular = str(fields.get("want")) == "1"
        fields["values"] = {"es": ("valor" if singular else "valores"),
                            "en": ("value" if singular else "values")}[lang]
    line = say(problem.message, lang, name=name, **fields)
    if mistake is not None:
        key, mfields = mistake if isinstance(mistake, tuple) else (mistake, {})
        line += say("likely", lang, mistake=in_language(MISTAKES[key], lang).format(**mfields))
    elif problem.message in ("wrong", "nonfinite", "shape") and piece is not None:
        line += say("no_match", lang, piece=word(PIECES, piece, lang))
    return line


def check(name, fn, lang="es", *, forward=None, time_limit=TIME_LIMIT):
    """Check the student's function `fn` for exercise `name`; print one verdict; return bool.

    Parameters
    ----------
    name : str, one of `NAMES`.
    fn : the student's function, with the original notebook's signature (package docstring);
        None (what ``globals().get(name)`` gives when the student's cell did not define it)
        is "not done yet"; the package's own function (imported, not written) is refused.
    lang : "es" or "en", the language of the verdict.
    forward : optional, for "lstm_cell_backward" and "lstm_backward": the student's own
        forward function (lstm_cell_forward or lstm_forward), used to make the caches given to
        `fn`. If it gives other results than the package's forward, the verdict says so, and
        a finite-difference check of that forward (L = sum(da * a) [+ sum(dc * c)]) tells
        whether `fn` at least agrees with it: "your gradients agree with your own forward,
        but that forward is wrong" or "the forward you passed gives another result".
    time_limit : seconds the whole check may take (default `TIME_LIMIT`); None: no limit.

    Returns
    -------
    True if `fn` is right on every case, False otherwise. Never raises.
    """
    lang = lang if lang in ("es", "en") else "en"
    if _timed_out.get(name, (None,))[0] is fn and fn is not None:
        print(say("too_slow_again", lang, name=name, limit=_timed_out[name][1]))
        return False
    try:
        with limited(time_limit):
            ok, line = _check(name, fn, lang, forward)
    except TimeUp as up:
        where = say("too_slow_case", lang, case=up.case) if up.case else ""
        ok, line = False, say("too_slow", lang, name=name, limit=f"{time_limit:g}",
                              where=where)
        _timed_out[name] = (fn, f"{time_limit:g}")
    except Exception as exc:                           # a bug of the checker itself
        ok, line = False, say("internal", lang, name=name, exc=exc_text(exc))
    print(line)
    return ok


def _check(name, fn, lang, forward):
    if name not in NAMES:
        return False, say("unknown", lang, name=name, names=", ".join(NAMES))
    if fn is None:                     # globals().get(name): the cell did not define it
        return False, say("not_defined", lang, name=name)
    if not callable(fn):
        return False, say("not_callable", lang, name=name, got=type_text(fn))
    if package_own(fn):
        return False, say("package_own", lang, name=name)
    spec = SPECS[name]
    try:
        run = getattr(spec, "run", None)
        n = run(fn, forward) if run else check_cases(spec, fn, forward)
    except StudentRaised as raised:
        if raised.not_done:
            return False, say("not_done", lang, name=name)
        line = say("raised", lang, name=name, exc=exc_text(raised.exc), case=raised.case)
        if raised.hint_m1:
            line += say("raised_m1", lang)
        return False, line
    except Problem as problem:
        return False, verdict(name, lang, problem)
    return True, say("passed", lang, name=name, n=n)


def use(name, fn, lang="es", passed=None):
    """The function the next cells should use: `fn` if it is right, else the package's.

    Parameters
    ----------
    name, fn, lang : as for `check`.
    passed : bool or None. The result of an earlier ``check(name, fn, lang)``; when None,
        `check` is run here (and prints its verdict).

    Prints one line saying which function the next cells use, and returns it.
    """
    lang = lang if lang in ("es", "en") else "en"
    if passed is None:
        passed = check(name, fn, lang)
    if passed:
        print(say("use_own", lang, name=name))
        return fn
    print(say("use_ref", lang, name=name))
    return reference(name)
