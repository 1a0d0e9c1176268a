"""Release lists (issue 6): criteria, priority, frozen versions, exports, reconciliation.

Pure domain code: no Django, no database. The store side is :mod:`habeas.releases`.
See ``docs/lists.md``.
"""
