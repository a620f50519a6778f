"""The command line: ``article-lint`` and its subcommands."""
