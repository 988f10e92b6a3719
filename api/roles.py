"""The GraphQL face of roles: the ``Role`` type, the input that defines one, and its enum.

What a role allows is described in :mod:`workers.access.rights`; what it means for a given job is
decided in :mod:`api.permissions`.
"""

from __future__ import annotations

from enum import Enum

import strawberry

from workers.access import rights


@strawberry.enum(description="Whose jobs an action may touch, among the jobs the user sees.")
class ActionScope(Enum):
    NONE = strawberry.enum_value("NONE", description="Nobody's.")
    OWN = strawberry.enum_value("OWN", description="The user's own jobs only.")
    ANY = strawberry.enum_value("ANY", description="Anyone's.")

    @property
    def engine(self) -> rights.Scope:
        return rights.Scope(self.name)

    @classmethod
    def of(cls, scope: rights.Scope) -> ActionScope:
        return cls[scope.value]


SELECTORS_HELP = (
    "Job types as selectors: a type name (`REPORT`), a product area "
    "(`category:scheduling`, `category:monitoring`, `category:administration`) or `*` "
    "for every type."
)


@strawberry.type(description="A named set of rights that users are given.")
class Role:
    name: str = strawberry.field(description="Its name, e.g. `planner`.")
    description: str = strawberry.field(description="What it is for, for people.")
    built_in: bool = strawberry.field(
        description="Shipped with JobProcessor (admin, teamlead, planner, analyst): fixed."
    )
    see_job_types: list[str] = strawberry.field(
        description=f"The job types whose jobs its users see. {SELECTORS_HELP}"
    )
    submit_job_types: list[str] = strawberry.field(
        description=f"The job types its users may submit (and so see). {SELECTORS_HELP}"
    )
    see_others_jobs: bool = strawberry.field(
        description="Whether its users see other users' jobs of those types, not only their own."
    )
    cancel: ActionScope = strawberry.field(description="Whose jobs its users may cancel.")
    resubmit: ActionScope = strawberry.field(
        description="Whose jobs its users may resubmit (if they may submit the type)."
    )
    delete: ActionScope = strawberry.field(description="Whose jobs its users may delete.")
    administer: bool = strawberry.field(
        description=(
            "Whether its users administer: define and assign roles, revoke tokens, set job "
            "type policies, read the audit trail."
        )
    )
    visible_job_types: list[str] = strawberry.field(
        description="The registered job types its users see, selectors resolved."
    )

    @classmethod
    def from_definition(cls, role: rights.RoleDefinition) -> Role:
        granted = role.rights
        visible = rights.expand(granted.see_job_types | granted.submit_job_types)
        return cls(
            name=role.name,
            description=role.description,
            built_in=role.built_in,
            see_job_types=sorted(granted.see_job_types),
            submit_job_types=sorted(granted.submit_job_types),
            see_others_jobs=granted.see_others_jobs,
            cancel=ActionScope.of(granted.cancel),
            resubmit=ActionScope.of(granted.resubmit),
            delete=ActionScope.of(granted.delete),
            administer=granted.administer,
            visible_job_types=sorted(visible if visible is not None else rights.JOB_TYPES),
        )


@strawberry.input(
    description=(
        "A role to define (or redefine, by name). Everything left out is not allowed."
    )
)
class RoleInput:
    name: str = strawberry.field(
        description="1 to 64 lower-case letters, digits, `-`, `_`; not a built-in role's name."
    )
    description: str = strawberry.field(default="", description="What it is for, for people.")
    see_job_types: list[str] = strawberry.field(
        default_factory=list, description=f"Job types its users see. {SELECTORS_HELP}"
    )
    submit_job_types: list[str] = strawberry.field(
        default_factory=list,
        description=f"Job types its users may submit (and so see). {SELECTORS_HELP}",
    )
    see_others_jobs: bool = strawberry.field(
        default=False, description="Its users see other users' jobs of those types too."
    )
    cancel: ActionScope = strawberry.field(
        default=ActionScope.NONE, description="Whose jobs its users may cancel."
    )
    resubmit: ActionScope = strawberry.field(
        default=ActionScope.NONE, description="Whose jobs its users may resubmit."
    )
    delete: ActionScope = strawberry.field(
        default=ActionScope.NONE, description="Whose jobs its users may delete."
    )
    administer: bool = strawberry.field(
        default=False, description="Its users administer (roles, tokens, policies, audit)."
    )

    def to_rights(self) -> rights.RoleRights:
        return rights.RoleRights(
            see_job_types=frozenset(s.strip() for s in self.see_job_types),
            submit_job_types=frozenset(s.strip() for s in self.submit_job_types),
            see_others_jobs=self.see_others_jobs,
            cancel=self.cancel.engine,
            resubmit=self.resubmit.engine,
            delete=self.delete.engine,
            administer=self.administer,
        )
