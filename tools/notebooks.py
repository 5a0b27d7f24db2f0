"""Build the notebook twins from one source, and execute them to store fresh outputs.

    python tools/notebooks.py build      # notebooks/source/*.py -> notebooks/{es,en}/*.ipynb
    python tools/notebooks.py execute    # run every notebook, store outputs (deterministic)
    python tools/notebooks.py            # both: the one command to run after changing lstm_np

Each source file defines CELLS, a list built with md(es=..., en=...), code(...) and
settings(): prose exists in both languages side by side, code exactly once, so the Spanish
and English notebooks cannot drift apart (tests/test_twins.py checks the result anyway).
Executing uses nbconvert without timings or widget state, then nbstripout --keep-output
--keep-count, which gives byte-identical files from run to run.
"""
import importlib.util
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "notebooks" / "source"
LANGS = ("es", "en")


def md(es, en):
    """A markdown cell, written in both languages."""
    return {"type": "markdown", "text": {"es": es.strip("\n"), "en": en.strip("\n")}}


def code(src, tags=()):
    """A code cell, identical in both notebooks."""
    return {"type": "code", "text": src.strip("\n"), "tags": list(tags)}


def settings(extra_es="", extra_en=""):
    """The one cell that differs between the twins: the language and the corpus."""
    text = {
        "es": '# Ajustes: idioma de figuras y mensajes, y texto de entrenamiento\n'
              'LANG = "es"\nCORPUS = "es"   # «La metamorfosis», en español' + extra_es,
        "en": '# Settings: language of figures and messages, and training text\n'
              'LANG = "en"\nCORPUS = "en"   # "The Metamorphosis", in English' + extra_en,
    }
    return {"type": "settings", "text": text, "tags": ["settings"]}


def load_source(path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["nbsource"] = sys.modules[__name__]
    spec.loader.exec_module(module)
    return module.CELLS


def build_one(path):
    cells = load_source(path)
    for lang in LANGS:
        nb = nbformat.v4.new_notebook()
        nb.metadata = {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        }
        for cell in cells:
            if cell["type"] == "markdown":
                nb.cells.append(nbformat.v4.new_markdown_cell(cell["text"][lang]))
            else:
                text = cell["text"][lang] if cell["type"] == "settings" else cell["text"]
                new = nbformat.v4.new_code_cell(text)
                if cell["tags"]:
                    new.metadata["tags"] = cell["tags"]
                nb.cells.append(new)
        for i, c in enumerate(nb.cells):          # stable ids: diffs stay small
            c["id"] = f"{path.stem[:2]}-{i:03d}"
        out = ROOT / "notebooks" / lang / f"{path.stem}.ipynb"
        out.parent.mkdir(parents=True, exist_ok=True)
        old = out.read_text(encoding="utf-8") if out.exists() else None
        if old is not None:                        # keep stored outputs if the code is the same
            previous = nbformat.reads(old, as_version=4)
            if [(c.cell_type, c.source) for c in previous.cells] == \
               [(c.cell_type, c.source) for c in nb.cells]:
                continue
        nbformat.write(nb, out)
        print(f"built {out.relative_to(ROOT)}")


def execute_one(nb_path):
    subprocess.run([sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook",
                    "--execute", "--inplace", "--ExecutePreprocessor.timeout=600",
                    "--ExecutePreprocessor.record_timing=False",
                    "--ExecutePreprocessor.store_widget_state=False", str(nb_path)],
                   check=True, cwd=nb_path.parent)
    subprocess.run([sys.executable, "-m", "nbstripout", "--keep-output", "--keep-count",
                    str(nb_path)], check=True)
    drop_unstable_outputs(nb_path)
    print(f"executed {nb_path.relative_to(ROOT)}")


def drop_unstable_outputs(nb_path):
    """Remove what changes from run to run and is not compared by nbval anyway:
    widget views (their model_id is random, and without the widget state, not stored, they
    cannot be shown; the text/plain repr stays) and stderr (progress lines with rates,
    library warnings); and join consecutive stdout chunks, as nbval does."""
    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:
        if "outputs" not in cell:
            continue
        kept = []
        for out in cell.outputs:
            if out.output_type == "stream" and out.name == "stderr":
                continue
            if (out.output_type == "stream" and kept and kept[-1].output_type == "stream"
                    and kept[-1].name == out.name):
                kept[-1].text += out.text      # how the kernel chunked a print is chance
                continue
            kept.append(out)
        cell.outputs = kept
        for out in cell.outputs:
            out.get("data", {}).pop("application/vnd.jupyter.widget-view+json", None)
    nbformat.write(nb, nb_path)


def main(argv):
    what = argv[0] if argv else "all"
    names = argv[1:]                                # optional: only these sources (stems)
    sources = sorted(p for p in SOURCE.glob("[0-9]*.py")
                     if not names or p.stem in names or p.stem[:2] in names)
    if what in ("build", "all"):
        for path in sources:
            build_one(path)
    if what in ("execute", "all"):
        for path in sources:
            for lang in LANGS:
                execute_one(ROOT / "notebooks" / lang / f"{path.stem}.ipynb")


if __name__ == "__main__":
    main(sys.argv[1:])
