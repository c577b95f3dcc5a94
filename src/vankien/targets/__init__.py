"""Congress targets (chỉ tiêu) as data: the model, the Vietnamese numbers, the loader of
``chi-tieu.yaml`` and the tables the build makes from it (docs/chi-tieu.md)."""
