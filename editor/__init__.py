"""Article Studio's desktop editor (PySide6). Uses only what ``rules`` exports."""
