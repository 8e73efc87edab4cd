"""The sandbox keeps whatever fields and metadata keys a client sends (a weight, vendor
extensions), as PowerSchool returns what was stored: an update that starts from the SIS's
object can be tested against it (docs/sync.md)."""

from __future__ import annotations

from .helpers import Api, enrolled, line_item, result

STUDENT = enrolled("CLS-HS-1")[0]


def test_unknown_fields_and_metadata_keys_are_stored_and_returned(api: Api) -> None:
    sent = line_item(
        metadata={"scoreType": "POINTS", "weight": 2, "vendor": {"extraCredit": True}},
        ext_psTermBinReference="Q2",
    )
    api.put("/lineItems/LI-1", "lineItem", sent)
    stored = api.get("/lineItems/LI-1").json()["lineItem"]
    assert stored["metadata"] == {
        "scoreType": "POINTS",
        "weight": 2,
        "vendor": {"extraCredit": True},
    }
    assert stored["ext_psTermBinReference"] == "Q2"
    in_listing = next(
        li
        for li in api.get("/classes/CLS-HS-1/lineItems").json()["lineItems"]
        if li["sourcedId"] == "LI-1"
    )
    assert in_listing["metadata"]["weight"] == 2

    api.put(
        "/results/R-1", "result", result("LI-1", STUDENT, metadata={"late": True}, textScore="B")
    )
    kept = api.get("/results/R-1").json()["result"]
    assert (kept["metadata"], kept["textScore"]) == ({"late": True}, "B")
