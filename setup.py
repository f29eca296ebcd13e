"""Build step: the web map's npm libraries are installed and copied into the package.

Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

VENDOR = "syndicate.web.static.vendor"


class BuildWithAssets(build_py):
    def run(self) -> None:
        script = Path(__file__).resolve().parent / "frontend" / "build_assets.py"
        runpy.run_path(str(script))["build"]()
        # the folder just filled did not exist when the packages were found (it is
        # gitignored): list it, or setuptools warns that it "would be ignored"
        if self.packages is not None and VENDOR not in self.packages:
            self.packages.append(VENDOR)
            self.package_data.setdefault(VENDOR, ["*.js", "*.css"])
        super().run()


setup(cmdclass={"build_py": BuildWithAssets})
