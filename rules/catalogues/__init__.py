"""Catalogues: canonical names with aliases (GPUs, frameworks, datasets)."""
