"""From trees and forests to values: Transformer, Visitor, forest evaluation with a merge
function, and tree conversions."""

from glrkit.forest.evaluate import AmbiguousValue, Children, CyclicForest, MergeSite
from glrkit.semantics.convert import to_nltk
from glrkit.semantics.transformer import Transformer, Visitor

__all__ = [
    "AmbiguousValue",
    "Children",
    "CyclicForest",
    "MergeSite",
    "Transformer",
    "Visitor",
    "to_nltk",
]
