"""Districts in the store: round trip, encrypted secret, learned closed periods."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, delete, select

from passback.secrets import SecretBox, SecretError
from passback.store import districts as store
from passback.store.db import session_scope
from passback.store.schema.districts import DistrictRow
from passback.store.schema.sis_learned import LearnedClosedPeriodRow

from .builders import make_district


@pytest.fixture
def box() -> SecretBox:
    return SecretBox(bytes(range(32)))


def test_round_trip_keeps_every_field(engine: Engine, box: SecretBox) -> None:
    district = make_district()
    with session_scope(engine) as session:
        assert store.save_district(session, district, "secret-1", box) is True
    with session_scope(engine) as session:
        assert store.get_district(session, "unified-1") == district
        assert store.client_secret(session, "unified-1", box) == "secret-1"
        assert store.get_district(session, "nope") is None


def test_update_keeps_the_secret_unless_a_new_one_is_given(engine: Engine, box: SecretBox) -> None:
    with session_scope(engine) as session:
        store.save_district(session, make_district(), "secret-1", box)
    renamed = make_district(name="Renamed", category_map={})
    with session_scope(engine) as session:
        assert store.save_district(session, renamed, None, None) is False
    with session_scope(engine) as session:
        assert store.get_district(session, "unified-1") == renamed
        assert store.client_secret(session, "unified-1", box) == "secret-1"
        store.save_district(session, renamed, "secret-2", box)
    with session_scope(engine) as session:
        assert store.client_secret(session, "unified-1", box) == "secret-2"


def test_secret_is_stored_encrypted_and_bound_to_its_district(
    engine: Engine, box: SecretBox
) -> None:
    with session_scope(engine) as session:
        store.save_district(session, make_district("a"), "secret-of-a", box)
        store.save_district(session, make_district("b"), None, None)
    with session_scope(engine) as session:
        blob = session.scalar(select(DistrictRow.secret_ciphertext).where(DistrictRow.id == "a"))
        assert blob is not None and b"secret-of-a" not in blob
        session.get_one(DistrictRow, "b").secret_ciphertext = blob
    with session_scope(engine) as session, pytest.raises(SecretError, match="another district"):
        store.client_secret(session, "b", box)


def test_district_without_secret_says_how_to_add_one(engine: Engine) -> None:
    with session_scope(engine) as session:
        store.save_district(session, make_district(), None, None)
        assert store.has_client_secret(session, "unified-1") is False
        with pytest.raises(store.MissingSecret, match=r"add sis\.client_secret"):
            store.client_secret(session, "unified-1", SecretBox(bytes(32)))


def test_learned_closed_periods_join_the_configured_ones(engine: Engine) -> None:
    with session_scope(engine) as session:
        store.save_district(session, make_district(), None, None)
        store.mark_period_closed(session, "unified-1", "GP-Q2", "Reporting term is locked")
    with session_scope(engine) as session:
        store.mark_period_closed(session, "unified-1", "GP-Q2", "second message is ignored")
    with session_scope(engine) as session:
        assert store.learned_closed_periods(session, "unified-1") == {
            "GP-Q2": "Reporting term is locked"
        }
        merged = store.get_district(session, "unified-1")
        configured = store.get_district(session, "unified-1", include_learned=False)
        assert merged is not None and configured is not None
        assert merged.closed_grading_periods == {"GP-Q1", "GP-Q2"}
        assert configured.closed_grading_periods == {"GP-Q1"}
        [listed] = store.list_districts(session)
        assert listed == merged


def test_list_is_sorted_by_id(engine: Engine) -> None:
    with session_scope(engine) as session:
        for district_id in ("c", "a", "b"):
            store.save_district(session, make_district(district_id), None, None)
    with session_scope(engine, read_only=True) as session:
        assert [d.id for d in store.list_districts(session)] == ["a", "b", "c"]


def test_deleting_a_district_deletes_what_belongs_to_it(engine: Engine) -> None:
    with session_scope(engine) as session:
        store.save_district(session, make_district(), None, None)
        store.mark_period_closed(session, "unified-1", "GP-Q2", "locked")
    with session_scope(engine) as session:
        session.execute(delete(DistrictRow))
    with session_scope(engine) as session:
        assert session.scalars(select(LearnedClosedPeriodRow)).all() == []
