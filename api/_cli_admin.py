"""The administration commands of ``jobprocessor``: roles, role assignment, job type policies.

They do what the GraphQL administration mutations do (:mod:`api.admin`), for whoever runs
the command on a machine with the database's credentials; the audit trail records them
without an actor.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from api._cli_checks import CliError, database
from workers.engine.settings import Settings

Handler = Callable[[argparse.Namespace, Settings], int]
Command = Callable[[str, str, str, Handler], argparse.ArgumentParser]
Runner = Callable[[Callable[[argparse.Namespace, Settings], object]], Handler]

SCOPES = ("none", "own", "any")
SELECTOR_HELP = ("a job type (REPORT), an area (category:scheduling, category:monitoring, "
                 "category:administration) or * for all; repeat the option for more")


# --------------------------------------------------------------------------- roles


async def _roles_list(args: argparse.Namespace, settings: Settings) -> int:
    from workers.access import rights

    async with database(settings):
        roles = await rights.list_roles()
    width = max(len(role.name) for role in roles)
    for role in roles:
        kind = "built-in" if role.built_in else "defined"
        print(f"{role.name:<{width}}  {kind:<8}  {rights.describe(role.rights)}")
    return 0


async def _roles_define(args: argparse.Namespace, settings: Settings) -> int:
    from workers.access import administration, rights

    granted = rights.RoleRights(
        see_job_types=frozenset(args.see or ()),
        submit_job_types=frozenset(args.submit or ()),
        see_others_jobs=args.see_others,
        cancel=rights.Scope(args.cancel.upper()),
        resubmit=rights.Scope(args.resubmit.upper()),
        delete=rights.Scope(args.delete.upper()),
        administer=args.administer,
    )
    async with database(settings):
        try:
            role = await administration.define_role(args.name, description=args.description,
                                            rights=granted, actor_id=None)
        except rights.RightsError as exc:
            raise CliError(exc.message) from exc
    print(f"Defined role {role.name}: {rights.describe(role.rights)}")
    return 0


async def _roles_delete(args: argparse.Namespace, settings: Settings) -> int:
    from workers.access import administration, rights

    async with database(settings):
        try:
            await administration.delete_role(args.name, actor_id=None)
        except rights.RightsError as exc:
            raise CliError(exc.message) from exc
    print(f"Deleted role {args.name}.")
    return 0


def add_roles_command(command: Command, run: Runner) -> None:
    """``jobprocessor roles list|define|delete``."""
    roles = command(
        "roles", "List, define and delete roles.",
        "A role says which job types its users see and submit, whether they see other\n"
        "users' jobs, whose jobs they may cancel, resubmit and delete, and whether they\n"
        "administer. admin, teamlead, planner and analyst are built in; define more here\n"
        "and give them with `jobprocessor users assign USERNAME ROLE`.",
        run(_roles_list))
    actions = roles.add_subparsers(dest="roles_command", metavar="ACTION", required=True)
    actions.add_parser("list", help="list every role and what it allows",
                       description="List every role and what it allows.",
                       ).set_defaults(handler=run(_roles_list))
    define = actions.add_parser(
        "define", help="define a role, or change one defined before",
        description="Define a role, or replace the rights of a role defined before. "
                    "Anything not given is not allowed.")
    define.add_argument("name", help="lower-case letters, digits, - and _")
    define.add_argument("--description", default="", help="what the role is for")
    define.add_argument("--see", action="append", metavar="SELECTOR",
                        help=f"job types whose jobs its users see: {SELECTOR_HELP}")
    define.add_argument("--submit", action="append", metavar="SELECTOR",
                        help=f"job types its users may submit (and see): {SELECTOR_HELP}")
    define.add_argument("--see-others", action="store_true",
                        help="its users see other users' jobs of those types too")
    for action in ("cancel", "resubmit", "delete"):
        define.add_argument(f"--{action}", choices=SCOPES, default="none",
                            help=f"whose jobs its users may {action} (default none)")
    define.add_argument("--administer", action="store_true",
                        help="its users administer: roles, tokens, policies, audit trail")
    define.set_defaults(handler=run(_roles_define))
    delete = actions.add_parser("delete", help="delete a role nobody has",
                                description="Delete a defined role that no user has.")
    delete.add_argument("name")
    delete.set_defaults(handler=run(_roles_delete))


# --------------------------------------------------------------------------- users assign


async def _users_assign(args: argparse.Namespace, settings: Settings) -> int:
    from workers.access import administration, rights
    from workers.access.models import User

    async with database(settings):
        user = await User.get_or_none(username=args.username)
        if user is None:
            raise CliError(f"no user {args.username!r}; `jobprocessor users list` shows them")
        try:
            await administration.assign_role(user, args.role, actor_id=None)
        except rights.RightsError as exc:
            raise CliError(exc.message) from exc
    print(f"{args.username} now has the role {args.role}.")
    return 0


def add_assign_command(user_commands: argparse._SubParsersAction, run: Runner) -> None:
    """``jobprocessor users assign USERNAME ROLE``."""
    assign = user_commands.add_parser(
        "assign", help="give a user a role (their rights change at once)",
        description="Give a user a role. Their rights change at once, also on open "
                    "connections (within JOBPROCESSOR_RIGHTS_POLL_SECONDS).")
    assign.add_argument("username")
    assign.add_argument("role", help="a built-in role or one from `jobprocessor roles list`")
    assign.set_defaults(handler=run(_users_assign))


# --------------------------------------------------------------------------- policies


async def _policies_list(args: argparse.Namespace, settings: Settings) -> int:
    from workers.access import policies

    async with database(settings):
        found = await policies.all_policies()
    width = max((len(name) for name in found), default=8)
    for name, policy in found.items():
        choice = "users may choose" if policy.allow_override else "users may not choose"
        print(f"{name:<{width}}  {policy.describe()}; {choice}")
    return 0


async def _policies_set(args: argparse.Namespace, settings: Settings) -> int:
    from workers.access import policies
    from workers.engine.errors import UnknownJobTypeError

    async with database(settings):
        try:
            policy = await policies.set_policy(
                policies.StartPolicy(
                    job_type=args.job_type,
                    start=policies.StartBehaviour(args.start.upper()),
                    delay_minutes=args.delay_minutes,
                    time_of_day=policies.parse_time_of_day(args.time),
                    timezone=args.timezone,
                    allow_override=args.allow_override,
                ),
                actor_id=None,
            )
        except (UnknownJobTypeError, policies.PolicyError) as exc:
            raise CliError(str(exc)) from exc
    choice = "users may choose" if policy.allow_override else "users may not choose"
    print(f"{policy.job_type} jobs now {policy.describe()}; {choice}.")
    return 0


def add_policies_command(command: Command, run: Runner) -> None:
    """``jobprocessor policies list|set``."""
    found = command(
        "policies", "Show and set how each job type's jobs start.",
        "Per job type: start immediately, a delay after submission, or daily at a time;\n"
        "and whether users may choose their own start time when submitting.",
        run(_policies_list))
    actions = found.add_subparsers(dest="policies_command", metavar="ACTION", required=True)
    actions.add_parser("list", help="show every job type's policy",
                       description="Show every job type's policy.",
                       ).set_defaults(handler=run(_policies_list))
    change = actions.add_parser("set", help="set a job type's policy",
                                description="Set how a job type's jobs start.")
    change.add_argument("job_type", help="e.g. REPORT")
    change.add_argument("--start", choices=("immediately", "delayed", "daily_at"),
                        default="immediately", help="default start (default immediately)")
    change.add_argument("--delay-minutes", type=int, default=0,
                        help="for --start delayed: minutes after submission")
    change.add_argument("--time", help="for --start daily_at: HH:MM")
    change.add_argument("--timezone", default="UTC",
                        help="for --start daily_at: IANA timezone (default UTC)")
    change.add_argument("--no-override", dest="allow_override", action="store_false",
                        help="users may not choose their own start time")
    change.set_defaults(handler=run(_policies_set))
