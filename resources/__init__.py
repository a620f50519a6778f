"""Data shipped with Article Studio: schemas, dictionaries, styles, icons."""
