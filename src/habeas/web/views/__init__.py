"""Views, one module per area: public pages, facilities, statistics and data, the workspace,
the import wizard, and accounts."""
