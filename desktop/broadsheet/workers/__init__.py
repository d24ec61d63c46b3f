"""Where analysis runs: the window's analysing process (``service``), the import's pool of
processes (``pool``), and what every such child does first (``child``)."""
