"""What the prose of lesson 08 (the bridge to PyTorch) claims about its outputs, in both
languages: the same outputs as nn.LSTM to within a tolerance, a wrong gate order far outside
it, and the ten hand-written gradients against autograd's."""
import re

import numpy as np
import pytest

from claims import claim, code_source, output_text, slide_claim

NB = "08_pytorch"
LANGS = ("es", "en")


def code_text(lang, contains):
    return code_source(lang, NB, contains)


@pytest.mark.parametrize("lang", LANGS)
def test_the_gate_f_rows_are_the_x_columns_of_wf(lang):
    said = {"es": "las filas n_a..2n_a de weight_ih_l0 son la compuerta f",
            "en": "rows n_a..2n_a of weight_ih_l0 are gate f"}[lang]
    assert said in code_text(lang, "= torch_state(p)")          # the cell's comment
    out = output_text(lang, NB, "= torch_state(p)")
    assert "weight_ih_l0[n_a:2n_a] == Wf[:, n_a:]: True" in out, out
    shapes = dict(re.findall(r"^(?:lstm|linear)\.(\w+)\s+(\(.*\))$", out, re.M))
    n_x = int(re.search(r"\((\d+), 100\)", shapes["weight"]).group(1))
    assert shapes["weight_ih_l0"] == f"(400, {n_x})" and shapes["weight_hh_l0"] == "(400, 100)"
    assert shapes["bias_ih_l0"] == shapes["bias_hh_l0"] == "(400,)"


@pytest.mark.parametrize("lang", LANGS)
def test_the_same_outputs_to_within_the_tolerance(lang):
    tol, = claim(lang, NB, r"Las mismas salidas, \*\*hasta \$(10\^\{-12\})\$\*\*, no bit a bit",
                 r"The same outputs, \*\*to within \$(10\^\{-12\})\$\*\*, not bit for bit")
    m, T = (int(v) for v in claim(lang, NB, r"las mismas (\d+) secuencias de (\d+) caracteres",
                                  r"the same (\d+) sequences of (\d+) characters"))
    assert "m, T = 8, 50" in code_text(lang, "lstm_forward(x, np.zeros") and (m, T) == (8, 50)
    out = output_text(lang, NB, "lstm_forward(x, np.zeros")
    checks = re.findall(r"^max \|(.*?)\|\s+< (\S+): (True|False)$", out, re.M)
    assert len(checks) == 3 and all(float(t) == tol and ok == "True" for _, t, ok in checks), out
    assert f"argmax y_hat == argmax y_torch: {m * T} / {m * T}" in out, out


@pytest.mark.parametrize("lang", LANGS)
def test_a_wrong_gate_order_changes_far_more(lang):
    claim(lang, NB, r"muy por debajo de lo que cambia un error de verdad",
          r"far below what a real mistake changes")
    out = output_text(lang, NB, "swapped = dict(p")
    assert out.strip() == "max |y_hat - y_wrong| > 0.1: True", out


@pytest.mark.parametrize("lang", LANGS)
def test_the_ten_gradients_agree_with_autograd(lang):
    words, tol = claim(lang, NB, r"Los (diez) gradientes coinciden con los de \*autograd\* por "
                                 r"debajo de \$(10\^\{-10\})\$ relativo",
                       r"All (ten) gradients agree with \*autograd\*'s below \$(10\^\{-10\})\$ "
                       r"relative")
    m, T = (int(v) for v in claim(lang, NB, r"\(\$m = (\d+)\$, \$T_x = (\d+)\$\)",
                                  r"\(\$m = (\d+)\$, \$T_x = (\d+)\$\)"))
    assert f"X[:, :{T}]" in code_text(lang, "loss_t.backward()") and m == 8
    out = output_text(lang, NB, "loss_t.backward()")
    rows = re.findall(r"^(d\w+)\s+\(.*?\)\s+max\|diff\| / max\|autograd\| < (\S+): (True|False)$",
                      out, re.M)
    assert [name for name, *_ in rows] == ["dWf", "dbf", "dWi", "dbi", "dWc", "dbc", "dWo",
                                           "dbo", "dWy", "dby"] and len(rows) == words, out
    assert all(float(t) == tol and ok == "True" for _, t, ok in rows), out
    mine, theirs = re.search(r"^L = ([\d.]+) \(lstm_np\)\s+([\d.]+) \(PyTorch\)$", out,
                             re.M).groups()
    assert mine == theirs


@pytest.mark.parametrize("lang", LANGS)
def test_float32_epsilon_in_the_notes(lang):
    eps, = claim(lang, NB, r"el épsilon de `float32` es \$(1\.2) \\cdot 10\^\{-7\}\$",
                 r"`float32`'s epsilon is \$(1\.2) \\cdot 10\^\{-7\}\$")
    assert round(float(np.finfo(np.float32).eps) / 1e-7, 1) == eps


# --- the slides (notebooks/source/08_pytorch.md, the slide layer) -------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_the_slides_same_outputs_and_ten_gradients(lang):
    m, T = (int(v) for v in slide_claim(lang, NB, r"Las mismas (\d+) secuencias de (\d+) "
                                                  r"caracteres",
                                        r"The same (\d+) sequences of (\d+) characters"))
    tol, = slide_claim(lang, NB, r"Iguales hasta \$(10\^\{-12\})\$, no bit a bit",
                       r"Equal to within \$(10\^\{-12\})\$, not bit for bit")
    out = output_text(lang, NB, "lstm_forward(x, np.zeros")
    checks = re.findall(r"^max \|(.*?)\|\s+< (\S+): (True|False)$", out, re.M)
    assert len(checks) == 3 and all(float(t) == tol and ok == "True" for _, t, ok in checks)
    assert f"argmax y_hat == argmax y_torch: {m * T} / {m * T}" in out, out
    words, = slide_claim(lang, NB, r"### (Diez) gradientes, los mismos",
                         r"### (Ten) gradients, the same")
    grad_tol, = slide_claim(lang, NB, r"por debajo de \$(10\^\{-10\})\$ relativo",
                            r"below \$(10\^\{-10\})\$ relative")
    rows = re.findall(r"^(d\w+)\s+\(.*?\)\s+max\|diff\| / max\|autograd\| < (\S+): (True|False)$",
                      output_text(lang, NB, "loss_t.backward()"), re.M)
    assert len(rows) == words and all(float(t) == grad_tol and ok == "True"
                                      for _, t, ok in rows), rows
