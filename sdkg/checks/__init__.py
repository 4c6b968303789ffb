"""The checks of `sdkg check`: SHACL, the OWL reasoner, SPARQL quality checks and evidence quotes."""
