"""The engine's optional compiled build: build it with mypyc, and use it only while it matches the source.

The engine evaluates every person of every team in every period; in pure Python that is most of a
national run's time.  `python -m p4p_rules.engine.native` (run by `make native`, which `make test`
and `make bench` call) compiles the hot modules below with mypyc — part of mypy, already a
development dependency — into `build/native/`, outside the source tree, with the SHA-256 of each
source file it compiled.  On import, the engine package puts that build in front of its own
modules only when every recorded hash matches the source as it is now: an edited module is never
shadowed by a stale binary, it simply runs as Python until the next build.  Without a build (an
installed wheel, a machine without a C compiler) everything runs as plain Python, with the same
results: the tests run against whichever is in use, and `tests/test_native.py` checks both.

Set P4P_RULES_PURE_PYTHON=1 to ignore the build (e.g. to debug the engine with Python tracebacks).

Compiled classes.  The engine's per-person classes (postings, standings, members, payment rows...)
are `@dataclass(init=False)` with an `__init__` of their own: mypyc keeps the `__init__` a dataclass
generates at run time, which is interpreted Python, run for every member and payment row.  They
have a `__reduce__`, because a batch's workers send results back by pickle and mypyc cannot
unpickle a compiled class whose `__init__` takes arguments (tests/test_native.py pickles each); and
they are `acyclic` (they never refer back to what holds them, so the cyclic collector need not
track them).  Tests that replace an engine function to show a bug is caught either go through a
module object looked up at run time (money, in period.py) or put the bug into the plain-Python
engine in a process of their own: a compiled class cannot be patched.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

# the modules that run once per person and period (evaluating people, dividing money, their payment
# rows, the run's columns); tests that replace money's functions still reach the engine, which calls
# them through the module object (period.py)
COMPILED = ("people", "period", "view", "schedule", "books", "columns", "money")
ENGINE = Path(__file__).resolve().parent
BUILD = ENGINE.parents[1] / "build" / "native"   # in a source checkout: <repo>/build/native
MANIFEST = "sources.json"
GROUP = "p4p_rules_engine_native"                 # mypyc's shared library for the group


def source_hashes(engine: Path = ENGINE) -> dict[str, str]:
    return {name: hashlib.sha256((engine / f"{name}.py").read_bytes()).hexdigest() for name in COMPILED}


def interpreter() -> str:
    """What a build is for: the ABI and this exact interpreter build (a .venv made again with another
    build of the same Python version, Debian's instead of pyenv's, compiles again instead of guessing)."""
    return f"{sys.implementation.cache_tag} {sys.version}"


def fresh_build(build: Path = BUILD, engine: Path = ENGINE) -> Path | None:
    """The folder of compiled engine modules, if there is one built from the current sources."""
    if os.environ.get("P4P_RULES_PURE_PYTHON"):
        return None
    try:
        recorded = json.loads((build / MANIFEST).read_text())
    except (OSError, ValueError):
        return None
    modules = build / "p4p_rules" / "engine"
    if recorded.get("python") != interpreter() or recorded.get("sources") != source_hashes(engine):
        return None
    if not all(any(modules.glob(f"{name}.*.so")) for name in COMPILED):
        return None
    return modules


def use_fresh_build(package_path: list[str]) -> bool:
    """Put a fresh build in front of the engine package's own modules (before any is imported)."""
    modules = fresh_build()
    if modules is None:
        return False
    if str(BUILD) not in sys.path:
        sys.path.append(str(BUILD))  # where the compiled modules find their shared library
    package_path.insert(0, str(modules))
    return True


def in_use() -> dict[str, bool]:
    """Which of the compiled modules are running compiled right now (for tests and benchmarks)."""
    import importlib
    return {name: not importlib.import_module(f"p4p_rules.engine.{name}").__file__.endswith(".py")  # type: ignore[union-attr]
            for name in COMPILED}


def build(target: Path = BUILD) -> int:
    """Compile the engine's hot modules into `target`; returns 0, or 1 when it could not (no compiler…)."""
    import subprocess
    import tempfile

    target.mkdir(parents=True, exist_ok=True)
    hashes = source_hashes()
    (target / MANIFEST).unlink(missing_ok=True)  # a half-built folder is never taken for a fresh one
    with tempfile.TemporaryDirectory() as tmp:
        script = ("import sys\nfrom setuptools import setup\nfrom mypyc.build import mypycify\n"
                  f"setup(name='{GROUP}', packages=[], py_modules=[], script_args=sys.argv[1:],\n"
                  f"      ext_modules=mypycify({[f'p4p_rules/engine/{n}.py' for n in COMPILED]!r}, opt_level='3',\n"
                  f"                           group_name='{GROUP}', target_dir={str(Path(tmp) / 'c')!r}))\n")
        setup = Path(tmp) / "setup_native.py"
        setup.write_text(script)
        done = subprocess.run([sys.executable, str(setup), "build_ext", "--build-lib", str(target),
                               "--build-temp", str(Path(tmp) / "temp")],
                              cwd=ENGINE.parents[1], capture_output=True, text=True)
    if done.returncode != 0:
        print(done.stdout[-3000:] + done.stderr[-3000:], file=sys.stderr)
        print("the engine was not compiled: it runs as plain Python (same results, slower)", file=sys.stderr)
        return 1
    (target / MANIFEST).write_text(json.dumps({"python": interpreter(), "sources": hashes},
                                              indent=1))
    print(f"compiled {', '.join(COMPILED)} into {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(build())
