"""Query cost: what a request would make the server do, counted before it runs.

Depth, aliases and tokens bound a document's *shape*; they do not bound its *work*: a page
of 200 jobs that selects each job's original and that original's audit trail asks for
200 x 500 rows. The cost counts every object the answer would hold (a job, a user, an
edge; scalar fields are free), multiplying each list field's size through the selection
set beneath it:

* a page (``jobs(first: 200)``, ``employees``, ``auditEvents`` …): its ``first``, through
  its ``edges`` or ``nodes``;
* a bulk mutation (``cancelJobs(ids: […])``): the number of ids;
* ``Job.events(last: …)``: ``last``;
* every other list: the documented maximum in :data:`LIST_SIZES`.

Where a selection depends on the runtime type (``... on Job``), the dearest member
counts. A request whose cost exceeds its budget (``JOBPROCESSOR_MAX_QUERY_COST``, per
role ``JOBPROCESSOR_QUERY_COST_BY_ROLE``) is refused with ``QUERY_TOO_COSTLY`` before
any resolver runs, saying the cost, the budget and by how much. docs/limits.md lists
the maxima.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    build_schema,
    get_argument_values,
    get_named_type,
    get_nullable_type,
    get_operation_ast,
    get_variable_values,
    is_abstract_type,
    is_composite_type,
    is_list_type,
)
from strawberry.extensions import SchemaExtension
from strawberry.schema import BaseSchema

from workers.wfm.scheduling.problem import RuleKind

QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"


@dataclass(frozen=True)
class Page:
    """The list holds as many items as the enclosing field's ``first`` asks for."""


@dataclass(frozen=True)
class ArgumentLength:
    """The list holds one item per element of the field's list argument ``name``."""

    name: str


@dataclass(frozen=True)
class ArgumentValue:
    """The list holds at most the field's integer argument ``name`` items."""

    name: str


ListSize = int | Page | ArgumentLength | ArgumentValue

#: The most items each list field of the schema answers (``Type.field``). A test fails
#: when a list field has no entry, so every new list gets a documented maximum.
LIST_SIZES: dict[str, ListSize] = {
    "JobConnection.edges": Page(),
    "AuditEventConnection.edges": Page(),
    "EmployeePage.nodes": Page(),
    "ShiftPage.nodes": Page(),
    "TargetWorkAccountPage.nodes": Page(),
    "Mutation.cancelJobs": ArgumentLength("ids"),
    "Mutation.resubmitJobs": ArgumentLength("ids"),
    "Mutation.deleteJobs": ArgumentLength("ids"),
    "MatchingJobsCancelled.results": 2_000,
    "MatchingJobsResubmitted.results": 2_000,
    "MatchingJobsDeleted.results": 2_000,
    "Job.events": ArgumentValue("last"),
    "JobResult.figures": 20,
    "JobResult.files": 20,
    "Query.jobTypes": 50,
    "Query.users": 500,
    "Query.roles": 100,
    "Query.planningPeriods": 50,
    "PlanningPeriod.levels": 20,
    "Query.activities": 100,
    "Query.shiftTemplates": 200,
    "Query.shiftSequences": 100,
    "ShiftSequence.days": 14,
    "Query.staffing": 100,
    "ActivityStaffing.intervals": 96,
    "Shift.segments": 10,
    "TargetWorkAccount.weeks": 60,
    "JobStatistics.finishedPerHour": 31 * 24,
    "JobStatistics.runTimes": 50,
    "Query.queues": 50,
    "Query.workers": 200,
    "PeriodRules.modes": len(RuleKind),
    "PeriodRules.coverWeights": 100,
}


class QueryTooCostlyError(GraphQLError):
    """The request's cost exceeds its budget."""

    def __init__(self, cost: int, budget: int) -> None:
        super().__init__(
            f"This request would cost {cost} (each object in the answer counts 1, multiplied "
            f"by the size of every list around it) and the budget is {budget}: "
            f"{cost - budget} over. Ask for smaller pages (`first`), fewer ids or fewer "
            "nested lists (e.g. a job's `events` only in `job(id:)`).",
            extensions={"code": QUERY_TOO_COSTLY, "cost": cost, "budget": budget,
                        "over": cost - budget},
        )


