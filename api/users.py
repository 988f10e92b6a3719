"""The ``User`` type: someone who submits and watches jobs."""

from __future__ import annotations

import strawberry

from api.context import Info
from workers.access.models import User as UserModel


@strawberry.type(description="Someone who submits and watches jobs.")
class User:
    id: strawberry.ID = strawberry.field(
        description="The user's id (use it in `JobFilter.userIds`)."
    )
    username: str = strawberry.field(description="The login name, unique.")
    # Known when built from a loaded row; otherwise loaded (batched) when name or role is asked.
    model: strawberry.Private[UserModel | None] = None

    @classmethod
    def from_model(cls, user: UserModel) -> User:
        return cls(id=strawberry.ID(str(user.id)), username=user.username, model=user)

    @classmethod
    def reference(cls, user_id: int, username: str) -> User:
        """A user known by id and username only (as a job snapshot carries them)."""
        return cls(id=strawberry.ID(str(user_id)), username=username)

    async def _model(self, info: Info) -> UserModel | None:
        if self.model is None:
            self.model = await info.context.loaders.users.load(int(self.id))
        return self.model

    @strawberry.field(description="The display name.")
    async def name(self, info: Info) -> str:
        user = await self._model(info)
        return user.name if user is not None else self.username

    @strawberry.field(
        description=(
            "The role's name: a built-in role (admin, teamlead, planner, analyst) or one an "
            "administrator defined; `roles` describes what each allows."
        )
    )
    async def role(self, info: Info) -> str:
        user = await self._model(info)
        return user.role if user is not None else ""
