from vankien.cli import main

raise SystemExit(main())
