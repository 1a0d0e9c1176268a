"""The audit log: every change, append-only, in a hash chain (see :mod:`habeas.audit.chain`)."""
