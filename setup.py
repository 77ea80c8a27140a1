"""Packaging: the metadata is in pyproject.toml; this file only bundles the machinery.

A new explainer copies the machinery (theme overrides, workflows, settings,
``scripts/``) from a machinery source. In a checkout that source is the
repository itself; an installed package (``pip install .``) carries a copy of
the same files as package data under ``explainer/_machinery``, made here at
build time from the one copy in the repository, so ``python -m explainer new``
works from any folder.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
# What a machinery source holds besides the package itself (see explainer/generator/machinery.py).
BUNDLED = ["overrides", ".github", ".pre-commit-config.yaml", ".ci/run", "requirements.txt", "requirements.in",
           "requirements-zensical.txt", "pyproject.toml", "setup.py", ".gitignore", "mkdocs.yml", "scripts/check.py"]
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "*.orig")


class BuildWithMachinery(build_py):
    def run(self):
        super().run()
        if self.editable_mode:
            return   # an editable install finds the repository itself
        target = Path(self.build_lib) / "explainer" / "_machinery"
        shutil.rmtree(target, ignore_errors=True)
        for name in BUNDLED:
            source = HERE / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=SKIP)
            elif source.is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, target / name)
        package = HERE / "scripts" / "explainer"
        shutil.copytree(package, target / "scripts" / "explainer", ignore=SKIP)


setup(cmdclass={"build_py": BuildWithMachinery})
