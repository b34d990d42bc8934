"""Maps: the basemap reader, the tile cache, case clustering and the location evidence check."""
