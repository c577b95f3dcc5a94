"""OpenXML plumbing: namespaces (``ns``), zip I/O (``package``), transforms (``transforms``)."""
