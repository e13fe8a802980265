"""Post-mortem analytics for social-media crises.

Data flows one way: files -> loaders -> canonical tables in DuckDB (store) -> measures
(Polars) -> scorecard + charts -> notebook -> HTML report. Lower layers never import
higher ones.
"""

__version__ = "0.1.0"
