"""One loaded report: the unit, the outline and every skeleton file, parsed once per process
and handed to every step (lint, build, status, redline, release, the Word commands)."""
