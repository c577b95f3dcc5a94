"""Zip I/O: round trip, fixed timestamps, same parts → same bytes."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest

from vankien.errors import UserError
from vankien.publish.ooxml.package import read_parts, write_parts

PARTS = {"word/document.xml": b"<a/>", "[Content_Types].xml": b"<b/>", "_rels/.rels": b"<c/>"}


def test_round_trip_keeps_parts_and_puts_content_types_first():
    data = write_parts(PARTS, dt.datetime(2025, 6, 10, tzinfo=dt.UTC))
    assert read_parts(data) == PARTS
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert names[0] == "[Content_Types].xml"


def test_bytes_depend_only_on_parts_and_stamp():
    when = dt.datetime(2025, 6, 10, tzinfo=dt.UTC)
    assert write_parts(PARTS, when) == write_parts(dict(reversed(list(PARTS.items()))), when)
    infos = zipfile.ZipFile(io.BytesIO(write_parts(PARTS, when))).infolist()
    assert {i.date_time for i in infos} == {(2025, 6, 10, 0, 0, 0)}
    assert write_parts(PARTS, when) != write_parts(PARTS, dt.datetime(2025, 6, 11, tzinfo=dt.UTC))


def test_stamp_before_1980_is_clamped():
    data = write_parts(PARTS, dt.datetime(1970, 1, 1, tzinfo=dt.UTC))
    assert zipfile.ZipFile(io.BytesIO(data)).infolist()[0].date_time[0] == 1980


def test_not_a_zip_is_a_user_error():
    with pytest.raises(UserError, match="không phải tệp Word"):
        read_parts(b"not a zip", "x.docx")
