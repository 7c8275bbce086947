"""The shared packed parse forest: nodes, counting, trees, drawing."""

from glrkit.forest.forest import Ambiguity, Forest
from glrkit.forest.sppf import Node, TerminalNode, epsilon_forest
from glrkit.forest.tree import Tree

__all__ = ["Ambiguity", "Forest", "Node", "TerminalNode", "Tree", "epsilon_forest"]
