"""Python-Markdown extensions: they run under MkDocs today and under Zensical.

Name them under ``markdown_extensions:`` in ``mkdocs.yml``; each module has
``makeExtension`` so its import path is its name there.
"""
