"""Copy the web map's front-end libraries from npm into the Python package.

Run by ``setup.py`` on every build (so ``pip install .`` does it), or by hand in a checkout:

    python frontend/build_assets.py

``npm ci`` installs exactly what ``package-lock.json`` pins; the files listed in ASSETS are
then copied to ``src/syndicate/web/static/vendor/`` (gitignored). Nothing is fetched at run
time: the server serves these copies, so the map works with no network.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FRONTEND = ROOT / "frontend"
VENDOR = ROOT / "src" / "syndicate" / "web" / "static" / "vendor"
# node_modules path -> name in the package
ASSETS = {"cytoscape/dist/cytoscape.min.js": "cytoscape.min.js"}


class AssetBuildError(RuntimeError):
    pass


def build() -> list[Path]:
    npm = shutil.which("npm")
    targets = [VENDOR / name for name in ASSETS.values()]
    if npm is None:
        if all(t.exists() for t in targets):
            print("npm not found; using the front-end assets already in the package",
                  file=sys.stderr)
            return targets
        raise AssetBuildError(
            "Building Syndicate needs npm (Node.js 18+) to install the web map's front-end "
            "libraries pinned in frontend/package-lock.json. Install Node.js and npm "
            "(Debian: apt-get install nodejs npm) and run the build again.")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                   cwd=FRONTEND, check=True)
    VENDOR.mkdir(parents=True, exist_ok=True)
    for source, name in ASSETS.items():
        shutil.copyfile(FRONTEND / "node_modules" / source, VENDOR / name)
    return targets


if __name__ == "__main__":
    for path in build():
        print(path)
