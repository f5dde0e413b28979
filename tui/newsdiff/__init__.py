"""newsdiff: read one news story through many outlets.

The Python API is the engine's, re-exported here::

    import newsdiff
    story = newsdiff.analyze(["seeds/"])
    newsdiff.similarity("a very big mistake", "a very serious error")
    newsdiff.same_claim(a, b)   # the decision the clustering itself uses
"""

from newsdiff.engine.similarity import same_claim, similarity
from newsdiff.engine.story import analyze

__version__ = "0.1.0"
__all__ = ["__version__", "analyze", "same_claim", "similarity"]
