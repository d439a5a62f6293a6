"""Staff see downloads per resource and per month: a chart, a table, a CSV export."""

import csv
import datetime
import io
import re

import pytest
from django.utils import timezone

from resources.admin_views.report import month_starts
from resources.models import Download
from tests.resources.factories import make_course, make_resource

REPORT = "/admin/reports/downloads/"


def months_ago(count, day=10):
    start = month_starts(count + 1)[0]
    return timezone.make_aware(datetime.datetime.combine(start.replace(day=day), datetime.time(12)))


@pytest.fixture
def downloads(member):
    leaflet = make_resource("Leaflet", kind="leaflet", languages=("ja", "en"))
    poster = make_resource("Poster", kind="poster")
    course = make_course("Basics")
    material = course.modules.get().materials.get()
    english = leaflet.versions.first().files.get(language="en")

    def add(count, when, **what):
        for _i in range(count):
            Download.objects.create(user=member, created_at=when, **what)

    add(3, months_ago(0), resource=leaflet, resource_file=english)
    add(2, months_ago(1), resource=leaflet, resource_file=english)
    add(1, months_ago(0), resource=poster)
    add(4, months_ago(2), material=material)
    add(5, months_ago(13), resource=poster)  # before the last 12 months
    return leaflet, poster, material


def csv_rows(response):
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_csv_has_a_row_per_resource_and_a_column_per_month(staff_client, downloads):
    response = staff_client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    header, *rows = csv_rows(response)
    assert len(header) == 2 + 12 + 1
    by_title = {row[0]: row for row in rows}
    assert set(by_title) == {"Leaflet", "Poster", "Handout"}
    leaflet = by_title["Leaflet"]
    assert leaflet[-1] == "5"
    assert leaflet[-2] == "3"  # this month
    assert leaflet[-3] == "2"  # last month
    assert by_title["Poster"][-1] == "1"  # the older downloads are outside the period
    assert by_title["Handout"][-4] == "4"
    assert "Basics" in by_title["Handout"][1]


def test_the_kind_and_period_filters(staff_client, downloads):
    header, *rows = csv_rows(staff_client.get(REPORT, {"export": "csv", "kind": "poster"}))
    assert [row[0] for row in rows] == ["Poster"]
    header, *rows = csv_rows(staff_client.get(REPORT, {"export": "csv", "kind": "training"}))
    assert [row[0] for row in rows] == ["Handout"]
    header, *rows = csv_rows(staff_client.get(REPORT, {"export": "csv", "months": "3"}))
    assert len(header) == 2 + 3 + 1
    assert {row[0]: row[-1] for row in rows} == {"Leaflet": "5", "Poster": "1", "Handout": "4"}


def test_the_report_draws_a_bar_per_month_in_inline_svg(staff_client, downloads):
    response = staff_client.get(REPORT)
    html = response.content.decode()
    assert response.status_code == 200
    svg = html.split('<figure class="resources-chart">', 1)[1].split("</svg>")[0]
    bars = re.findall(r"<rect [^>]*><title>([^<]+): (\d+)</title></rect>", svg)
    assert len(bars) == 12
    assert [int(value) for _label, value in bars[-3:]] == [4, 2, 4]
    heights = [float(h) for h in re.findall(r'<rect [^>]*height="([\d.]+)"', svg)]
    assert heights[-1] == heights[-3] == max(heights) > heights[-2] > 0
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    table = html.split("<table", 1)[1]
    assert "Leaflet" in table and "Handout" in table


def test_members_cannot_see_the_report(member_client):
    assert member_client.get(REPORT).status_code == 403
