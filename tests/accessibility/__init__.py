"""Tests (a package, so each helper module is imported once under one name)."""
