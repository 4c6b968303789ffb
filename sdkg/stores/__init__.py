"""Triple stores: upload over the Graph Store Protocol, and the Oxigraph server."""
