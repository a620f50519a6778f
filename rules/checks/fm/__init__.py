"""FM: front matter (syntax, schema, reading time, excerpt, date, title, tags)."""
