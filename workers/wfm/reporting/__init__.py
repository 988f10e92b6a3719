"""The reports of Monitoring > Reports: each builds tables (and charts) from the WFM data."""
