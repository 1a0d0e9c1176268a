"""Security: field encryption keys, two-factor enforcement, headers, backups, publication gate."""
