"""The outline (đề cương) as data: the one source of truth for structure."""
