"""The engine: run a function's cases, find the first wrong piece, name the likely mistake.

`check` runs the student's function on every case of its Spec, in order, against the
package's function; the first case that goes wrong stops it, and `verdict` writes the one
line in the student's language. `use` and `reference` serve the exercise notebooks.
"""
import copy

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
from .messages import MESSAGES, MISTAKES, PIECES, WHAT, say, word
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


def reference(name):
    """The package's function that `check(name, ...)` compares with."""
    return REFERENCES[name]


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
                mistake = diagnose(spec, case, student, expected, passed)
                hint = spec.hint(piece, student, expected)
                if mistake is None and hint:
                    mistake = (hint, {})
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
        return f"✗ {name}: " + MISTAKES[key][lang].format(**mfields)
    if piece is not None:
        fields["piece"] = word(PIECES, piece, lang)
    line = say(problem.message, lang, name=name, **fields)
    if mistake is not None:
        key, mfields = mistake if isinstance(mistake, tuple) else (mistake, {})
        line += say("likely", lang, mistake=MISTAKES[key][lang].format(**mfields))
    elif problem.message in ("wrong", "nonfinite", "shape") and piece is not None:
        line += say("no_match", lang, piece=word(PIECES, piece, lang))
    return line


def check(name, fn, lang="es", *, forward=None, time_limit=TIME_LIMIT):
    """Check the student's function `fn` for exercise `name`; print one verdict; return bool.

    Parameters
    ----------
    name : str, one of `NAMES`.
    fn : the student's function, with the original notebook's signature (package docstring).
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
    try:
        with limited(time_limit):
            ok, line = _check(name, fn, lang, forward)
    except TimeUp as up:
        where = say("too_slow_case", lang, case=up.case) if up.case else ""
        ok, line = False, say("too_slow", lang, name=name, limit=f"{time_limit:g}",
                              where=where)
    except Exception as exc:                           # a bug of the checker itself
        ok, line = False, say("internal", lang, name=name, exc=exc_text(exc))
    print(line)
    return ok


def _check(name, fn, lang, forward):
    if name not in NAMES:
        return False, say("unknown", lang, name=name, names=", ".join(NAMES))
    if not callable(fn):
        return False, say("not_callable", lang, name=name, got=type_text(fn))
    spec = SPECS[name]
    try:
        run = getattr(spec, "run", None)
        n = run(fn, forward) if run else check_cases(spec, fn, forward)
    except StudentRaised as raised:
        if raised.not_done:
            return False, say("not_done", lang, name=name)
        line = say("raised", lang, name=name, exc=exc_text(raised.exc), case=raised.case)
        if raised.hint_m1:
            line += MESSAGES["raised_m1"][lang]
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
