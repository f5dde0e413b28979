"""``python -m newsdiff``: the same command line as the ``newsdiff`` script."""

from newsdiff.cli import main

raise SystemExit(main())
