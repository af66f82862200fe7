"""Everything newsdesk writes: the autoescaping Jinja renderer, calendar pages, feeds, the sanitiser, reports.

`templates/` may be overridden from a site's `overrides/newsdesk/`; `assets/` holds the CSS and JavaScript.
"""
