"""The commands of cli.py, by group: data.py (init, extract, load, remove, mirror), analyst.py (path,
query, stats), show.py (viz, export). Each calls a library function of graph/, loaders/ or queries/
and hands the result to output.py, the one module that prints (one configured rich Console)."""
