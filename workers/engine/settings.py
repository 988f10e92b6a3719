"""Configuration, read once from the environment.

Everything JobProcessor can be told lives here, so that the CLI, the API and the
workers agree on one set of names. ``JOBPROCESSOR_REDIS_URL`` decides the mode: without
it JobProcessor is *embedded* (one process, in-process broker and events); with it,
API and worker processes are separate and share Redis and the database.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlsplit

ENV_PREFIX = "JOBPROCESSOR_"


def _env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(ENV_PREFIX + name)
    return value if value not in (None, "") else default


def _env_float(name: str, default: float) -> float:
    raw = _env(name)
    if raw is None:
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise SettingsError(f"{ENV_PREFIX}{name} must be a number, got {raw!r}") from exc


def _env_int(name: str, default: int) -> int:
    return int(_env_float(name, default))


def _env_bool(name: str, default: bool) -> bool:
    raw = _env(name)
    if raw is None:
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise SettingsError(f"{ENV_PREFIX}{name} must be 1/true/yes or 0/false/no, got {raw!r}")


def _env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    raw = (_env(name) or default).lower()
    if raw not in choices:
        raise SettingsError(f"{ENV_PREFIX}{name} must be one of {', '.join(choices)}, got {raw!r}")
    return raw


def _env_origins(name: str) -> tuple[str, ...]:
    origins = tuple(part.strip().rstrip("/") for part in (_env(name) or "").split(",")
                    if part.strip())
    for origin in origins:
        parts = urlsplit(origin)
        if origin != "*" and (parts.scheme not in ("http", "https") or not parts.netloc
                              or parts.path or parts.query):
            raise SettingsError(
                f"{ENV_PREFIX}{name}: {origin!r} is not an origin; give scheme and host "
                "(and port), e.g. https://planning.example.com, or * for any"
            )
    return origins


#: The host names a server answers by default: the machine itself.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")


def _env_hosts(name: str) -> tuple[str, ...]:
    raw = _env(name)
    if raw is None:
        return LOOPBACK_HOSTS
    hosts = tuple(part.strip().lower() for part in raw.split(",") if part.strip())
    for host in hosts:
        if "/" in host or (":" in host and not host.startswith("[")):
            raise SettingsError(
                f"{ENV_PREFIX}{name}: {host!r} is not a host name; give names without scheme "
                "or port (IPv6 in brackets), e.g. planning.example.com,*.example.com,[::1] "
                "(or * for any)"
            )
    return hosts


def _env_public_url(name: str) -> str | None:
    raw = _env(name)
    if raw is None:
        return None
    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise SettingsError(
            f"{ENV_PREFIX}{name}: {raw!r} is not a base URL; give scheme and host (and a "
            "path prefix if any), e.g. https://jobs.example.com"
        )
    return raw.rstrip("/")


def _env_role_budgets(name: str) -> tuple[tuple[str, int], ...]:
    budgets = []
    for part in (_env(name) or "").split(","):
        if not part.strip():
            continue
        role, _, value = part.partition("=")
        if not role.strip() or not value.strip().isdigit():
            raise SettingsError(
                f"{ENV_PREFIX}{name}: {part.strip()!r} is not ROLE=COST; give e.g. "
                "admin=100000,analyst=10000"
            )
        budgets.append((role.strip(), int(value)))
    return tuple(budgets)


class SettingsError(ValueError):
    """A configuration value is missing or malformed."""


@dataclass(frozen=True)
class Settings:
    """All of JobProcessor's configuration.

    Build it with :meth:`from_env`; tests use :func:`dataclasses.replace` on it.
    """

    #: Folder for the embedded SQLite database and the generated secret key.
    data_dir: Path = Path("data")
    #: Tortoise database URL; ``None`` means SQLite in ``data_dir``.
    database_url_override: str | None = None
    #: Redis URL; ``None`` means embedded mode (in-process broker and events).
    redis_url: str | None = None
    #: Prefix of every Redis key and channel, so several installations can share a Redis.
    redis_prefix: str = "jobprocessor"
    #: Dramatiq queue that carries job ids.
    queue_name: str = "jobs"
    #: Worker threads per worker process (each runs one job at a time).
    worker_threads: int = 8
    #: Seconds a running job's lease lasts without renewal before the reaper may take it back.
    lease_seconds: float = 15.0
    #: How many times a job is started before a lost worker makes it fail for good.
    max_attempts: int = 3
    #: A SUBMITTED job of a free scope whose message went out a quarter of this many seconds
    #: ago missed its wake-up and is sent again (a broker without an inventory: this long,
    #: while its queue is empty).
    redeliver_after_seconds: float = 60.0
    #: Seconds between maintenance passes (reaper, reconciler).
    maintenance_interval_seconds: float = 2.0
    #: Processed jobs older than this many days are deleted with their files.
    retention_days: float = 30.0
    #: Jobs deleted per cleanup batch.
    cleanup_batch_size: int = 500
    #: Secret used to sign download links; generated into ``data_dir`` when not given.
    secret_key: str | None = None
    #: Lifetime of a signed download link, in seconds.
    download_link_seconds: int = 3600
    #: Create demo users and data on an embedded start.
    demo: bool = True
    #: Serve GraphiQL at ``/graphql`` to browsers.
    graphiql: bool = True
    #: Answer introspection queries (GraphiQL's documentation needs them).
    introspection: bool = True
    #: Browser origins (``https://app.example.com``) allowed to call the API from another
    #: site: CORS for HTTP, the ``Origin`` check for WebSocket. ``*`` allows any.
    allowed_origins: tuple[str, ...] = ()
    #: Largest WebSocket message the server accepts, in bytes.
    ws_max_message_bytes: int = 1_048_576
    #: Offer permessage-deflate on WebSockets: less traffic, but every message is compressed
    #: once per socket (CPU per subscriber per event; events are small).
    ws_compression: bool = False
    #: Largest HTTP request body the server accepts, in bytes.
    max_request_bytes: int = 1_048_576
    #: Seconds a WebSocket client has to send ``connection_init``.
    ws_init_timeout_seconds: float = 10.0
    #: Subscriptions one WebSocket connection may run at once.
    max_subscriptions_per_connection: int = 50
    #: Seconds between two checks of the rights version (open subscriptions re-check
    #: their rights when it moves).
    rights_poll_seconds: float = 2.0
    #: The address users reach the server at (``https://jobs.example.com``): download links
    #: are built from it. ``None``: links are relative (``/files/…``), never from ``Host``.
    public_url: str | None = None
    #: Host names the server answers (``Host`` header); others get 400. ``*`` allows any.
    allowed_hosts: tuple[str, ...] = LOOPBACK_HOSTS
    #: Seconds one GraphQL request over HTTP may run before it is stopped.
    request_timeout_seconds: float = 10.0
    #: Seconds a client has to send a request's body once it sent the headers.
    body_read_timeout_seconds: float = 10.0
    #: The query cost budget of one request (see ``api/cost.py`` and docs/limits.md).
    max_query_cost: int = 25_000
    #: Budgets per role name that differ from ``max_query_cost``.
    query_cost_by_role: tuple[tuple[str, int], ...] = ()
    #: WebSocket connections one API token may hold open at once (per API process).
    max_ws_connections_per_token: int = 20
    #: Log output: ``text`` (readable) or ``json`` (one JSON object per line).
    log_format: str = "text"
    #: Bearer token ``/metrics`` asks for; without it only loopback clients may read metrics.
    metrics_token: str | None = None
    #: Seconds a worker keeps a finished job's outcome while the database is unreachable,
    #: retrying its write, before it hands the job back (without spending an attempt).
    outage_patience_seconds: float = 300.0
    #: Seconds a stopping worker (SIGTERM) lets its running jobs reach a checkpoint or
    #: finish before it hands them back.
    shutdown_grace_seconds: float = 10.0
    #: Seconds between two comparisons of waiting jobs with the broker's messages (orphans
    #: — a job waiting with no message, e.g. after Redis restarted empty — are sent again).
    reconcile_interval_seconds: float = 5.0
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls) -> Settings:
        """Read the ``JOBPROCESSOR_*`` environment variables (see the README)."""
        return cls(
            data_dir=Path(_env("DATA_DIR", "data") or "data"),
            database_url_override=_env("DATABASE_URL"),
            redis_url=_env("REDIS_URL"),
            redis_prefix=_env("REDIS_PREFIX", "jobprocessor") or "jobprocessor",
            queue_name=_env("QUEUE", "jobs") or "jobs",
            worker_threads=_env_int("WORKER_THREADS", 8),
            lease_seconds=_env_float("LEASE_SECONDS", 15.0),
            max_attempts=_env_int("MAX_ATTEMPTS", 3),
            redeliver_after_seconds=_env_float("REDELIVER_AFTER_SECONDS", 60.0),
            maintenance_interval_seconds=_env_float("MAINTENANCE_INTERVAL_SECONDS", 2.0),
            retention_days=_env_float("RETENTION_DAYS", 30.0),
            cleanup_batch_size=_env_int("CLEANUP_BATCH_SIZE", 500),
            secret_key=_env("SECRET_KEY"),
            download_link_seconds=_env_int("DOWNLOAD_LINK_SECONDS", 3600),
            demo=(_env("DEMO", "1") or "1").lower() not in ("0", "false", "no"),
            graphiql=_env_bool("GRAPHIQL", True),
            introspection=_env_bool("INTROSPECTION", True),
            allowed_origins=_env_origins("ALLOWED_ORIGINS"),
            ws_max_message_bytes=_env_int("WS_MAX_MESSAGE_BYTES", 1_048_576),
            ws_compression=_env_bool("WS_COMPRESSION", False),
            max_request_bytes=_env_int("MAX_REQUEST_BYTES", 1_048_576),
            ws_init_timeout_seconds=_env_float("WS_INIT_TIMEOUT_SECONDS", 10.0),
            max_subscriptions_per_connection=_env_int("MAX_SUBSCRIPTIONS_PER_CONNECTION", 50),
            rights_poll_seconds=_env_float("RIGHTS_POLL_SECONDS", 2.0),
            public_url=_env_public_url("PUBLIC_URL"),
            allowed_hosts=_env_hosts("ALLOWED_HOSTS"),
            request_timeout_seconds=_env_float("REQUEST_TIMEOUT_SECONDS", 10.0),
            body_read_timeout_seconds=_env_float("BODY_READ_TIMEOUT_SECONDS", 10.0),
            max_query_cost=_env_int("MAX_QUERY_COST", 25_000),
            query_cost_by_role=_env_role_budgets("QUERY_COST_BY_ROLE"),
            max_ws_connections_per_token=_env_int("MAX_WS_CONNECTIONS_PER_TOKEN", 20),
            log_format=_env_choice("LOG_FORMAT", ("text", "json"), "text"),
            metrics_token=_env("METRICS_TOKEN"),
            outage_patience_seconds=_env_float("OUTAGE_PATIENCE_SECONDS", 300.0),
            shutdown_grace_seconds=_env_float("SHUTDOWN_GRACE_SECONDS", 10.0),
            reconcile_interval_seconds=_env_float("RECONCILE_INTERVAL_SECONDS", 5.0),
        )

    @property
    def embedded(self) -> bool:
        """True when no Redis is configured: broker, workers and events live in one process."""
        return self.redis_url is None

    @property
    def database_url(self) -> str:
        """The Tortoise URL of the database (SQLite in ``data_dir`` by default)."""
        if self.database_url_override:
            return self.database_url_override
        return f"sqlite://{(self.data_dir / 'jobprocessor.sqlite3').resolve()}"

    @property
    def dialect(self) -> str:
        """``"postgres"`` or ``"sqlite"``, from the database URL's scheme."""
        scheme = self.database_url.split(":", 1)[0]
        if scheme in ("postgres", "postgresql", "asyncpg", "psycopg"):
            return "postgres"
        if scheme == "sqlite":
            return "sqlite"
        raise SettingsError(
            f"{ENV_PREFIX}DATABASE_URL must start with postgres:// or sqlite://, got {scheme}://"
        )

    def resolved_secret_key(self) -> str:
        """The signing secret: configured, or (embedded) generated once and kept in ``data_dir``.

        Raises:
            SettingsError: distributed mode without ``JOBPROCESSOR_SECRET_KEY``.
        """
        if self.secret_key:
            return self.secret_key
        if not self.embedded:
            raise SettingsError(
                f"{ENV_PREFIX}SECRET_KEY must be set in distributed mode: every API process "
                "signs download links, and a link from one must work on the others"
            )
        path = self.data_dir / "secret_key"
        if path.exists():
            return path.read_text().strip()
        if not self.data_dir.exists():
            self.data_dir.mkdir(parents=True, mode=0o700)
        key = secrets.token_urlsafe(48)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(key)
        return key

    def query_cost_budget(self, role: str | None) -> int:
        """The query cost budget of a request by a user of ``role``."""
        return dict(self.query_cost_by_role).get(role or "", self.max_query_cost)

    def with_overrides(self, **changes: object) -> Settings:
        """A copy with some values changed (used by tests and the CLI)."""
        return replace(self, **changes)  # type: ignore[arg-type]
