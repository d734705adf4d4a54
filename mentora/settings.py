"""Mentora settings: one module, driven by environment variables.

SQLite file by default; PostgreSQL (or any database) through DATABASE_URL.
DEBUG is off unless DEBUG=1; with DEBUG off a SECRET_KEY must be given.
"""

import ipaddress
import os
import sys
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


TESTING = "pytest" in sys.modules or env_bool("MENTORA_TESTING")
DEBUG = env_bool("DEBUG")

DATA_DIR = Path(os.environ.get("MENTORA_DATA_DIR", BASE_DIR / "var"))
DEMO = env_bool("MENTORA_DEMO")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEMO:
        # The demo keeps a random key beside its database so sessions survive restarts.
        key_file = DATA_DIR / "secret_key"
        if not key_file.exists():
            import secrets

            DATA_DIR.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(50))
        SECRET_KEY = key_file.read_text().strip()
    elif DEBUG or TESTING:
        SECRET_KEY = "insecure-development-key-do-not-use-in-production"
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is required when DEBUG is off. Set SECRET_KEY=<a long random string>, "
            "or DEBUG=1 for local development."
        )

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The organization named in every email (docs/configuration.md).
MENTORA_ORGANIZATION_NAME = (
    os.environ.get("MENTORA_ORGANIZATION_NAME", "Mentora").strip() or "Mentora"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # serves its bundled Swagger UI, so /api/v1/docs works offline
    "django_htmx",
    "template_partials",
    "axes",  # sign-in throttling and lockout (docs/security.md)
    "mentora.accounts",
    "mentora.people",
    "mentora.programs",
    "mentora.calendars",
    "mentora.careers",
    "mentora.relationships",
    "mentora.notifications",
    "mentora.matching",
    "mentora.recommendations",
    "mentora.conversations",
    "mentora.growth",
    "mentora.outcomes",
    "mentora.audit",
    "mentora.integrations",
    "mentora.demo",
    "mentora.ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy header (docs/security.md)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "mentora.ops.middleware.DatabaseUnavailableMiddleware",  # 503 when the database is down
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires: answers lockouts
]

