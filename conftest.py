"""Root conftest: makes the repository root importable for tests and benchmarks."""