class _Counter:
    def __init__(self, schema: GraphQLSchema, document: DocumentNode,
                 variables: Any) -> None:
        self.schema = schema
        self.variables = variables
        self.fragments = {
            d.name.value: d for d in document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }
        self.memo: dict[tuple[int, str, int], int] = {}

    def selection_cost(self, parent: Any, selection_set: SelectionSetNode, page: int) -> int:
        """The cost of ``selection_set`` on ``parent`` (the dearest runtime type)."""
        key = (id(selection_set), parent.name, page)
        if key in self.memo:
            return self.memo[key]
        self.memo[key] = 0  # a fragment cycle (refused by validation anyway) costs nothing
        runtime = (self.schema.get_possible_types(parent) if is_abstract_type(parent)
                   else [parent])
        cost = max((sum(self._costs(t, selection_set, page)) for t in runtime), default=0)
        self.memo[key] = cost
        return cost

    def _costs(self, runtime: GraphQLObjectType, selection_set: SelectionSetNode,
               page: int) -> Iterator[int]:
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                yield self._field_cost(runtime, selection, page)
                continue
            if isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is None:
                    continue
                condition, inner = fragment.type_condition.name.value, fragment.selection_set
            else:
                assert isinstance(selection, InlineFragmentNode)
                condition = (selection.type_condition.name.value
                             if selection.type_condition else runtime.name)
                inner = selection.selection_set
            if self._applies(condition, runtime):
                yield sum(self._costs(runtime, inner, page))

    def _applies(self, condition: str, runtime: GraphQLObjectType) -> bool:
        if condition == runtime.name:
            return True
        named = self.schema.get_type(condition)
        return named is not None and is_abstract_type(named) and self.schema.is_sub_type(
            named, runtime
        )

    def _field_cost(self, parent: GraphQLObjectType, node: FieldNode, page: int) -> int:
        name = node.name.value
        field = parent.fields.get(name)
        if field is None or name.startswith("__"):
            return 1  # introspection: the schema's size, not the data's
        try:
            args = get_argument_values(field, node, self.variables)
        except GraphQLError:
            args = {}  # execution reports it
        first = args.get("first")
        inner_page = first if isinstance(first, int) else page
        size = 1
        if is_list_type(get_nullable_type(field.type)) and is_composite_type(
            get_named_type(field.type)
        ):
            size = self._list_size(f"{parent.name}.{name}", args, page)
        named = get_named_type(field.type)
        inner = 0
        if node.selection_set is not None and is_composite_type(named):
            inner = self.selection_cost(named, node.selection_set, max(inner_page, 1))
        own = 1 if is_composite_type(named) else 0
        return max(size, 0) * (own + inner)

    @staticmethod
    def _list_size(key: str, args: dict[str, Any], page: int) -> int:
        rule = LIST_SIZES.get(key, 100)
        if isinstance(rule, int):
            return rule
        if isinstance(rule, Page):
            return page
        value = args.get(rule.name)
        if isinstance(rule, ArgumentLength):
            return len(value) if isinstance(value, list) else 1
        return value if isinstance(value, int) else 1


def query_cost(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None,
               variables: Mapping[str, Any] | None) -> int | None:
    """The cost of the operation ``operation_name`` of a *valid* ``document``.

    ``None`` when the variables do not fit their definitions (execution then says why).
    """
    operation = get_operation_ast(document, operation_name)
    if not isinstance(operation, OperationDefinitionNode):
        return None
    coerced = get_variable_values(
        schema, operation.variable_definitions or (), dict(variables or {}), max_errors=1
    )
    if isinstance(coerced, list):
        return None
    root = schema.get_root_type(operation.operation)
    if root is None:
        return None
    return _Counter(schema, document, coerced).selection_cost(root, operation.selection_set, 1)


_BUILT: dict[int, GraphQLSchema] = {}


def graphql_schema(schema: BaseSchema) -> GraphQLSchema:
    """graphql-core's schema of a Strawberry schema, built once from its SDL (public API)."""
    built = _BUILT.get(id(schema))
    if built is None:
        built = _BUILT[id(schema)] = build_schema(schema.as_str())
    return built


class CostLimit(SchemaExtension):
    """Refuses an operation whose :func:`query_cost` exceeds the viewer's budget.

    Runs after validation (the document is known to fit the schema), before execution.
    """

    def on_execute(self) -> Iterator[None]:
        context = self.execution_context
        request_context = context.context
        settings = getattr(request_context, "settings", None)
        document = context.graphql_document
        if settings is not None and document is not None:
            viewer = getattr(request_context, "user", None)
            budget = settings.query_cost_budget(viewer.role.name if viewer else None)
            cost = query_cost(graphql_schema(context.schema), document,
                              context.operation_name, context.variables)
            if cost is not None and cost > budget:
                raise QueryTooCostlyError(cost, budget)
        yield
