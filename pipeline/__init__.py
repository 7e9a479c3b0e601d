"""Scheduled runs: extract a folder of reports, build and test the warehouse, publish it."""
