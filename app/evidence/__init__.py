"""Evidence that holds up: device keys, signed records, verifiable case bundles, watermarked copies.

`signing` and `verify` need only the domain and `cryptography` (a bundle is checked without any
Fieldcase database); `keys`, `custody`, `bundle` and `watermark` work on a tablet's data folder.
"""
