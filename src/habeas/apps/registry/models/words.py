"""Word index of the stored names, for indexed prefix lookups of a word inside a name."""

from __future__ import annotations

from django.db import models

#: Longest stored tail; a longer query is looked up by its first this many characters.
WORD_TAIL_LENGTH = 64


class NameWord(models.Model):
    """One word position of a stored name: the folded name from that word on.

    «кагарлицкий борис юльевич» gives «кагарлицкий борис юльевич», «борис юльевич» and
    «юльевич», so a name that starts with a query, or has a word that does, is found by an
    indexed prefix range on :attr:`tail` instead of a ``LIKE '% x%'`` scan of every name.
    The rows follow their :class:`PersonName` (deleted with it); the person is read through
    the name, so a merge that moves names needs no update here.
    """

    name = models.ForeignKey("registry.PersonName", on_delete=models.CASCADE, related_name="+")
    tail = models.CharField(max_length=WORD_TAIL_LENGTH)

    class Meta:
        # (tail, name): a prefix range reads the index alone, in name order per tail;
        # on PostgreSQL the pattern operator class lets LIKE 'x%' use it under any collation
        indexes = [
            models.Index(
                fields=["tail", "name"],
                name="registry_nameword_tail",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            )
        ]

    def __str__(self) -> str:
        return self.tail


def word_tails(folded: str) -> list[str]:
    """The tails of a folded name, one per word (the whole name first), cut to
    :data:`WORD_TAIL_LENGTH`; a name with no words gives one empty tail (so every stored
    name has a row, and :func:`habeas.apps.registry.search.sync_name_words` can tell by the
    highest name id which names are indexed)."""
    words = folded.split(" ")
    tails = [" ".join(words[i:])[:WORD_TAIL_LENGTH] for i in range(len(words)) if words[i]]
    return list(dict.fromkeys(tails)) or [""]
