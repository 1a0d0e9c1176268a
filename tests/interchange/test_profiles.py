"""The canonical profile: precedence, conflicts kept side by side, derived status."""

from datetime import UTC, datetime

from habeas.profiles import RecordFacts, derive_profile, derive_status
from habeas.vocabulary import Reliability, Status


def facts(record_id, source, seen_day=1, **data):
    data.setdefault("name", "Иванов Иван Иванович")
    return RecordFacts(
        record_id,
        source,
        data,
        seen_at=datetime(2025, 1, seen_day, tzinfo=UTC),
        reliability=data.pop("reliability", Reliability.UNKNOWN),
        verified=data.pop("verified", False),
    )


def test_a_sources_latin_spelling_beats_our_romanisation():
    profile = derive_profile([facts(1, "Memorial"), facts(2, "OVD-Info", name_latin="Ivan Ivanov")])
    assert profile.display_name == "Иванов Иван Иванович"
    assert profile.display_name_latin == "Ivan Ivanov"


def test_without_a_latin_spelling_the_name_is_romanised():
    assert derive_profile([facts(1, "M")]).display_name_latin == "Ivanov Ivan Ivanovich"


def test_verified_beats_reliable_beats_recent_and_conflicts_are_kept():
    records = [
        facts(1, "Recent", seen_day=9, birth_date="1980-01-02"),
        facts(2, "Reliable", birth_date="1980-02-01", reliability=Reliability.HIGH),
        facts(3, "Checked", birth_date="1980-01-01", verified=True),
    ]
    profile = derive_profile(records)
    assert profile.birth_date == "1980-01-01"
    assert [c["source"] for c in profile.conflicts["birth_date"]] == [
        "Checked",
        "Reliable",
        "Recent",
    ]
    assert derive_profile(records[:2]).birth_date == "1980-02-01"


def test_status_follows_the_latest_dated_evidence():
    old = facts(1, "A", detained_on="2022-01-01", verdict_on="2022-06-01", sentence="3y")
    newer = facts(2, "B", detained_on="2022-01-01", released_on="2024-05-01")
    profile = derive_profile([old, newer])
    assert profile.status is Status.RELEASED
    assert {c["value"] for c in profile.conflicts["status"]} == {"imprisoned", "released"}


def test_a_record_silent_on_custody_is_no_conflict():
    profile = derive_profile([facts(1, "A", status="imprisoned"), facts(2, "B")])
    assert profile.status is Status.IMPRISONED and "status" not in profile.conflicts


def test_stated_only_statuses():
    assert derive_status({"status": "exchanged", "released_on": "2024-08-01"}) is Status.EXCHANGED
    assert (
        derive_status({"detained_on": "2024-01-01", "status": "house_arrest"})
        is Status.HOUSE_ARREST
    )
    assert derive_status({}) is Status.UNKNOWN
