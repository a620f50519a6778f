"""The engine: configuration, rule registry and catalogue, presets, running rules, fixing, baselines."""
