"""deploy/gunicorn.conf.py serves Mentora: pages, static files (whitenoise), the API, the
JSON 404, with DEBUG off and a real secret key, as docs/deploy.md describes."""

from __future__ import annotations

import configparser
import json

from tests.reliability.conftest import ROOT, gunicorn, http

PROXIED = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1"}


def test_it_serves_the_app_with_the_deploy_configuration(sqlite_site):
    with gunicorn(sqlite_site.env(), workers=2) as base:
        login = http(f"{base}/accounts/login/", headers=PROXIED)
        css = http(f"{base}/static/mentora/mentora.css", headers=PROXIED)
        schema = http(f"{base}/api/v1/openapi.json", headers=PROXIED)
        missing = http(f"{base}/api/v1/nowhere", headers=PROXIED)
        home = http(f"{base}/", headers=PROXIED)
        log = (sqlite_site.data_dir / "gunicorn.log").read_text()
    assert login[0] == 200 and b"<form" in login[2]
    assert css[0] == 200 and css[1]["Content-Type"].startswith("text/css")
    assert schema[0] == 200 and json.loads(schema[2])["info"]["title"] == "Mentora API"
    assert missing[0] == 404 and json.loads(missing[2])["code"] == "not_found"
    assert home[0] == 302 and home[1]["Location"].startswith("/accounts/login/")
    assert "Booting worker" in log and log.count("Booting worker") >= 2


def test_it_ships_systemd_units_that_start_what_the_docs_say():
    units = {}
    for name in ("mentora-web.service", "mentora-worker@.service"):
        parser = configparser.ConfigParser(strict=False, interpolation=None)
        parser.optionxform = str  # type: ignore[assignment, method-assign]
        parser.read(ROOT / "deploy" / "systemd" / name)
        units[name] = parser
    web = units["mentora-web.service"]["Service"]
    assert "gunicorn -c /srv/mentora/app/deploy/gunicorn.conf.py" in web["ExecStart"]
    assert web["EnvironmentFile"] == "/etc/mentora/mentora.env"
    worker = units["mentora-worker@.service"]["Service"]
    assert worker["ExecStart"].endswith("mentora worker --interval 5")
    assert worker["Restart"] == "always"
