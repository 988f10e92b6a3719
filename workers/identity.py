"""Who is calling: users and their API tokens.

Tokens are random strings shown once; only their SHA-256 digest is stored, so a leaked
database does not leak usable tokens. Rights are decided elsewhere, from the user's role.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from tortoise.exceptions import IntegrityError

from workers.errors import JobProcessorError
from workers.models import ApiToken, User

TOKEN_PREFIX = "jp_"
#: Built-in roles (their rights are defined with the rights model).
ROLES = ("admin", "teamlead", "planner", "analyst")


class UserExistsError(JobProcessorError):
    """A user with this username already exists."""


class UnknownUserError(JobProcessorError):
    """No user has this username."""


def digest(token: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(token.encode()).hexdigest()


async def create_user(
    username: str, *, name: str = "", role: str = "planner"
) -> tuple[User, str]:
    """Create a user with a first token; returns the user and the token (shown once).

    Raises:
        UserExistsError: the username is taken.
        ValueError: the username or role is not acceptable.
    """
    username = username.strip()
    if not username or len(username) > 64 or any(ch.isspace() for ch in username):
        raise ValueError("a username is 1 to 64 characters without spaces")
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; choose one of {', '.join(ROLES)}")
    try:
        user = await User.create(username=username, name=name or username, role=role)
    except IntegrityError as exc:
        raise UserExistsError(f"user {username!r} already exists") from exc
    token = await issue_token(user)
    return user, token


async def issue_token(user: User, label: str = "") -> str:
    """A new token for ``user`` (the user's other tokens keep working)."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    await ApiToken.create(user=user, digest=digest(token), label=label)
    return token


async def revoke_tokens(username: str) -> int:
    """Revoke every token of ``username``; returns how many were revoked.

    Raises:
        UnknownUserError: no such user.
    """
    user = await User.get_or_none(username=username)
    if user is None:
        raise UnknownUserError(f"no user {username!r}")
    return await ApiToken.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=datetime.now(UTC)
    )


async def authenticate(token: str | None) -> User | None:
    """The active user a token belongs to, or ``None`` for a missing, unknown or revoked token."""
    if not token:
        return None
    row = await ApiToken.filter(
        digest=digest(token), revoked_at__isnull=True, user__is_active=True
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
