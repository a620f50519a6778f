"""Reading and the document model: bytes to text, then the ``Document`` (front matter, blocks,
sentences, chunks) and the analyses of it that rules share."""
