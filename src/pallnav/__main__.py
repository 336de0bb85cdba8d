"""``python -m pallnav``."""

from pallnav.cli import main

raise SystemExit(main())
