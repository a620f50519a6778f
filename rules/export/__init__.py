"""Export: a generated draft to a clean post ready for the site."""
