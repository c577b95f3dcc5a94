"""vankien: a docs-as-code toolchain for the political report of a grassroots Party congress."""

__version__ = "0.1.0"
