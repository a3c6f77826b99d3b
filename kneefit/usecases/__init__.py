"""Use cases: one function a command calls, taking values (paths, dates) and returning data.

The CLI reads the clock and the environment once, calls one use case, and renders what it
returns. Use cases join the pure core (catalogue, planning, dosing, progression, the log)
to kneefit's files; they never print and never exit.
"""
