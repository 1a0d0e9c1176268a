"""The web application: the public site, the editors' workspace and the import wizard."""
