"""newsdesk: an editorial calendar kept in git, built into a site by MkDocs."""

__version__ = "0.1.0"
