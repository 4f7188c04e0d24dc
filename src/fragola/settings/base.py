"""Base settings for every environment."""

from pathlib import Path

import dj_database_url
import structlog
from csp.constants import NONCE, NONE, SELF

from fragola.settings.environment import data_dir, env_bool, env_list, env_str, secret_key

PACKAGE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = data_dir()

SECRET_KEY = secret_key(DATA_DIR)
DEBUG = env_bool("FRAGOLA_DEBUG", False)
ALLOWED_HOSTS = env_list("FRAGOLA_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("FRAGOLA_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # Fragola's apps come first: their templates and translations win over Django's own.
    "fragola.core",
    "fragola.registry",
    "fragola.workforce",
    "fragola.compliance",
    "fragola.care",
    "fragola.integration",
    "fragola.governance",
    "fragola.planning",
    "fragola.procurement",
    "fragola.backoffice",
    "fragola.billing",
    "fragola.demo",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "django_bootstrap5",
    "template_partials",
    "bootstrap",
    "simple_history",
    "axes",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "fragola.core.sessions.IdleTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_structlog.middlewares.RequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fragola.urls"
WSGI_APPLICATION = "fragola.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "fragola.core.context_processors.tenancy",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'fragola.sqlite3'}"),
        conn_max_age=int(env_str("FRAGOLA_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the worker read while the other writes; the timeout waits
    # for a lock instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": float(env_str("FRAGOLA_SQLITE_TIMEOUT", "20")),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling, password resets and the Content-Security-Policy: see the security block
# at the end of this file.

LANGUAGE_CODE = "it"
LANGUAGES = [("it", "Italiano"), ("en", "English")]
# Each app keeps its translations in its own locale/ folder (found automatically).
TIME_ZONE = "Europe/Rome"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("FRAGOLA_STATIC_ROOT", str(DATA_DIR / "static")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("FRAGOLA_MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("FRAGOLA_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Behind HTTPS in production: redirect plain HTTP and tell browsers to stay on HTTPS (HSTS).
SECURE_SSL_REDIRECT = env_bool("FRAGOLA_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(env_str("FRAGOLA_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("FRAGOLA_HSTS_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("FRAGOLA_HSTS_PRELOAD", False)
# /healthz answers over plain HTTP too (monitoring inside the network, load balancers).
SECURE_REDIRECT_EXEMPT = [r"^healthz"]
# A session ends after FRAGOLA_SESSION_IDLE_MINUTES without a request (core.sessions), and at
# most FRAGOLA_SESSION_MAX_HOURS after login whatever happens.
FRAGOLA_SESSION_IDLE_MINUTES = int(env_str("FRAGOLA_SESSION_IDLE_MINUTES", "30"))
SESSION_COOKIE_AGE = int(env_str("FRAGOLA_SESSION_MAX_HOURS", "12")) * 3600
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

EMAIL_BACKEND = env_str("FRAGOLA_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("FRAGOLA_FROM_EMAIL", "fragola@localhost")

# Queues (docs/production.md, "Workers"): planning runs are CPU-bound solver searches of up to
# ten minutes and get their own queue, so that they never hold up a compliance scan or an import
# and these never hold up a plan; imports (long bulk writes) have theirs. A worker started
# without --queue-name serves all three.
TASK_QUEUES = ["default", "planning", "imports"]
TASKS = {
    "default": {
        "BACKEND": env_str("FRAGOLA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": TASK_QUEUES,
    }
}

BOOTSTRAP5 = {
    "css_url": {"url": "/static/bootstrap/css/bootstrap.min.css"},
    "javascript_url": {"url": "/static/bootstrap/js/bootstrap.bundle.min.js"},
}

NINJA_PAGINATION_PER_PAGE = 50

LOG_LEVEL = env_str("FRAGOLA_LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.processors.JSONRenderer(),
        },
        "console": {
            "()": structlog.stdlib.ProcessorFormatter,
            "processor": structlog.dev.ConsoleRenderer(colors=False),
        },
    },
    "handlers": {
        "default": {
            "class": "logging.StreamHandler",
            "formatter": env_str("FRAGOLA_LOG_FORMAT", "json"),
        }
    },
    "root": {"handlers": ["default"], "level": LOG_LEVEL},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django_structlog": {"level": env_str("FRAGOLA_REQUEST_LOG_LEVEL", "WARNING")},
        "axes": {"level": "WARNING"},
    },
}
structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.filter_by_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.stdlib.add_logger_name,
        structlog.stdlib.add_log_level,
        structlog.stdlib.PositionalArgumentsFormatter(),
        structlog.processors.StackInfoRenderer(),
        structlog.processors.format_exc_info,
        structlog.processors.UnicodeDecoder(),
        structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
    ],
    logger_factory=structlog.stdlib.LoggerFactory(),
    cache_logger_on_first_use=True,
)


# Where fragola.core.access finds a user's roles: (organisation id, role name) pairs.
FRAGOLA_ROLE_SOURCE = "fragola.registry.access.role_grants"
# The tenant, as "app_label.Model" (like AUTH_USER_MODEL): core reaches it through the app registry.
FRAGOLA_ORGANISATION_MODEL = "registry.Organisation"

# What fragola.core.vetting.vet_change asks before a change is saved: a callable making the one
# change vetter. Empty: nothing is vetted (a Fragola without the compliance app).
FRAGOLA_CHANGE_VETTER = "fragola.compliance.vetting.ComplianceVetter"


# --- Security: login throttling, password resets, Content-Security-Policy ----------------------
# One block so that it reads as one policy; src/fragola/core/login_guard.py explains the locks.

# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated).
# Empty: the header is ignored and every client is known by its own connection's address.
FRAGOLA_TRUSTED_PROXIES = env_list("FRAGOLA_TRUSTED_PROXIES", "")

# django-axes locks the pair (user name, address) after this many failures, and the address
# after FRAGOLA_LOGIN_ADDRESS_LIMIT failures over any user names (password spraying). Successes
# reset only the pair.
AXES_FAILURE_LIMIT = int(env_str("FRAGOLA_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env_str("FRAGOLA_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "fragola.core.login_guard.LoginThrottleHandler"
AXES_CLIENT_IP_CALLABLE = "fragola.core.login_guard.axes_client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
FRAGOLA_LOGIN_ADDRESS_LIMIT = int(env_str("FRAGOLA_LOGIN_ADDRESS_LIMIT", "20"))
# A user name attacked from many addresses is slowed (one try per delay from unknown addresses),
# never locked: addresses that logged in as that user before are not slowed.
FRAGOLA_LOGIN_USERNAME_SLOW_AFTER = int(env_str("FRAGOLA_LOGIN_USERNAME_SLOW_AFTER", "10"))
FRAGOLA_LOGIN_USERNAME_DELAY_SECONDS = int(env_str("FRAGOLA_LOGIN_USERNAME_DELAY_SECONDS", "10"))

# Password resets: so many requests per address per window, one e-mail per account per window.
FRAGOLA_PASSWORD_RESETS_PER_ADDRESS = int(env_str("FRAGOLA_PASSWORD_RESETS_PER_ADDRESS", "5"))
FRAGOLA_PASSWORD_RESET_WINDOW_SECONDS = int(env_str("FRAGOLA_PASSWORD_RESET_WINDOW_SECONDS", "900"))

# The API's calls per user (or per address before authentication), django-ninja's throttling.
FRAGOLA_API_RATE = env_str("FRAGOLA_API_RATE", "1200/min")

# Content-Security-Policy (django-csp): scripts and styles come from Fragola's own static files
# (Bootstrap and htmx are shipped as packages); the few inline scripts carry the page's nonce.
# Inline style attributes stay allowed: bars and timelines are sized by the data they show.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
INSTALLED_APPS.append("csp")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}


# --- Operations: the periodic work, the workers, /healthz -------------------------------------
# The periodic jobs ``fragola scheduler`` fires (a composition root, like ROOT_URLCONF).
FRAGOLA_SCHEDULE = "fragola.schedule.SCHEDULE"
# A worker refreshes its heartbeat this often; /healthz counts it alive for FRAGOLA_HEALTH_WORKER_
# SECONDS after its last beat, and answers 503 when no worker is alive or the oldest task waiting
# has waited longer than FRAGOLA_HEALTH_QUEUE_SECONDS.
FRAGOLA_WORKER_HEARTBEAT_SECONDS = float(env_str("FRAGOLA_WORKER_HEARTBEAT_SECONDS", "10"))
FRAGOLA_HEALTH_WORKER_SECONDS = int(env_str("FRAGOLA_HEALTH_WORKER_SECONDS", "60"))
FRAGOLA_HEALTH_QUEUE_SECONDS = int(env_str("FRAGOLA_HEALTH_QUEUE_SECONDS", "600"))
