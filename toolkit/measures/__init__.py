"""Measures: pure Polars functions from canonical frames to analysis frames."""
