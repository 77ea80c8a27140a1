"""Machinery for explainer sites: data model, Markdown extensions and checks.

Nothing in this package knows about one particular article: content lives in
``docs/`` and ``docs/data/``, so the repository can serve as a template.
"""
