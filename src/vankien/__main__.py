from vankien.entry import main

raise SystemExit(main())
