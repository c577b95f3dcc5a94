"""Measuring the Vietnamese checks on unseen text: ``python -m bench.vietnamese``."""
