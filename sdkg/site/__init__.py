"""The documentation site: `gather` reads what the pages show, `build_site` writes them."""
