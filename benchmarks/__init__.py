"""Benchmarks for kneefit: run.py measures, generate.py makes catalogues and logs."""
