"""demo_setup tells what it is doing: one line per stage, with what it did and its time."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_one_progress_line_per_stage(recwarn):
    out = io.StringIO()
    call_command("demo_setup", plans_within="520101", stdout=out)
    lines = out.getvalue().splitlines()
    stages = [re.fullmatch(r"\[(\d)/9\] (.+) … (.+) … (\d+\.\d) s", line) for line in lines[:9]]
    assert all(stages), lines[:9]
    assert [int(m.group(1)) for m in stages if m] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    names = [m.group(2) for m in stages if m]
    assert names[0].startswith("พื้นที่ลำปาง") and names[6].startswith("แผนหมู่บ้านสาธิต")
    done = [m.group(3) for m in stages if m]
    assert done[0].startswith("13 อำเภอ 100 ตำบล")  # Lampang, from the DOPA register
    assert done[3] == done[6] == "มีแล้ว (already loaded)"  # the test database has them
    assert names[7].startswith("ประเด็นของจังหวัด")
    assert done[7] == "ประเด็นปี 2570: มีแล้ว (already loaded); แผนตำบล: มีแล้ว (already loaded)"
    assert names[8].startswith("บัญชีโครงการของแหล่งงบประมาณอื่น")
    assert done[8] == "มีแล้ว (already loaded)"
    assert re.fullmatch(r"ready in \d+\.\d s", lines[9])
    # The project's own code warns of nothing it deprecates.
    ours = [w for w in recwarn if "planlink" in str(w.filename)]
    assert not ours, [str(w.message) for w in ours]
