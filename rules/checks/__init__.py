"""Every rule of the linter, one module each; found by ``rules.registry``."""
