"""What the calendar means: planning findings, the report's figures, `newsdesk diff`'s comparison."""
