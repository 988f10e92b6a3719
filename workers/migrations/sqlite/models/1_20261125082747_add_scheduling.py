from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "wfm_skill" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(50) NOT NULL UNIQUE,
    "description" VARCHAR(200) NOT NULL
) /* A skill an activity may require (``Employee.skills`` holds skill names). */;
        CREATE TABLE IF NOT EXISTS "wfm_shift_template" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(20) NOT NULL UNIQUE,
    "name" VARCHAR(100) NOT NULL,
    "start_minute" INT NOT NULL,
    "end_minute" INT NOT NULL,
    "break_start_minute" INT /* When the break starts (none: no break). */,
    "break_minutes" INT NOT NULL
) /* A shift's shape: start, end and break, in minutes after midnight (15-minute steps). */;
        CREATE TABLE IF NOT EXISTS "wfm_planning_period" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL UNIQUE,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "created_at" TIMESTAMP NOT NULL
) /* The stretch of days a schedule is made for (both ends included), e.g. four weeks. */;
        CREATE TABLE IF NOT EXISTS "wfm_shift_sequence" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL UNIQUE,
    "description" VARCHAR(500) NOT NULL,
    "pattern" JSON NOT NULL
) /* A repeating shift pattern (rotation), e.g. five early shifts, two days off. */;
        CREATE TABLE IF NOT EXISTS "wfm_absence" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "reason" VARCHAR(100) NOT NULL,
    "employee_id" INT NOT NULL REFERENCES "wfm_employee" ("id") ON DELETE CASCADE
) /* Days an employee cannot be scheduled (vacation, training, illness), both ends included. */;
CREATE INDEX IF NOT EXISTS "idx_wfm_absence_employe_7eb5de" ON "wfm_absence" ("employee_id", "start_date");
        CREATE TABLE IF NOT EXISTS "wfm_activity" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(20) NOT NULL UNIQUE,
    "name" VARCHAR(100) NOT NULL,
    "color" VARCHAR(7) NOT NULL /* Colour in charts and schedule views, e.g. ``#1f77b4``. */,
    "required_skill_id" INT REFERENCES "wfm_skill" ("id") ON DELETE RESTRICT /* The skill an employee needs for this activity (none: anyone may do it). */
) /* Work that demand is forecast for and shifts are planned for, e.g. answering phones. */;
        CREATE TABLE IF NOT EXISTS "wfm_demand" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "date" DATE NOT NULL,
    "required" JSON NOT NULL,
    "activity_id" INT NOT NULL REFERENCES "wfm_activity" ("id") ON DELETE CASCADE,
    "period_id" INT NOT NULL REFERENCES "wfm_planning_period" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_wfm_demand_period__92c468" UNIQUE ("period_id", "activity_id", "date")
) /* How many people one activity needs on one day, per 15-minute interval. */;
        CREATE TABLE IF NOT EXISTS "wfm_schedule_level" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "description" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "period_id" INT NOT NULL REFERENCES "wfm_planning_period" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_wfm_schedul_period__6fc00e" UNIQUE ("period_id", "name")
) /* One version of a period's schedule (e.g. "Base", "Draft"), holding its shifts. */;
        CREATE TABLE IF NOT EXISTS "wfm_lottery_award" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* ``UNPOPULAR`` or ``POPULAR``: fairness is counted per kind. */,
    "level_id" INT NOT NULL,
    "date" DATE NOT NULL,
    "template_id" INT,
    "job_id" INT NOT NULL /* The lottery job, and the seed it drew with (so the draw can be reproduced). */,
    "seed" BIGINT NOT NULL,
    "awarded_at" TIMESTAMP NOT NULL,
    "employee_id" INT NOT NULL REFERENCES "wfm_employee" ("id") ON DELETE CASCADE
) /* One shift an employee got in a shift lottery: the tally that keeps draws fair over time. */;
CREATE INDEX IF NOT EXISTS "idx_wfm_lottery_kind_f4066d" ON "wfm_lottery_award" ("kind", "employee_id");
        CREATE TABLE IF NOT EXISTS "wfm_shift" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "date" DATE NOT NULL,
    "start_minute" INT NOT NULL,
    "end_minute" INT NOT NULL,
    "segments" JSON NOT NULL,
    "locked" INT NOT NULL /* Fixed by a planner: jobs that re-plan a level leave it as it is. */,
    "created_by_job_id" INT /* The job that created it (none: demo data or a planner). */,
    "employee_id" INT REFERENCES "wfm_employee" ("id") ON DELETE SET NULL,
    "level_id" INT NOT NULL REFERENCES "wfm_schedule_level" ("id") ON DELETE CASCADE,
    "template_id" INT REFERENCES "wfm_shift_template" ("id") ON DELETE SET NULL /* The template it was made from (none: drawn by hand). */
) /* A shift on one day of a level: assigned to an employee, or open (no employee yet). */;
CREATE INDEX IF NOT EXISTS "idx_wfm_shift_level_i_7f02f5" ON "wfm_shift" ("level_id", "date");
CREATE INDEX IF NOT EXISTS "idx_wfm_shift_level_i_951641" ON "wfm_shift" ("level_id", "employee_id", "date");
        CREATE TABLE IF NOT EXISTS "wfm_target_work_account" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "opening_hours" REAL NOT NULL,
    "target_hours" REAL NOT NULL,
    "planned_hours" REAL NOT NULL,
    "balance_hours" REAL NOT NULL,
    "weeks" JSON NOT NULL,
    "calculated_at" TIMESTAMP NOT NULL,
    "job_id" INT /* The job that calculated it. */,
    "employee_id" INT NOT NULL REFERENCES "wfm_employee" ("id") ON DELETE CASCADE,
    "level_id" INT NOT NULL REFERENCES "wfm_schedule_level" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_wfm_target__employe_f4dfd5" UNIQUE ("employee_id", "level_id")
) /* An employee's account for one schedule level, as last calculated. */;
        ALTER TABLE "jp_job" ADD "scope" VARCHAR(64) /* What the job works on, e.g. ``level:42``: jobs of one scope never run at the same */;
        ALTER TABLE "wfm_employee" ADD "time_account_hours" REAL NOT NULL DEFAULT 0 /* Balance of the target work account carried into planning (hours; negative = owed). */;
        ALTER TABLE "wfm_employee" ADD "max_consecutive_days" INT NOT NULL DEFAULT 5 /* Most working days in a row. */;
        ALTER TABLE "wfm_employee" ADD "available_until_minute" INT NOT NULL DEFAULT 1440 /* Latest shift end, in minutes after midnight (1440 = midnight). */;
        ALTER TABLE "wfm_employee" ADD "min_rest_minutes" INT NOT NULL DEFAULT 660 /* Least rest between the end of one shift and the start of the next, in minutes. */;
        ALTER TABLE "wfm_employee" ADD "available_weekdays" INT NOT NULL DEFAULT 127 /* Weekdays the employee can work, as a bit mask (bit 0 = Monday … bit 6 = Sunday). */;
        ALTER TABLE "wfm_employee" ADD "available_from_minute" INT NOT NULL DEFAULT 0 /* Earliest shift start, in minutes after midnight. */;
        CREATE INDEX IF NOT EXISTS "idx_jp_job_scope_228b9a" ON "jp_job" ("scope", "status");
        -- Written by hand (Tortoise models cannot declare it): one running job per scope.
        CREATE UNIQUE INDEX IF NOT EXISTS "uid_jp_job_scope_running" ON "jp_job" ("scope") WHERE "status" IN ('RUNNING', 'CANCELLING');"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "uid_jp_job_scope_running";
        DROP INDEX IF EXISTS "idx_jp_job_scope_228b9a";
        ALTER TABLE "jp_job" DROP COLUMN "scope";
        ALTER TABLE "wfm_employee" DROP COLUMN "time_account_hours";
        ALTER TABLE "wfm_employee" DROP COLUMN "max_consecutive_days";
        ALTER TABLE "wfm_employee" DROP COLUMN "available_until_minute";
        ALTER TABLE "wfm_employee" DROP COLUMN "min_rest_minutes";
        ALTER TABLE "wfm_employee" DROP COLUMN "available_weekdays";
        ALTER TABLE "wfm_employee" DROP COLUMN "available_from_minute";
        DROP TABLE IF EXISTS "wfm_shift";
        DROP TABLE IF EXISTS "wfm_shift_template";
        DROP TABLE IF EXISTS "wfm_shift_sequence";
        DROP TABLE IF EXISTS "wfm_absence";
        DROP TABLE IF EXISTS "wfm_planning_period";
        DROP TABLE IF EXISTS "wfm_lottery_award";
        DROP TABLE IF EXISTS "wfm_target_work_account";
        DROP TABLE IF EXISTS "wfm_skill";
        DROP TABLE IF EXISTS "wfm_activity";
        DROP TABLE IF EXISTS "wfm_schedule_level";
        DROP TABLE IF EXISTS "wfm_demand";"""


MODELS_STATE = (
    "eJztXet32kiW/1fqsB/inCUeh/iRJTNzDrZJxz2O7bXx9PQ0faBABagtSrQeJkxv/ve9t0"
    "ovpOIhQCBofUmMVLdK+t1S1X3XH6WhqTHDPq6N9Ib5wnipSv4ocTpk8EfiXpmU6GgU3sEL"
    "Du0YovFvoxYd6S0naNmxHYt2HbjXo4bN4JLG7K6ljxzdxHFKNU5qDzdEUByTe25MiO7Y5O"
    "lL7V3l7Jxoep/ZDtFtYjumxbRPxBkw2RrbMaMn7g3MMScm77JjHFUzuzCszvtZDeBy/XeX"
    "wWv2GbS2YJhffoXLOtfYN2b7P0cvrZ7ODG0KTl3DDsT1ljMZiWs33PksGuKzd1pd03CHPG"
    "w8mjgDkwetde7g1T7jzKIOw+4dy0VouWsYHid8tOWThk3kI0ZoNNajroEMQmr5AOG1Uqt1"
    "d99oPdUbrVYpwTyfIgK3d6lrcmQ8PKot3r6Pj/Cu8v704vTjh/PTj9BEPGZw5eK7HDoERh"
    "IKeO4ape/iPnWobCEwDkGVTEwCezWglhrZkCKGLjx2HF0fy/zCO6TfWgbjfWcAP89P52D5"
    "z9rj1Zfa49H56Vsc0ISPU365d96diriFcIfwwlszIw26AcFmwPUvhOiGi0kAZWkr4L4/OV"
    "kCXWg1E15xbxrfrsUQjRZVTOFruOPoQ6YGepoyhrbmkR77f2SFfZZTG15Qw0Xb+6TmgN+4"
    "+Vp/atS+PuBwQ9v+3RD41Rp1vFMRVyexq0fnMT4FnZCfbhpfCP4k/76/qwt4TdvpW2LEsF"
    "3j3yV8Juo6Zoub4xbVIl+/f9VHbYrrFnuFXWYVrk9TboDr3uPmhel7wmQfk7lcdm1mtVJt"
    "+hGKxTv/PnzCG9j8UZzqvSj3foQrie5nkOX0Pv8HmwiQb+CJKEhvClA9+fbZ62bPwP3uzx"
    "7/avg1W3QcyJ/RSQXvDm/MHLmH156uatf1kkC4Q7svY2pprSmo8Y5ZMWNXgrbJW8PKMH6F"
    "ctoX4OBb4DN7qP9odkoKZQMvL9IzfvPaLNQw7jkj0PiYNECwt8wxyvNCxrdcZ1AlHQvWUo"
    "sMmW3DM9qkSy1rAqI+6Anttq6120mVYiM9LtYh/iiFKILoRB1XgABcxIbs2wiWKRteMoDZ"
    "Q9GbKf4EL4nGAJL4IRanSL+RibHZjkWrjfdqu52h7oQiz4Z7d6iVVd89nev2IKPOR5aJm1"
    "YG8yOcdwajNmtBtzr0i2+xyVG6ppwt3nDrdF2o3ttUvf3PfFnV0G+/Pc1wjxXvHmh3rpUK"
    "3wjJAUJcWUr9rsxRvytJ9XtELTq0kyD/+HR/pwY5pIgrX3rXIf9HDN3OTFIv/bXn8i7CSD"
    "qubjg6t49x2L9nZQCZAzgiNKWI+Tgffa39K86Cq9v7y7iGhR1cxthhMwdeqp+KIVGagiWb"
    "Z0kgBCSXoTp3hwkda5o5AfUWzYFPz5dfbxqN+nVKHoSEVRL82eSPz3d3N3c/VIn3R5Nf1e"
    "6u6re34mL4N1y///pwWxf0wZ9N/rl2c4uX5P8BtWjl/xnXM5ayR54vY46MG0Ai1sjz+GoY"
    "l7DTGKbitAdokDwk25RQd1Zhc4SusD7mnsOrfcpTlAWX88zlmGkhDZtjpAWf88znqJUnZu"
    "42TDrDkBElirG3h1RZ7cEnxyfbZ+n1/fPlbZ08PNavbp5uPEk44KG4KaxMvxu6tH8/1mu3"
    "cXXQA6zlGXDTaN8q2oPzgWeihANq+MgJrGfrfCHFWhrf/qxXmah2zLJMhf+swb7NWE8Cgp"
    "Xm9f6g3aj/qzEf7WBhub2/+8FvHmdBcpb7KlLPMofpPMMzqFfyEueMEZsxU4dAUwBpOFKs"
    "JzPBjVBsz+2ecossfTHHZEj5hKAwZhNKxqaFvsYBtUnXoHBRE57I38zOJ8JemTXxW4wt2P"
    "HQUdl3qaVBsw7GQSZ9m5mMkDGzE56plEKwir6QhPMsCcspl0YyCykOYd/aQlAi4/Cm7kpK"
    "ZYx0bz6l0k8Dxv3V7Y3tR3CQMax9BrUdWAQ5LmyOKRp5cR5H+LfFgENd3WDWG1wnze7L2+"
    "TauvnuD/gTD0IClv3CA4Icf+AwBajjTwGxcdrE5GXCjvvHpN02YEM1qqeVdruKDeBeD24z"
    "Il6NcNxuieVy4vVhU/nxxCbZhkdocvxIyRElI2o5OjWIBIkIaAg1DHNsi04838hfQneIeI"
    "gR9Cn6V87ZrH3oRQBmEYCZ4wDMR1goH2+uGvMiMKOWXoMpzH+XHtnnfzwyg4pXmInzj2bn"
    "M/RyQFB/zzhCtf7KxFiqMFV5r7w4VrXFgpYLI1YxrJS6mg5rMLynUfX0LOlHJ10QE0BqgI"
    "Wb4vJaJmPdGYicNrFOgwxBoHfTSsofG+q3yZu83cZ3wmBW1PhgawDVkBO5hpYJNx241pNL"
    "AHlhkzKxUaiBXWU8MImc/ZocB4ef4P7R5CjlWHC558CO4W9hXnxtHzaYIvcuhwGAch6kAD"
    "YkyGp33T94o4artNpWEWqxB9rMC2CYRpnx2+c5hlOqGgPY+eBxtCpoF0HAVLtdhp+ePoA/"
    "mm7lpHJeJqYF16/rIioK9o6/wC+pLbQe6//7DDDjZZXmnOFIcxWSD5UlFJIPlZkKCd6Kfe"
    "G4iaZbMqMkObb2CwEDBV2xy3cp/KmBAPEJoL+D7Ru4ACKB1CsntsOG5Eha5ewysRgFNVFh"
    "M9lMlxkv2jM9xbPdaIflIN6GHy2hgu4sZU3oT2p9wFetFqoDPb/h4goZRHq6CZKUvTIVRJ"
    "eWRBTLOtRmKF9LaR6LXYwsswvzC4Rq7+KQdgc6Z/ABcQIf0ytT+n4yHUkht/9S8pL4BI6/"
    "FmL8DsV47tkSlxVQ/PZ5FlDyFN8CIzqMO620+VJxugPEOxP3la3/R4HzzGXCb14YfBXijT"
    "cHFXZHnVNrMnfiKkDtTBxpxNwzWOdgdulFWwVCDkzNy5u72uPPainnUhGddflzo14rKsMs"
    "PckPtzJMDk1qe7d+zXFYeULnmv4qr0bFnkG7rLsqnFF5KhcifIQKxcv3Hc7Vunw/5WKN68"
    "kcMvRno8lBRlzawv0xpk53wGzhOD8mNxpsb7ojK3t8IpbeH0A7jVk6KD0Ynknabcs0mMqe"
    "lckIhWckXyoVTri0alWUpqhMuDC4I/9a617nZJhGKnT99ltEd2RQzuW6vo/zV7dbsBPBcq"
    "7QrUxAk/IZS3CULq5eAWFWePtrx5a1q/v72ynR/fImbiN+/npZfzx6L6APs7sUqmyhUP1J"
    "FKoU7oJINSOs+7xmgFW0UvaeTYGZEVYx7XT9ELRDAidLjafWsRmqoaqK7N6t8jy9Z9wbtm"
    "ik4ULd5xqDsSgnbDgyzAkTjhwM5+pgjPCAaa7BNHL0SruCx2URScYBtjLRDYMz235bJh3T"
    "GRDGNZvovGu4GtOSGlCG46SsrOg/gafvyuIWuI4XVej2RtWKME25rc8w+k9RzdvS93e5Uu"
    "GJW3Ii20dLDV+U5k8NHghOttzvltaUAoqD00SzSUabXqOXXD1jVIVtfLFt3IdsAwbyeqSr"
    "PQN5WSt5bILlyVQeoK+QHKOcmS86RqfDMpFKI2bBuubF6vEpYc7LJxDZjPDb9pMPvPtk6N"
    "oOxh+NWNfxg/qGqhilTMYobOf5Eui4O+ykS/AOKQ7Obl5ZzrY7x7S7f3bz/Y72chgdpsHX"
    "b58Vvrubu9kEd73ohpGuQHBAkY/ywDhe2vLApSd8CYIg2EFC9y/N0gO8D2tC+2apPqS60S"
    "z9qvQ5p6XecWWqMWMvxgSFMCF2tAama6UrfTezh23WwduRlrqBQngreaYKt9Qqbil3pK3o"
    "lpqmLNxSeXFLKbICE54U+grrLcLewpVKoxPF8jY7J0xJvD0bx/vKRcrt6yfvOYV+FrX7iz"
    "IlZUIxkbyjO2RI7RdyhH+dkL+RryYHKi+vT9w/h6tPLl5VFdnJapSsE38DforSfkOduypz"
    "7BLzIUaf32p2dWoZOp6+aw/0nkOEOb6M+Uby4W2vEsBQ1ziGviV5vUoHW2Ojyx3dWIeP8Q"
    "62+G2fnqbl5S08QsAIxrU5bCBH2D98Xf4FxVe8fndZp3zqvAU7gePxJ83KrSLdHm/Pz1Oz"
    "llFpNkPvrAO7jUwIBK4E1aMEmzCAVWTi4meIt/AHZ9+mPkkFqzfefdasB/0Wh2BdF2XdVs"
    "qNexb59qbAWcoJ8BXEHrF7AseI2FsBcIqVWZLcXNA2Y9agjNui3a4Ja+cKCqOaPNdV00uX"
    "1EA/jP9BwMfRZ5IDxHsTcQClLjJ5HZOIiElkzpF4wU/wCfUpTkRYQc0x0xSLcTZDZK/Mrh"
    "QC5kXLrBsEFsbc7Jm+tVQMmGE6sAVPWhTxWBOqW9lXDdsfKl5iB1sTpyfsYwmAclaqdil8"
    "cC3xF941YWqI1ekn6LAm+zukOZWlx1jYh0sKd7G8UV7kK7aDZks4ikVjjP8T9kLMcRqC9m"
    "2x313dYuSo3fZ91MfSct9uk4EJb+ERCiu2YqfaZMeFSzhnLuGd+ixz5A4+W8ajdjbboXaW"
    "8KdFHysFwjGygwtl25hreDVBVC5g+tqiqLcQ5kZ0EDW9gnU6MNFyxmAZllE5WFPUX7+PuM"
    "lZFZpO0BaAq7lmEl1hNMrRXhpgrorbj/BjQeB+tOXCTRVFHlljVWNDNJboAk3WRfMKworX"
    "pCBKKOyFMnVOw1ueP5hye8wQTDJCp7DCVpPRGMVWm6+ttgvzMc1G4Lc/uK22iLzat9AgQE"
    "51ntm8uWuscZ7ZauLLf73vXVx0TlNKMaUreFTXQoNqF17HKxkRBLe+6mwcRvZ4Q6gCgVbv"
    "Zi475y05PjMvZrLyInkgoFDZNKlXpj0oTUGb98KpW5OIMk4hmAZfYX9Pm0gQ2B8Omleb7H"
    "fFdAblZ7PGaRVSRlxPe7kO+tizvW43NjwUvRs4eahgWNKWN9VgoQYiRPmWE22/jHEPqd7Y"
    "8D8dwRz1wjLQoYs7Tcdi9GW+P//snbwFpGw0w8636THwVIsnqblgL51JpHG7jbmOsn27jU"
    "FClfNTESXxVpxswWh3QDrMMHnfxuO78JPU6KTQbQrdJlfQFrrNXus2Ml89dURZnKzIg1VE"
    "joQLfApkp4kKXBW4ip24teLMVRPnWZELjvgUjy7FEtsX1rkpL887GnQx3VYYlj6qMUGX27"
    "jj3ebaL6M4HV64iNBufT0C9FRx6O2Qal4dU2+ia6COchS98STcXDt4PLVUoWGFCut81SpU"
    "jherVMGh7CNmjgwm9IvAEiAtBCb3tY6yOHA11G8AEWa9UmPOWe9rdSuPA/RtB0E8RRUl8G"
    "obvoL64z9rt0+th/pj67r2cxsz92Ewma9tl8Wq19Mtz4F0clI9OcEsjPcf4M/3Z9Umpzg8"
    "nnvsiuNEbDzZR6p5eOS8AwsnFefPClWM4mPqpvbGjrioKOmxMcag4p9zFLNfSpJYcCXifJ"
    "PVoAq1bYdqW9riREVhoohBLwnc7EzpKM32c6V3A10m+cv+ApL6qLcoVaFTKERUuUinw3WK"
    "pkB1sRsn3AnXdN88eNkAD0GHewb0su6TqSmmrgWlWh82AHGKEK99BTe2Luap1FZsgit0gu"
    "QnMF838BNoWhFxdKlTw6ENc7oDzNQRuVc09Ovrvr4FQvZRsnLqW8/l38PQAMwoV0R/ZTJC"
    "4R/Jl6BdhFlnb8IvCtUWhWp3AV5x+sHsb38/y8xs9PSDIl5nYd4re2WqwnOpDPOevHSLfR"
    "0SUJkGNk2BpgpsiqO6ILDJa94ygvYLBex7zsgrs/AsABR/I5bmQAQ+EhJuE+aD7dXUu7Zo"
    "z2mWQPhFszjmPeBZb9LBk5SwNz8EWucf5CFJNumaowmRcxjDlBxrglGFGLRkurLAhlSqhE"
    "0eszPwjwn6HzG0iVnCKfBJnE7X5CINpDugcAMeVPQK9+HpieVyAvdEsQ7gEsEtgRzBT91C"
    "WngXcyTUBWwhCGdmXEYt8sUp4X9y5WDXIkL26kGRiDkj43W5lNd5Oa/JTJFCGP6TCMNFpc"
    "1D5rqP0bxKm4XHaFPSQeEx2q7HKG/hYvsCdVFeKGca/FSZL4UCHy8DNl9/nypAtrz67leS"
    "DPPr+qYjKxTKW16/Va/QnWFMZLmDF8ZGtohPtKF/0GNNVHTFjq9U4rMaKOXZhi+6tMVFDy"
    "rC9sWphnnZT8tztG2fe8uqgX77PGvbpXb7+e7h/uH5tvbYbhPTIu128LMqpjye7onWIbG8"
    "Mk3EneKrJb+0Nfuar9+fL6Pex2XaiHZ/Hlc4haUrnQwaJSlEUEUoWBEWuoIb0I/DTzcXY1"
    "Q5zsLZ2Wz8zeykwzQkyPPXLQJ/PIEFDfjlsBY3w5q/DsgrbCzP3juyTXEHJRj/fD6LjSxT"
    "c7vK4sIb7jtjDuNDKRQIvT87+5IpY6lzxeC0H8z/VCofPlxUTj6cfzw7vbg4+3gS4Jq8NQ"
    "/gy5sfEOOpLVRxpgIK+SvZ7KYpD9Bmt782uqRptjjkd0uGuuKQ31IKI12OD/mVRrtZZV4W"
    "W1HsoNmyVV0iCYEyQEFoKFVCbRvmDWzYjhm1epRRKTNHjGOGZ2gLmTBVAaTNDyFTE23WHz"
    "JgOqiINvQ5RjPLAIBh3IYfjFfxIMQ/mkGIeRMe5gMGVoiwS/ELz0xpYhwh/jpHb2STxyjk"
    "JIsQQbMo0Qd0YcrjpX6FJ5lZmgYEINFXkwepmB2GQR1UJoEfkwbGZIjqmpGDUCR0InHyVC"
    "RIljHaA49kiCZKCjFK99s1OQhUGBMiu5chHLrIpSQd13iBh7QZDHEEMgypwhyqttGSyiz7"
    "2AtHAcLjAN5ly2ZPWaiiGq5Msyyvbp7C3WRG37GveO2hCktYkf2ZJ2lPoeYX5WKKcjH7hq"
    "u/mSRRnXO2c4Rmf0933sQikEkes2F2X5RGj3nHAIdEWzwGOLiSwrT1WYfesOQI9YqVW1UR"
    "3yq9cRZ7h1cD4Qhe+FWUL6E2/qsrQng30eFOziD2o9o6k1ZqO6aSNscWYmF1xFBkGcQsnx"
    "4Z4BeiYUOToDSCykXAyBnWyxX7yXqH2pk15cCN/IUbb/OYHrpHKsPyVxnbCoP8mDUNhYea"
    "9VSOWQujn/riGhC7scTmbIHehCEWnoHcPd/elpTLyibmb7xwdi4w3si6snInK/IxtmzP4O"
    "MOLepPDHiGs2GWZT1oUF6ugLodbb+Eqd1iI5Ak0Sorzbojiv5xTo4s0xHxqUEtDTxUl1HL"
    "mHj5fmXijE1ZmcPs9VQ29o31LY3rHnlQ9g9tx6CMWxMRagWNq0HIYzjFNGG0R+jloVGerb"
    "/3CWZfk8sntOXsC0/81rzZqdueXRpt205RQySH5tqihkiRJHgYSYLe8pbGHBkhKeonprQ7"
    "pihbkaUUkEzyUEgCykyQ+dKAI0ha0XSUJUWC0N/9Bg8BEqRi78T9NqgNIJSPMtoSDTyQsU"
    "uNros7riJ0eu0e5fbfoQbKza2B6VroYP+bcMWjdOHdIf8dHAKJx6a8rxAJwifSbosiYIHk"
    "gDu95YrEryb3qbEJCp34v++nx7+ffC97s1Q5qVy8O3n/7uRUlkOQ/X/BB8IGpyfHJ2V42J"
    "L3GMGND5Vj4aD3hgquv/t4POWqn12aIKq9ST25qE6wS7HDm3pyMip0PsOkMxBOUMbA7iHp"
    "Ya3Z1/fPl7d18vBYv7p5uvHW7yAeUNyc9hg81mu3cbOdXM/S4x0nLOBeBm5vBVsB7wRlAf"
    "gygE/tbqkAT1AWgC8DuJAI0gjbAUHh+N+IAD7lEA6EvVVqpMSJi+D7XAffbzt1aSd+/mBO"
    "Et1Z5MtPtD1Yf33ePqvCYZ9PTIuMkm1mlCRmcOGE36ATfjd2xRqz9O6gpDAmenfK8yyING"
    "yzyGA4G9HCVZYvm5VX7TWNIydCkudKHyu6cSpnZ0u4caDV7IOJ8V4sgxg+qhQIe80PEN1M"
    "HJIwosO4QkWcrbdHSAon2T45yb7/PzuZ1Hg="
)
