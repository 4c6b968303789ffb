"""Publication: the release files (every serialisation, VoID, DCAT, checksums)."""
