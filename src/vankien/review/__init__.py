"""Review: progress status, redlines between revisions, draft releases, CODEOWNERS."""
