import sys

from server.registries.simulator import main

sys.exit(main())
