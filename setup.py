"""Build hook for the optional compiled core; all package metadata lives in pyproject.toml.

By default this adds nothing: glrkit installs as pure Python and needs no compiler. With
GLRKIT_COMPILE=1 in the environment, the hot modules listed below are compiled with mypyc into
C extensions that sit next to (and are imported instead of) their .py files. The pure-Python
modules stay the reference: the compiled ones are the same source, and the whole test suite
runs against both (`make test`, `make test-compiled`).

mypy (which contains mypyc) is needed only when compiling. Under pip's default build isolation
it is requested as a dynamic build requirement: setuptools' PEP 517 hook turns the
`setup_requires` below into one, so `GLRKIT_COMPILE=1 pip install .` works from a clean clone.
Without isolation (`--no-build-isolation`) mypy must already be installed.
"""

from __future__ import annotations

import os
import shutil
import sys
from typing import Any

from setuptools import setup

# Modules compiled with GLRKIT_COMPILE=1, relative to src/glrkit: the hot ones in a cProfile
# of parsing JSON to a tree, and of building and counting ambiguous forests. Each compiles
# cleanly and passes the whole suite. engine/_gss.py goes with the engine (rnglr.py and its
# reducer, _reduce.py): a compiled class used mostly from Python code makes that code slower
# (see docs/architecture.md).
COMPILED = [
    "engine/_gss.py",
    "engine/_reduce.py",
    "engine/rnglr.py",
    "engine/_linear.py",
    "forest/sppf.py",
    "forest/enumerate.py",
    "forest/tree.py",
    "forest/count.py",
    "forest/score.py",
    "lex/lexer.py",
]

MYPY = "mypy>=1.10"

# A compiled build keeps everything under its own build folder, emptied first: a pure build
# (default build/) then never packages a stale .so, nor a compiled one a module since dropped.
BUILD = os.path.join("build", "compiled")

# Commands that build or install code; others (egg_info, dist_info, sdist) only need metadata,
# and skipping mypyc for them saves a whole type-check of the package.
BUILDING = {"build", "build_ext", "bdist_wheel", "install", "editable_wheel", "develop"}


def compile_requested() -> bool:
    """GLRKIT_COMPILE=1 (or true/yes) asks for the compiled build."""
    return os.environ.get("GLRKIT_COMPILE", "").strip().lower() in ("1", "true", "yes")


def compiled_extensions() -> list[Any]:
    """The mypyc extension modules; mypy type-checks the whole package while building them."""
    if "editable_wheel" in sys.argv or "develop" in sys.argv:
        sys.exit(
            "GLRKIT_COMPILE=1 does not support editable installs: the compiled modules would "
            "shadow edits to their .py files. Install without -e (see `make test-compiled`)."
        )
    from mypyc.build import mypycify

    shutil.rmtree(BUILD, ignore_errors=True)
    # mypyc runs mypy non-incrementally; keep it from touching the tree's .mypy_cache.
    os.environ["MYPY_CACHE_DIR"] = os.devnull
    paths = [f"src/glrkit/{path}" for path in COMPILED]
    return list(
        mypycify(paths, opt_level="3", group_name="glrkit", target_dir=os.path.join(BUILD, "c"))
    )


def main() -> None:
    if not compile_requested():
        setup()
        return
    try:
        import mypyc  # noqa: F401
    except ImportError:
        if "egg_info" in sys.argv:  # PEP 517 asks for build requirements: name mypy
            setup(setup_requires=[MYPY])
            return
        sys.exit(f"GLRKIT_COMPILE=1 needs {MYPY} (mypyc) in the build environment.")
    if not BUILDING.intersection(sys.argv):
        setup()
        return
    setup(ext_modules=compiled_extensions(), options={"build": {"build_base": BUILD}})


if __name__ == "__main__":  # setuptools runs this file as __main__; tests only read COMPILED
    main()
