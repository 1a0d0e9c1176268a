"""FollowTheMoney-compatible entities with their statements.

A person becomes an FtM ``Person`` entity (``id``, ``schema``, ``properties``); next to the
properties, ``statements`` lists each value with the dataset (source) that asserts it, in the
field names of FtM's statement model, so tools that read either form can use the export.
"""

from __future__ import annotations

from typing import Any

_GENDER = {"male": "male", "female": "female", "other": "other"}


def person_entity(
    person: dict[str, Any], statements: list[dict[str, str]], prefix: str = "habeas"
) -> dict[str, Any]:
    """An FtM Person entity for one exported person.

    Args:
        person: an interchange-shaped export row with ``person_id``.
        statements: ``{"prop", "value", "dataset"}`` dicts, one per sourced value.
        prefix: namespace of the entity ids.
    """
    entity_id = f"{prefix}-person-{person['person_id']}"
    properties: dict[str, list[str]] = {}

    def put(prop: str, value: str | None) -> None:
        if value and value not in properties.setdefault(prop, []):
            properties[prop].append(value)

    put("name", person.get("name"))
    put("name", person.get("name_latin"))
    for alias in person.get("aliases") or []:
        put("alias", alias)
    put("gender", _GENDER.get(person.get("gender") or ""))
    put("birthDate", person.get("birth_date"))
    put("country", (person.get("country") or "").lower())
    put("address", person.get("facility_address"))
    put("sourceUrl", person.get("source_url"))
    if person.get("articles"):
        put("summary", "Charged under " + ", ".join(person["articles"]))
    properties = {k: v for k, v in properties.items() if v}
    return {
        "id": entity_id,
        "schema": "Person",
        "properties": properties,
        "datasets": sorted({s["dataset"] for s in statements}),
        "statements": [
            {
                "entity_id": entity_id,
                "schema": "Person",
                "prop": s["prop"],
                "value": s["value"],
                "dataset": s["dataset"],
            }
            for s in statements
        ],
    }
