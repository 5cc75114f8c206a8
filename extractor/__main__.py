"""``python -m extractor`` works like the ``extractor`` command."""
import sys

from .cli import main

sys.exit(main())
