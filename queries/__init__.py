"""The analyst's read side: the questions as .cypher files, paths between actors, network statistics."""
