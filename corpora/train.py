"""Rebuilds the shipped NER model from the corpus: build -> train -> copy into the package.

    python corpora/train.py                 # corpora/build.py, spaCy training, extractor/models/ner
    python corpora/train.py --no-build      # train from the existing corpora/*.spacy

Training runs on the CPU with the settings of ``corpora/ner.cfg`` (seed 0). The best
model on the dev split (ents_f) is copied to ``extractor/models/ner`` without its
training-only files; the script prints the training time and the model size.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional, Sequence

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

MODEL_DIR = ROOT / "extractor" / "models" / "ner"
CONFIG = ROOT / "corpora" / "ner.cfg"


def dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def relative_paths(config_path: Path) -> None:
    """Record the training files in the shipped config relative to the repository.

    spaCy writes the absolute paths it was given into ``[paths]``; a model shipped in the
    package must not carry the path of the machine it was trained on.
    """
    from thinc.api import Config

    cfg = Config().from_disk(config_path, interpolate=False)
    for key in ("train", "dev"):
        value = cfg["paths"].get(key)
        if isinstance(value, str) and value:
            path = Path(value)
            try:
                cfg["paths"][key] = path.resolve().relative_to(ROOT).as_posix()
            except ValueError:
                cfg["paths"][key] = f"corpora/{path.name}"
    cfg.to_disk(config_path)


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-build", action="store_true", help="do not rebuild corpora/*.spacy first")
    ap.add_argument("--out", default=str(MODEL_DIR), help="where the model goes (default: the package)")
    ap.add_argument("--config", default=str(CONFIG))
    args = ap.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    t0 = time.perf_counter()
    if not args.no_build:
        from corpora import build

        build.main(["--quiet"])
    from spacy.cli.train import train

    with tempfile.TemporaryDirectory(prefix="extractor-ner-") as tmp:
        overrides = {"paths.train": str(ROOT / "corpora" / "train.spacy"),
                     "paths.dev": str(ROOT / "corpora" / "dev.spacy")}
        t1 = time.perf_counter()
        train(Path(args.config), Path(tmp), use_gpu=-1, overrides=overrides)
        t2 = time.perf_counter()
        best = Path(tmp) / "model-best"
        out = Path(args.out)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(best, out)
    relative_paths(out / "config.cfg")
    size = dir_size(out)
    print(f"training time {t2 - t1:.0f} s (build + training {time.perf_counter() - t0:.0f} s); "
          f"model {out} {size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
