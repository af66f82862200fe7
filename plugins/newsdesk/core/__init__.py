"""The core: the model, settings, problems, dates and calendar arithmetic, YAML reading, the site's URLs.

No I/O and no MkDocs: everything above builds on these, and they import nothing of newsdesk's above them.
"""
