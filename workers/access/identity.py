"""Who is calling: users and their API tokens.

Tokens are random strings shown once; only their SHA-256 digest is stored, so a leaked
database does not leak usable tokens. Rights are decided elsewhere, from the user's role
(:mod:`workers.access.rights`, :mod:`api.permissions`).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from tortoise.exceptions import IntegrityError

from workers.access import administration, rights
from workers.access.models import ApiToken, User
from workers.engine.errors import JobProcessorError

TOKEN_PREFIX = "jp_"
#: The built-in roles (:mod:`workers.access.rights` defines them; administrators may add more).
ROLES = rights.BUILT_IN_ROLE_NAMES


class UserExistsError(JobProcessorError):
    """A user with this username already exists."""


class UnknownUserError(JobProcessorError):
    """No user has this username."""


def digest(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


async def create_user(
    username: str, *, name: str = "", role: str = "planner", actor_id: int | None = None
) -> tuple[User, str]:
    """Create a user with a first token; returns the user and the token (shown once).

    Args:
        role: a built-in role or one an administrator defined.
        actor_id: the administrator creating the user (``None``: the command line).

    Raises:
        UserExistsError: the username is taken.
        ValueError: the username or role is not acceptable.
    """
    username = username.strip()
    if not username or len(username) > 64 or any(ch.isspace() for ch in username):
        raise ValueError("a username is 1 to 64 characters without spaces")
    if await rights.role_named(role) is None:
        raise ValueError(
            f"unknown role {role!r}; the built-in roles are {', '.join(ROLES)} "
            "(`jobprocessor roles list` shows all)"
        )
    try:
        user = await User.create(username=username, name=name or username, role=role)
    except IntegrityError as exc:
        raise UserExistsError(f"user {username!r} already exists") from exc
    await administration.record_admin_event("USER_CREATED", username, actor_id=actor_id,
                                    message=f"role {role}")
    token = await issue_token(user)
    return user, token


async def issue_token(user: User, label: str = "") -> str:
    """A new token for ``user`` (the user's other tokens keep working)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    await ApiToken.create(user=user, digest=digest(token), label=label)
    return token


async def revoke_tokens(username: str, *, actor_id: int | None = None) -> int:
    """Revoke every token of ``username``; returns how many were revoked.

    Requests with them are refused from now on, and open WebSocket subscriptions that
    authenticated with them end at the next rights check (see :mod:`api.rights_watch`).

    Raises:
        UnknownUserError: no such user.
    """
    user = await User.get_or_none(username=username)
    if user is None:
        raise UnknownUserError(f"no user {username!r}")
    count = await ApiToken.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=datetime.now(UTC)
    )
    await administration.record_admin_event("TOKENS_REVOKED", username, actor_id=actor_id,
                                    message=f"{count} token(s)")
    return count


async def token_generation(user_id: int) -> int:
    """How many of the user's tokens were revoked: it only grows, and every
    :func:`revoke_tokens` that stops a token moves it. Download links are signed with it,
    so revoking a user's tokens also revokes the links made for them."""
    return await ApiToken.filter(user_id=user_id, revoked_at__isnull=False).count()


async def authenticate(token: str | None) -> User | None:
    """The active user a token belongs to, or ``None`` for a missing, unknown or revoked token."""
    if not token:
        return None
    return await user_of_digest(digest(token))


async def user_of_digest(token_digest: str) -> User | None:
    """The active user whose valid token has this digest (re-checks a connection's token)."""
    row = await ApiToken.filter(
        digest=token_digest, revoked_at__isnull=True, user__is_active=True
    ).select_related("user").first()
    return row.user if row is not None else None


def bearer_token(header: str | None) -> str | None:
    """The token in an ``Authorization: Bearer …`` header value, if any."""
    if not header:
        return None
    scheme, _, value = header.strip().partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return None
    return value.strip()
