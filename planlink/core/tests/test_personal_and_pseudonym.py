import numpy as np
import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from planlink.core.personal import (
    citizen_id_share,
    citizen_ids_in_text,
    contains_citizen_id,
    is_citizen_id,
    personal_columns,
)
from planlink.core.pseudonym import pseudonym, pseudonymize, siphash24


def make_id(first12: str) -> str:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return first12 + str((11 - total % 11) % 10)


def test_siphash_reference_vector():
    """The SipHash paper's example: key 00..0f, message 00..0e → a129ca6149be45e5."""
    key = bytes(range(16))
    message = bytes(range(15))
    k0, k1 = int.from_bytes(key[:8], "little"), int.from_bytes(key[8:], "little")
    first = np.array([int.from_bytes(message[:8], "little")], dtype=np.uint64)
    last = np.array([int.from_bytes(message[8:], "little") | (15 << 56)], dtype=np.uint64)
    assert int(siphash24(k0, k1, [first, last])[0]) == 0xA129CA6149BE45E5


def test_pseudonyms_are_stable_keyed_and_distinct():
    villages = pl.Series(["52010101", "52010101", "52010102"])
    keys = pl.Series(["12/3", "12/4", "12/3"])
    a = pseudonymize(villages, keys, secret="one")
    assert a.dtype == pl.UInt64 and a.n_unique() == 3
    assert pseudonymize(villages, keys, secret="one").to_list() == a.to_list()
    assert pseudonymize(villages, keys, secret="two").to_list() != a.to_list()
    assert pseudonym("52010101", "12/3", secret="one") == f"{a[0]:016x}"


@given(st.lists(st.from_regex(r"[0-9A-Za-z/._\-]{1,24}", fullmatch=True), min_size=1, max_size=50))
def test_vectorised_equals_one_at_a_time(keys):
    villages = pl.Series(["52010101"] * len(keys))
    together = pseudonymize(villages, pl.Series(keys), secret="s").to_list()
    alone = [int(pseudonym("52010101", k, secret="s"), 16) for k in keys]
    assert together == alone


def test_citizen_id_checksum():
    valid = make_id("110370012345")
    assert is_citizen_id(valid)
    assert is_citizen_id(f"{valid[0]}-{valid[1:5]}-{valid[5:10]}-{valid[10:12]}-{valid[12]}")
    wrong = valid[:12] + str((int(valid[12]) + 1) % 10)
    assert not is_citizen_id(wrong)
    assert not is_citizen_id("12345")


def test_citizen_ids_found_inside_free_text():
    valid = make_id("310370012345")
    grouped = f"{valid[0]}-{valid[1:5]}-{valid[5:10]}-{valid[10:12]}-{valid[12]}"
    thai = valid.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert contains_citizen_id(f"นายสมชาย เลขบัตร {valid} โทร 0812345678")
    assert contains_citizen_id(f"บัตร {grouped}")
    assert contains_citizen_id(f"บัตร {grouped.replace('-', ' ')}")
    assert contains_citizen_id(thai)
    assert citizen_ids_in_text(f"{valid},{valid}") == [valid, valid]
    # Not IDs: a wrong check digit, a longer run of digits, budgets, phone numbers, codes.
    wrong = valid[:12] + str((int(valid[12]) + 1) % 10)
    for text in (
        wrong,
        f"9{valid}",
        f"{valid}0",
        "1,250,000.-",
        "0812345678",
        "52010101",
        "",
        None,
    ):
        assert not contains_citizen_id(text), text


def test_citizen_id_share_vectorised_matches_scalar():
    ids = [make_id(f"3{n:011d}") for n in range(500, 540)]
    assert citizen_id_share(pl.Series(ids)) == 1.0
    assert citizen_id_share(pl.Series(["5201010100001", "52010101", None])) < 0.5


@pytest.mark.parametrize(
    ("headers", "kinds"),
    [
        (["รหัสหมู่บ้าน", "รหัสบ้าน", "ชื่อ-นามสกุล"], ["name"]),
        (["village_code", "household_key", "PID"], ["citizen_id"]),
        (["village_code", "household_key", "e1", "p1"], []),
        (["ชื่อหัวหน้าครัวเรือน", "เลขประจำตัวประชาชน"], ["name", "citizen_id"]),
    ],
)
def test_personal_headers(headers, kinds):
    assert [c.kind for c in personal_columns(headers)] == kinds


def test_citizen_ids_found_by_content_under_any_header():
    sample = pl.DataFrame({"รหัสบ้าน": [make_id(f"1{n:011d}") for n in range(10)], "e1": ["1"] * 10})
    found = personal_columns(sample.columns, sample)
    assert [(c.header, c.kind) for c in found] == [("รหัสบ้าน", "citizen_id")]
