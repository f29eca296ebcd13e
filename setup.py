"""Build step: the web map's npm libraries are installed and copied into the package.

Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithAssets(build_py):
    def run(self) -> None:
        script = Path(__file__).resolve().parent / "frontend" / "build_assets.py"
        runpy.run_path(str(script))["build"]()
        super().run()


setup(cmdclass={"build_py": BuildWithAssets})