ROOT_URLCONF = "mentora.urls"
WSGI_APPLICATION = "mentora.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "mentora" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mentora.programs.context_processors.roles",
                "mentora.accounts.branding.branding",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{DATA_DIR / 'mentora.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL + a busy timeout let the web process and the worker write side by side.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "mentora.accounts.security.LoginThrottleBackend",  # first: refuses locked-out sign-ins
    "django.contrib.auth.backends.ModelBackend",
    "mentora.integrations.sso.SSOBackend",  # OpenID Connect single sign-on, when set up below
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests create hundreds of users.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# --- Single sign-on with OpenID Connect (docs/sso.md) -----------------------------------------
# On when the client id and the provider's endpoints are given; then the sign-in page shows
# "Sign in with OIDC_PROVIDER_NAME". People are matched by email; OIDC_CREATE_USERS=1 creates
# accounts for people not yet in Mentora (just-in-time), otherwise they are refused.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "").strip()
OIDC_OP_ISSUER = os.environ.get("OIDC_ISSUER", "").strip()
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_AUTHORIZATION_ENDPOINT", "").strip()
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_TOKEN_ENDPOINT", "").strip()
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_USERINFO_ENDPOINT", "").strip()
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_JWKS_ENDPOINT", "").strip()
_oidc_missing = [
    name
    for name in (
        "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "OIDC_ISSUER", "OIDC_AUTHORIZATION_ENDPOINT",
        "OIDC_TOKEN_ENDPOINT", "OIDC_USERINFO_ENDPOINT", "OIDC_JWKS_ENDPOINT",
    )
    if not os.environ.get(name, "").strip()
]
if 0 < len(_oidc_missing) < 7:
    raise ImproperlyConfigured(
        "Single sign-on is half set up: also set " + ", ".join(_oidc_missing) + " (docs/sso.md)."
    )
SSO_ENABLED = not _oidc_missing
OIDC_PROVIDER_NAME = os.environ.get("OIDC_PROVIDER_NAME", "single sign-on").strip()
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGN_ALGO", "RS256").strip()
OIDC_RP_SCOPES = os.environ.get("OIDC_SCOPES", "openid email profile").strip()
OIDC_CREATE_USER = env_bool("OIDC_CREATE_USERS")
OIDC_LEEWAY_SECONDS = int(os.environ.get("OIDC_LEEWAY_SECONDS", "60"))
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
# RP-initiated logout: signing out of Mentora also ends the provider's session when the
# provider publishes an end-session endpoint (its discovery document's end_session_endpoint).
OIDC_OP_END_SESSION_ENDPOINT = os.environ.get("OIDC_END_SESSION_ENDPOINT", "").strip()
OIDC_STORE_ID_TOKEN = bool(OIDC_OP_END_SESSION_ENDPOINT)  # the id_token_hint it needs
OIDC_OP_LOGOUT_URL_METHOD = "mentora.integrations.sso.provider_logout_url"
OIDC_AUTHENTICATE_CLASS = "mentora.integrations.sso.AuthenticateView"
OIDC_CALLBACK_CLASS = "mentora.integrations.sso.CallbackView"
LOGIN_REDIRECT_URL_FAILURE = LOGIN_URL

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns at start-up when it is missing
STATICFILES_DIRS = [BASE_DIR / "mentora" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"
        if not (DEBUG or TESTING or DEMO)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG or DEMO
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Mentora <mentora@localhost>")

# --- Security (docs/security.md) -------------------------------------------------------------
# SECURE_COOKIES means "served over HTTPS": it also turns on the HTTPS redirect and HSTS unless
# SECURE_SSL_REDIRECT / SECURE_HSTS_SECONDS say otherwise.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not (DEBUG or TESTING or DEMO))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", SESSION_COOKIE_SECURE)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "31536000" if SESSION_COOKIE_SECURE else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
# Behind n reverse proxies: trust their X-Forwarded-Proto and the n-th X-Forwarded-For hop.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

# Content-Security-Policy (django-csp): scripts only from our own static files — no inline
# script, no eval (htmx runs with allowEval off). Inline *styles* stay allowed: templates, the
# Django admin and the API explorer use style attributes, and CSS cannot run code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sign-in throttling (django-axes): after LOGIN_FAILURE_LIMIT wrong passwords for one email
# from one address, that pair is locked for LOGIN_LOCKOUT_MINUTES (answer 429).
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# ...and one address is locked after this many failures across all emails (password spraying;
# mentora.accounts.security.address_locked_out). High enough for an office behind one NAT.
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", "30"))
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form's email field (default: USERNAME_FIELD)
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "mentora.accounts.security.login_username"
AXES_CLIENT_IP_CALLABLE = "mentora.accounts.security.client_ip"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are not logged: less personal data kept
AXES_VERBOSE = False

# Retention (docs/gdpr.md): private content of relationships that ended this many days ago is
# purged by `mentora retention purge` (0 = keep forever).
MENTORA_RETENTION_DAYS = int(os.environ.get("MENTORA_RETENTION_DAYS", "730"))
# Slack (docs/messages.md): a bot token here instead of on the admin page, and the Web API's
# address (tests point it at a loopback server; the outbound-URL guard checks it).
MENTORA_SLACK_BOT_TOKEN = os.environ.get("MENTORA_SLACK_BOT_TOKEN", "")
MENTORA_SLACK_API_URL = os.environ.get("MENTORA_SLACK_API_URL", "https://slack.com/api/")

# Reports (docs/outcomes.md): the smallest group a figure is shown for, and how many seconds a
# computed report is shown before it is recomputed. Read as given; a system check names a bad
# value.
MENTORA_MIN_GROUP_SIZE = os.environ.get("MENTORA_MIN_GROUP_SIZE", "5")
MENTORA_REPORT_MAX_AGE = os.environ.get("MENTORA_REPORT_MAX_AGE", "300")

# The outbound-URL guard (mentora.lib.outbound, docs/security.md#outbound-urls): server-side
# fetches (webhooks) only reach public addresses, unless a range is allowed here on purpose.
MENTORA_OUTBOUND_ALLOW: list[str] = []
for _cidr in os.environ.get("MENTORA_OUTBOUND_ALLOW", "").split(","):
    if _cidr.strip():
        try:
            MENTORA_OUTBOUND_ALLOW.append(str(ipaddress.ip_network(_cidr.strip(), strict=False)))
        except ValueError:
            raise ImproperlyConfigured(
                f"MENTORA_OUTBOUND_ALLOW: {_cidr.strip()!r} is not an address range; give "
                "comma-separated CIDRs such as 10.20.0.0/16,fd00:1::/64."
            ) from None

# Video links (docs/meetings.md): the Jitsi Meet server an admin's "Jitsi room" setting starts
# with, self-hosted or public; the admin can change it on the video links page.
MENTORA_JITSI_SERVER = os.environ.get("MENTORA_JITSI_SERVER", "https://meet.jit.si").rstrip("/")

# Imports (mentora.lib.tabular, docs/security.md#limits): checked before a file is parsed.
MENTORA_IMPORT_MAX_ROWS = int(os.environ.get("MENTORA_IMPORT_MAX_ROWS", "200000"))
MENTORA_IMPORT_MAX_COLUMNS = int(os.environ.get("MENTORA_IMPORT_MAX_COLUMNS", "200"))
MENTORA_IMPORT_XLSX_MAX_MB = int(os.environ.get("MENTORA_IMPORT_XLSX_MAX_MB", "150"))

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_CLASS = "mentora.lib.pagination.PageNumberPagination"  # page bounded

# Working together (docs/configuration.md): days without activity before an active
# relationship counts as stalled, and days before an unanswered request expires.
for _name, _default in (("MENTORA_STALLED_DAYS", "21"), ("MENTORA_REQUEST_EXPIRY_DAYS", "14")):
    _value = os.environ.get(_name, _default).strip()
    if not _value.isdigit() or not 1 <= int(_value) <= 365:
        raise ImproperlyConfigured(f"{_name} must be a whole number of days from 1 to 365.")
MENTORA_STALLED_DAYS = int(os.environ.get("MENTORA_STALLED_DAYS", "21").strip())
MENTORA_REQUEST_EXPIRY_DAYS = int(os.environ.get("MENTORA_REQUEST_EXPIRY_DAYS", "14").strip())

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Where the in-app accessibility statement (/accessibility/) tells people to report a problem.
MENTORA_ACCESSIBILITY_CONTACT = os.environ.get("MENTORA_ACCESSIBILITY_CONTACT", "").strip()
