"""An example job type from a package of its own: greets someone, in a few steps."""

from __future__ import annotations

import pydantic

from workers.engine.jobtypes import JobContext, JobResult, JobType, Params


class GreetingParams(Params):
    name: str = pydantic.Field(min_length=1, max_length=100, description="Whom to greet.")
    times: int = pydantic.Field(default=3, ge=1, le=100, description="How often to say it.")


class Greeting(JobType[GreetingParams]):
    name = "GREETING"
    feature = "Examples > Greeting"
    description = "Greets someone a few times (an example job type from a plug-in package)."
    params_model = GreetingParams

    async def run(self, ctx: JobContext, params: GreetingParams) -> JobResult:
        for n in range(params.times):
            await ctx.progress(n / params.times, f"Greeting {n + 1} of {params.times}")
        text = ", ".join([f"Hello, {params.name}"] * params.times)
        ctx.add_file("greeting.txt", text.encode(), "text/plain")
        return JobResult(summary=f"Greeted {params.name} {params.times} times.",
                         data={"times": params.times})
