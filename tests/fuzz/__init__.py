"""Fuzzing: mutated law text and data files must always give a diagnostic with a position, exit 2."""
