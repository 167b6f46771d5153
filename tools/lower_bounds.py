"""Run the test suite on the oldest versions pyproject.toml's dependency ranges allow.

Every ``name>=X`` of the dependencies and of the test extra is pinned to ``name==X`` in a fresh
virtual environment (spaCy and the rest bring their own dependencies as pip resolves them),
the project is installed there without touching its pins, and ``python -m pytest`` runs.

    python tools/lower_bounds.py [VENV] [-- PYTEST ARGS]

VENV (default: a temporary folder) is kept when named, so a second run skips the install.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lowest() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    pins = []
    for requirement in wanted:
        found = re.match(r"([A-Za-z0-9_.\-]+)\s*>=\s*([\w.]+)", requirement)
        if not found:
            sys.exit(f"no lower bound to pin in {requirement!r}")
        pins.append(f"{found.group(1)}=={found.group(2)}")
    return pins


def main(argv: list[str]) -> int:
    split = argv.index("--") if "--" in argv else len(argv)
    args, pytest_args = argv[:split], argv[split + 1:]
    venv = Path(args[0]) if args else Path(tempfile.mkdtemp()) / "venv"
    python = venv / "bin" / "python"
    pins = lowest()
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", *pins], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation",
                        "-e", str(ROOT)], check=True)
    print("pinned:", " ".join(pins), flush=True)
    return subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *pytest_args],
                          cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
