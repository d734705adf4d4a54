import pytest
from django.test import Client
from django.urls import reverse
from mentora.testing import PASSWORD

@pytest.mark.django_db
def test_dbg(personas):
    from axes.models import AccessAttempt
    from axes.helpers import get_client_parameters, get_client_username, get_lockout_parameters
    c = Client()
    for i in range(5):
        r = c.post(reverse("accounts:login"), {"username": personas.mentee.email, "password": "wrong"}, REMOTE_ADDR="10.0.0.1")
        print(i, r.status_code, list(AccessAttempt.objects.values("username","ip_address","failures_since_start")))
    from django.contrib.auth import authenticate
    from django.test import RequestFactory
    req = RequestFactory().post("/accounts/login/", {"username": personas.mentee.email, "password": PASSWORD}, REMOTE_ADDR="10.0.0.1")
    try:
        print("auth", authenticate(req, username=personas.mentee.email, password=PASSWORD))
    except Exception as e:
        print("exc", repr(e))
    from axes.handlers.proxy import AxesProxyHandler
    print("allowed", AxesProxyHandler.is_allowed(req, {"username": personas.mentee.email}))
