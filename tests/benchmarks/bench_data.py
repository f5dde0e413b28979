"""Where the benchmarks find their data, and one line when it is missing.

The benchmarks measure on data that is not part of the repository: the
team's hand-made seed gold and its scorer, labelled MSRP sentence pairs and
the ECB+ news corpus (licensed apart, CC BY 3.0). They live in one folder
with this layout::

    eval/score_alignment.py, eval/seeds_gold.json
    bench/msrp_train_sample.tsv
    corpus/ecb/topic<N>/*.txt, corpus/ecbplus/topic<N>/*.txt

By default that folder is ``shared/`` beside the project's root (``../shared``);
``NEWSDIFF_DATA`` names another. A script started without what it reads
stops with one line naming the file and where it looked (``need``), not a
traceback from deep inside.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsdiff.engine.semantic import Encoder

ROOT = Path(__file__).resolve().parents[2]
DATA = Path(os.environ.get("NEWSDIFF_DATA") or ROOT.parent / "shared")

SCORER = DATA / "eval" / "score_alignment.py"
SEED_GOLD = DATA / "eval" / "seeds_gold.json"
MSRP = DATA / "bench" / "msrp_train_sample.tsv"
ECB = DATA / "corpus" / "ecb"
ECBPLUS = DATA / "corpus" / "ecbplus"


def need(*paths: Path) -> None:
    """Stop with one line when any of ``paths`` is missing."""
    for path in paths:
        if not path.exists():
            script = Path(sys.argv[0]).name
            raise SystemExit(
                f"{script}: needs {path.relative_to(DATA)} in the benchmark data folder, not found at {path} "
                "(put the data in ../shared beside the project or set NEWSDIFF_DATA; see tests/benchmarks/README.md)"
            )


def encoder_or_exit(wanted: bool) -> Encoder | None:
    """The sentence encoder when ``wanted`` (``--semantic``), else None; one line and a stop without the extra."""
    if not wanted:
        return None
    from newsdiff.engine.semantic import load_encoder

    encoder = load_encoder()
    if encoder is None:
        raise SystemExit(f"{Path(sys.argv[0]).name}: --semantic needs the extra: pip install -e '.[semantic]'")
    return encoder
