"""Fit the article prior (``engine.article_prior``) on the cleaned ECB corpus analysed as one story.

Usage (from the project root):

    .venv/bin/python tests/benchmarks/fit_article_prior.py              # lexical links
    .venv/bin/python tests/benchmarks/fit_article_prior.py --semantic   # links the encoder makes

Every article of ``../shared/corpus/ecb`` (43 events; ECB+ web text, the pile
the prior is judged on, is left out) goes into one folder analysed as ONE
story with every article pair taken as one event (no prior). Each pair of articles that
some claim links is one example: its cosine (``ArticlePrior.cosine``) and
whether the two articles report one event (their folder). A logistic
regression of "one event" on the cosine gives ``INTERCEPT`` and ``SLOPE``:
the log odds that a link between two articles at that cosine is within one
event. The script prints them, with the linked pairs by cosine band and the
share of within-event links the fitted prior would weigh down (same event < 0.9).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from itertools import combinations, pairwise
from pathlib import Path

import numpy as np
from bench_data import DATA, encoder_or_exit, need
from eval_pile_links import build_pile, event_of, is_furniture

from newsdiff.engine import article_prior
from newsdiff.engine.article_prior import ArticlePrior
from newsdiff.engine.story import analyze

CORPUS = DATA / "corpus" / "ecb"
BANDS = (0.0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1.01)
L2 = 1e-4
"""A token ridge penalty on the slope, so that separable data would still give finite constants."""


def linked_pairs(encoder_wanted: bool) -> tuple[np.ndarray, np.ndarray]:
    """Cosines of the article pairs that claims link in the ECB pile (no prior), and 1 where one event."""
    encoder = encoder_or_exit(encoder_wanted)
    # Same event surely (probability 1) everywhere: the links the fit describes are those the decision makes without it.
    article_prior.INTERCEPT, article_prior.SLOPE = math.inf, 0.0
    with tempfile.TemporaryDirectory(prefix="prior-") as tmp:
        events = build_pile(CORPUS, Path(tmp), None, None)
        story = analyze([Path(tmp)], encoder=encoder)
    prior = ArticlePrior(story.articles)
    pairs: set[tuple[str, str]] = set()
    for claim in story.claims:
        if len(claim.article_ids) > 1 and not all(is_furniture(story.passage(p).text) for p in claim.passage_ids):
            pairs.update(combinations(sorted(claim.article_ids), 2))
    cosines, same = [], []
    for first, second in sorted(pairs):
        cosine = prior.cosine(first, second)
        assert cosine is not None
        cosines.append(cosine)
        same.append(float(event_of(story, events, first) == event_of(story, events, second)))
    return np.array(cosines), np.array(same)


def fit(x: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Intercept and slope of a logistic regression of ``y`` on ``x`` (Newton's method, ridge on the slope)."""
    design = np.column_stack([np.ones_like(x), x])
    penalty = np.diag([0.0, L2])
    weights = np.zeros(2)
    for _ in range(100):
        p = 1.0 / (1.0 + np.exp(-design @ weights))
        gradient = design.T @ (y - p) - penalty @ weights
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        weights += step
        if np.abs(step).max() < 1e-9:
            break
    return float(weights[0]), float(weights[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--semantic", action="store_true", help="links of the sentence encoder (extra 'semantic')")
    parser.add_argument("--pairs", type=Path, help="read the linked pairs here if it exists, else save them here")
    args = parser.parse_args()
    if args.pairs is not None and args.pairs.exists():
        saved = json.loads(args.pairs.read_text(encoding="utf-8"))
        cosines, same = np.array(saved["cosines"]), np.array(saved["same"])
    else:
        need(CORPUS)
        cosines, same = linked_pairs(args.semantic)
        if args.pairs is not None:
            args.pairs.write_text(json.dumps({"cosines": cosines.tolist(), "same": same.tolist()}), encoding="utf-8")
    print(
        f"linked article pairs: {len(same)}, within one event {int(same.sum())}, across {int(len(same) - same.sum())}"
    )
    for low, high in pairwise(BANDS):
        band = (cosines >= low) & (cosines < high)
        print(
            f"  cosine {low:.2f}-{min(high, 1.0):.2f}: within {int(same[band].sum())}, across {int((1 - same[band]).sum())}"
        )
    intercept, slope = fit(cosines, same)
    print(f"INTERCEPT: float = {intercept:.4f}")
    print(f"SLOPE: float = {slope:.4f}")
    chance = 1.0 / (1.0 + np.exp(-(intercept + slope * cosines)))
    within = same == 1
    weighed = within & (chance < 0.9)
    print(
        f"even odds at cosine {-intercept / slope:.3f}; within-event links weighed down (same event < 0.9): "
        f"{int(weighed.sum())} of {int(within.sum())}, median there "
        f"{float(np.median(chance[weighed])) if weighed.any() else math.nan:.3f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
