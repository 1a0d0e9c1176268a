"""Country pack data files (TOML), read by habeas.law.pack."""
