"""The skeleton: numbered Markdown files generated from the outline, filled in by writers."""
