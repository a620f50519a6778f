"""Output: report formats, the HTML rendering of a post, the rules' documentation."""
