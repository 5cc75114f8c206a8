"""Rule data of extractor: one YAML file per field, plus shared catalogues and fragments."""
