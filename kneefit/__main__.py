"""Run kneefit as ``python -m kneefit``."""

from kneefit.cli import main

main()
