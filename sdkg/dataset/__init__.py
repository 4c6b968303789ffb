"""The dataset: find the tree, map its files to named graphs, load them into one store."""
