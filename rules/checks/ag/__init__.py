"""AG: artifacts that article generators leave behind."""
