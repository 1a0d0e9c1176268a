"""Release lists in the store (issue 6): lists, manual entries, frozen versions, and
applying an announcement's outcome. The domain logic is :mod:`habeas.lists`."""
