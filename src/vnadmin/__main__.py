import sys

from vnadmin.cli import main

sys.exit(main())
