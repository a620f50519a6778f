"""JA: Japanese technical writing, at parity with textlint's presets."""
