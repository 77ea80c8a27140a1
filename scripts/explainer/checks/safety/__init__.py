"""Safety: nothing a pull request adds may run code in readers' browsers or mislead them.

Pages (every line, HTML blocks included; code excepted), their front matter
and every string in the data files are held to the same rules:

- raw HTML only from a short allow-list of harmless tags and attributes
  (``allowlist.py``), never an event handler (``onclick=``), ``srcdoc``,
  ``style`` or a reserved ``__`` id;
- links only to ``https:``/``http:``/``mailto:``/``tel:`` or within the site,
  however the scheme is disguised (``JaVaScRiPt:``, ``&#106;avascript:``, tabs);
- no template syntax (``{{``, ``{%``, ``{# #}``) that a macro plugin could run;
- no invisible or text-reversing Unicode characters;
- no look-alike (mixed-script, punycode) web addresses, no ``user@`` addresses;
- no files under docs/ that a browser would run (HTML, scripts, style sheets,
  SVG with scripts) and no symbolic links.

The built site (``check.py safety --site DIR``, or ``site/`` when it exists)
gets the rules that matter in HTML the theme wrote: no event handlers or
``javascript:`` links, scripts only from the site's own files or hashed in its
Content-Security-Policy, every page carrying that policy. Each page's content
(its <article>) is also run through the Ammonia sanitizer with the same
allow-list, and whatever it would strip is reported.

One job per module: ``entry`` (which files, which rules), ``sources`` (pages,
data, SVG), ``mdtext`` (Markdown text), ``addresses`` and ``hosts`` (one
address), ``unicode``, ``tags`` (the tokenizer), ``built``, ``csp`` and
``sanitizer`` (the built site), ``allowlist``, ``findings`` and ``files``.
"""
from explainer.checks.safety.built import check_site
from explainer.checks.safety.csp import content_security_policy, inline_script_hashes
from explainer.checks.safety.entry import check, check_built, check_sources

__all__ = ["check", "check_built", "check_sources", "check_site", "content_security_policy", "inline_script_hashes"]
