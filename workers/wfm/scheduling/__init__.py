"""Scheduling logic shared by the scheduling job types, free of the job engine.

Plain data in, plain data out: :mod:`~workers.wfm.scheduling.snapshot` reads a level into
dataclasses, the algorithms work on those, and the job types write the outcome in their
job's transaction.
"""
