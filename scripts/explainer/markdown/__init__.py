"""Old import paths of the Markdown extensions, kept so explainers made earlier still build.

New ``mkdocs.yml`` files name ``explainer.extensions.*``; these modules only re-export.
"""
