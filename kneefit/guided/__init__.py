"""A guided session in the terminal: a pure state machine, a rich screen and a raw-mode loop.

``run_guided`` (in :mod:`kneefit.guided.terminal`) is the one entry point the CLI calls; the
machine (:mod:`kneefit.guided.machine`) holds everything that decides what happens, over
the session made ready in :mod:`kneefit.guided.session_plan`; :mod:`kneefit.guided.outcome`
reads what to log from its last state.
"""
