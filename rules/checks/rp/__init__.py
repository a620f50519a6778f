"""RP: repetition of phrases, endings and sentences."""
