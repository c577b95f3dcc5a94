"""The unit's metadata (report.yaml): what varies from one organisation to the next."""
