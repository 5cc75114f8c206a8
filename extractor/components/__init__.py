"""spaCy components of extractor, registered as ``extractor_<name>`` factories."""
