from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "jp_admin_event" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "kind" VARCHAR(32) NOT NULL /* What was done, e.g. ``ROLE_ASSIGNED``, ``TOKENS_REVOKED``, ``POLICY_SET``. */,
    "subject" VARCHAR(200) NOT NULL /* What it was about: a role name, a username or a job type. */,
    "actor_id" INT /* The administrator; ``None`` for the command line. */,
    "message" TEXT NOT NULL
) /* The audit trail of administration: roles defined and assigned, tokens revoked, policies. */;
        CREATE TABLE IF NOT EXISTS "jp_job_submitter" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "type" VARCHAR(64) NOT NULL,
    "user_id" INT NOT NULL,
    CONSTRAINT "uid_jp_job_subm_type_330a24" UNIQUE ("type", "user_id")
) /* Who has submitted jobs of which type: one row per (type, user), never per job. */;
        CREATE TABLE IF NOT EXISTS "jp_job_type_policy" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "job_type" VARCHAR(64) NOT NULL UNIQUE,
    "start" VARCHAR(16) NOT NULL /* ``IMMEDIATELY``, ``DELAYED`` (by ``delay_minutes``) or ``DAILY_AT`` (``time_of_day``). */,
    "delay_minutes" INT NOT NULL,
    "time_of_day" VARCHAR(5) NOT NULL /* ``HH:MM`` in ``timezone``, for ``DAILY_AT``. */,
    "timezone" VARCHAR(64) NOT NULL,
    "allow_override" INT NOT NULL /* May users give their own ``settings.startAt`` when submitting? */,
    "updated_at" TIMESTAMP NOT NULL,
    "updated_by_id" INT
) /* How jobs of one type start, as an administrator set it (see :mod:`workers.policies`). */;
        CREATE TABLE IF NOT EXISTS "jp_role" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(64) NOT NULL UNIQUE,
    "description" TEXT NOT NULL,
    "rights" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL
) /* A role an administrator defined; its rights as JSON (see :mod:`workers.rights`). */;
        ALTER TABLE "jp_job_event" ADD "job_type" VARCHAR(64) /* The job's type and submitting user, as they were (``None`` on events of old releases). */;
        ALTER TABLE "jp_job_event" ADD "job_owner_id" INT;
        CREATE INDEX IF NOT EXISTS "idx_jp_job_even_at_e759e5" ON "jp_job_event" ("at", "id");
        CREATE INDEX IF NOT EXISTS "idx_jp_job_even_actor_i_ab6606" ON "jp_job_event" ("actor_id", "at", "id");
        CREATE INDEX "idx_jp_user_role_9b767c" ON "jp_user" ("role");
        INSERT INTO "jp_job_submitter" ("type", "user_id") SELECT DISTINCT "type", "user_id" FROM "jp_job";"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_jp_user_role_9b767c";
        DROP INDEX IF EXISTS "idx_jp_job_even_actor_i_ab6606";
        DROP INDEX IF EXISTS "idx_jp_job_even_at_e759e5";
        ALTER TABLE "jp_job_event" DROP COLUMN "job_type";
        ALTER TABLE "jp_job_event" DROP COLUMN "job_owner_id";
        DROP TABLE IF EXISTS "jp_admin_event";
        DROP TABLE IF EXISTS "jp_job_submitter";
        DROP TABLE IF EXISTS "jp_role";
        DROP TABLE IF EXISTS "jp_job_type_policy";"""


MODELS_STATE = (
    "eJztXW1z2zYS/isYfqlzo/gSN3E7ys11ZFtp1MpyzpabplWHhEhIYkwCKklZUXv577cLvo"
    "oiJdERZVrHDx6LIBYgd/Gyz+5i+bdiC4NZ7nHLsE3evmfcU5rkb4VTm8GPjLsNotDpNL6H"
    "BR4dWrL6p6lKsarKorpD13Oojq2OqOUyKDKYqzvm1DMFR5r+hBE6M0yPQEXTImJEZBsmEm"
    "KlJnGExVxisJHJmUEohz/XNcdw0SCeuGPcJQ67hx9wPRWWqZvMPcbeDaFDKyYfl9nRgA94"
    "x3PJxBxPmOsR0yCmS+BlBfGgy384UA6375njQif/IMAbZ0Fa7ztk6giduS6ZU08H0iahhL"
    "M5PMV8wD1mWa5sIKgFD+YJ6P45VNXv5J2gZXgRuDIdIqaME3c2jPjrc2HGzT9nTPXEmEE9"
    "B3jx+x9QbHKDfWZueDm9U0cms4wl+ZsGNiDLVW8xlWUd7r2VFZHBQ1UX1szmceXpwpsIHt"
    "U2/XEwZpwBlxk27zkzHAd8ZlnBwAmHhv+kcRX/ERM0IBo6s3A0IbX/AHGZoqq9q7560+6r"
    "qrIy0kKKxJgIinTgFI4J7rny7cf4CM9PXr767tX3356++h6qyMeMSr774ncdM8YnlOzp9Z"
    "Uv8j71qF9D8jhmKvVWmXoBvPFMm2Vz1qdIcdYISI7DH2k+h1xdx+iwIOZ0PE33wOo1fOx3"
    "Lts3/dble2zedt0/LcmnVr+Nd05k6SJVenT6DMsFrDj+ghQ1Qj50+u8IXpLfrnptyU7hem"
    "NH9hjX6/+m4DPRmSdULuawnCV5EhaHRVA1Fusd8HBVsOcT6mQLNayfEiuwpzqCVD5MqAfr"
    "EyyKgkNj7Hh8TDTt+qrbVls3N50fe+0LTWtAUf/q53bvRr1u/wI/grL3V93O+UdsW9NW1+"
    "PdNp2ewzb9rFqMj70JXH57smag/dK6Pn/Xuj769iQ1eHrBnRN568uSsGGV/cT0jImcL+8E"
    "SfVFbvqioUMx83Bfwp2R4Ms34GLmMgd/E+HA1ScxJPgmORJ+aEtrBXry4sUWEoVauSKV95"
    "ZlCmqKcNRCW16SZPPGlyHUYF8rW6ZS94mVHeG8gTnUg3mnaWQEvEdtQhe2jSqPBcpPjvZU"
    "tIVSNtaEdgpqER2zVXn12eccgSVI9jcJFeURts/2r/2lnTMc+keXrV+fLe2e3avej2H1xF"
    "Q5716dAcNRNxzdJRQZLBhS/W5OHUNduSNORF7d1Vv2iZ0uoRzEYwRvjO8XQpCp2UcNPBOe"
    "hPc2gpOpqXpRzY3QpMWlmi4pjskVtxawmrnk5l3r+cnrU2KYY6nvu8SF+cCMN3ISyNpYj1"
    "kjeW8i5pwIrmdMqjI6qLX9amn7vhCLKAoxxW6WqMdl79K+ffpqi2379FXuro23lvcAeGtm"
    "FeFuRHAA6/8yc19upRS9XKMUvVxVinSHITfU4qB1mfIAwasCL2jgoh1MqScCZoPZvxbLBl"
    "auB0h9mXIHUt+Phvx/abFA9FUM7yQoHgR3KjeFd7D5ryjIywxe5e5b0OXMMf+ZLSSTO/BE"
    "FLS3DKYG+u1t0MwTY+6XcPSEpfFsdug80j+TgwreHd6Yef4e3ro5b120lS+Pgzh+EkMlA2"
    "xg8Sac8SmosxFhXHGGVo9jgvDaEXPU56WO78y8SZMMHVhLHRKAVpfo1HEWoOoDTtA008iy"
    "qu2kxc0Y4m8l5iKoTtSbSSaAFLEi+zyFZQrdHRGbAy4GIyUc4IqsDEySF3JxSrSbGBi7bV"
    "jW2nmr7mxom16s8uy4dY86ZbU9QrPOpKTGp47ATauE8RGPO4tRl6nQrAnt4lt8TS81Pt4n"
    "Pg7n4rb4LaxfZRt6ZdDxCCDYzCnE3wTJAbK4FMfBlDrUdleZ/NPNVS+byTFFGiGZukf+Sy"
    "zTLU2dVv41mnEd2UiGM9PyTO4eY7f/fgQrNXJovZU6bZBuLMMgbOAs7ZtjHrzUuJBAkjS1"
    "SHYvkminXl2G2nxmrwChZeFE1Hu02d3cnl12+v32RUEZxIRNEv0c8OvbXq/T+7FJgh8Dft"
    "7qnbe7XVkY/4byq8v33bakj34O+NtWp4tF/v+IWtYKf6bBwFZGw9NtbIZpK0XCZHia4Rpf"
    "UoOLWI/StAdoNTwkA5LEJA8Rc4KuNhFWXsIPm8pLlLWUqyzlFP4vIuYUaS3nKss5aYpJ2a"
    "QtQXMMGUmilHhHSFXWHvzi+MX+RXpxdXvWbZP31+3zzk0n0IQjGcqbWAQFpm+kvm63umk4"
    "GDBMzY1PykffWbQH56guBYQD1/CRV3idj/liiq9CfE9nvSoF2jHHERlOrvwQvIjgQeP66X"
    "B7ZxF46VEeQqSRI+xi7tsc6gpHru7ZTJ08pOExe5qxnuTHAscU+/ONF9wilXdiTmzKFwSV"
    "MZdQMhcOOgQn1CW6RaHQkO7CT2L4JjipFNSYO7DjoTdxPKOOAdWGGKy46oAspYeShb3iPi"
    "qoBGfR15pwlTVhf8gV0cxiikPYt/YQOcg4vOnsQaAyRfpkppLyYcJ4uLp944ZhFvIAjEVd"
    "DxZBjgub5x8NDYIxjuRZTgYS0k2LOd/gOin0u2dZB2p23fwBT/E6uq2ObqtwdNs1DPDrzn"
    "l/XXhb0kJnsQyzzVlA9vbna2bJQ+z5fP5JDN9CKwfE6i8lh//l5kOI7jU2BwJ+RS6EZqAf"
    "+/5PosPyDqs95i3ADaBB5qY3kQeGcBP00xXgecSNqQ8e2i5mOtA0fCeMFJRZDsgUVHpO/D"
    "W0QbjwoGzkLwHkji0akjzesnBMyiIxhyFIqMMGXBdTE3YtkKsgjOoTIjnWIDKBAp4Rngji"
    "zxuDHAmH6LieWBYmYYCrBKZ9BlVNoIeuBrjsLFwiuNz6HMN/ECAlQ0ZcRh19gg3Qkcec8P"
    "nCeMmx4NuepVqKRysjei55wnQn7dfRbfuMbvMnSwHGxgRlqSBPj7116owDR+OHmzpjAuoB"
    "PI7RJJoWRQP5KSyCQCC8GMxOXpycyu1M0y7aMuQHNth/wpUf3KNet/9zC2zG4pw8C2X1tO"
    "fEGgeehAHRgFRodAo/QenxMvIouAvXYzY58k1ObgNUGDplToZBYDdN1mkann6ahiTDUYco"
    "GlafpKmwgVOO+BSUCPR/kICcC6DUyyNPCzJnDiNH0VwALCCRhcyYJiwD5oA03Ls5E6ucbv"
    "Z8AgDlKrFWcTU0SVbhdfVxzWGPdjZR2nKybROhmWejaWIUVtycCoX40RIESRpBPhKA7HJz"
    "QfQzhBGOiH01u6E/H6DQBmxvciZBOEyge5bpPyy1pwxA/7sSnNaUfPwjhe9rtLxPtCz/F9"
    "i0wvpVxgFVipGCHj3YmQorB2m6A+R3KS5Q1/wrg8+5y0RYvXY+ZaCIYAxm+EBMTp3F2oGb"
    "wdThwvMdKk+MrWt4dhZE7EVYAobmWafXuv6YDSbOMiL8zj722606BdDWg/xwUwBV0HL95N"
    "avNc7zQOn8St95kIzkibF2W9d5PKIqlhfmJvA4Oko2AIvvN7ZAYe5S7Y1Q7MNEyGDKyO2J"
    "hgppbPC9nzhEmoCF/PQvUxkBBEUNabV41iAcMZIsxzwxGcbkXTaPLuMPDrbDfbeydPBiln"
    "v0tx5RwsVzMU24YUem43rYG/qf0c4PTZoeodydM8clA2U+ES4bcPlQuphZ6F02XXJvMqgA"
    "aI/9MFAis6eAZ8E737i+mRQwJXaETyJmHnEBIHI06GBr+QAxVHvDUI4aJNYJQyoBWnZvLq"
    "yD5g7LStiHp3uPXypZ5GxViQrb7FX4tuo0rr9xt8LjAOEGgpuGNKfLs8HSgE75clZxWMBl"
    "yvgjWMhJE56jqQUuq+Pwgytahrm+lF5w72pFSemjTYPKjU827hLTtplhwui2FtJJADqKv9"
    "VgWJWAnSr4NIusLuOp6iTNFdxTHsVjVjEWl7yzyBlQhL8RwR49wJ3Ly/ZFB9B392NBZ7Ci"
    "aQliP+7iot1tfZTxFUdDzK8IiypdqLAOzTxYYLRnQRRGq9P9qLb6WE3TcIlQxUg16ELLWu"
    "nK62bPaWKWnrLAkrZCV9nDdo9mKk0It5CivExW3cALmATv3jUvLzEGmRN/MP8lne8NifyS"
    "gz1rBhUjXjsvXm8xLV7nzorX6UkRPkxRsYU0e5TZbf+8oNgqsxVRyxJzFW0Djmlk8PpMCI"
    "tRnhNttkKc9iwAdVlcDxWCAnPlki4ChXRs3ofqKH4xRNPCpHfHcqtteTAl5hP/E4JBpMsP"
    "K7Pn65sr4NC4uuouWcvPOunop9vLszZsPFL4cVKO1SVxNjUe6MNYpqx9GFXxYWQEFgdPvy"
    "r14aKgTSNNV4c/VcqwcS2yY59keWODGcMJK20T9IQfq1uxHgQfiH0jbdTBR1ipSzA7SpZJ"
    "wa+RpczvugO0WGDkokwi+hzUG/+Dthau1PKUlsH8M1oT5rD4gBUNQxRlwBT77DH/zJZd2y"
    "oqaKt43CCpg7ZRJB9rhcP50eopsuoCp8pGrPsr2CrP1yTviijqdM3rxfGAnF51xM+hacvb"
    "RPzUGOnQpJ6HkSqixsvMHxlqfJgRZK0aH2Yf2azG3wiboVMQz8j5tghX+urm1NMnoB7L4A"
    "/SMRj3TM//GNKbUOs2mIPKMybLI5qG6nSWSXHnPfiZFvwL+bFsTLWwpNWToyZqiGkQcHx2"
    "2+n21U5PxQ+p3/jGf0qaukVdt6khQNIGPB9wUNmbDwvs4Ok5M1HxlwYfuBIRIgHkYFk1Rq"
    "ggRgi/q14EJyRpaqywEStU/6zKk87mGxhptuVuWL8s7q6MXGVqUc79LegpDl/TVWHThBW9"
    "oPtjia7Sno+dHKnYnQeixlSHpl3nYaoC2nXC8yvuGP/KDG+tqdnHZp7gEMg7EpA+kvL1Of"
    "AOiTllgrO2PbXEgmX6WaJ7jXUgbT6yVZasuYXDZQpQRvAgnYmfqw0Ttc0sZmS5TzZVr3FJ"
    "tXAJn9nDYmmXY4qDwyQn2+nNa9Tmp4dJ9sjcElCJx6hdhL9h/b2hkr2xt5zj8nemZRX7bG"
    "dEUQ0vEPZX1Auk3OBL+Fa+BmHH42Oiab8PlPfwPmwA9QdK26amNVD+yLQ9FqV+ZN/SnLE7"
    "a4HKjFQG1ImYOcU+SJXbwj6/TvU4R/x38XmqB8H+GvPXUYc15q+8R63FHFOfKBmQLbjTWA"
    "fYaFxnE1TLl3MNuaoFue4BImfGM+WrrQmSQ0QGr7c5tAG18pHB65WDGzipCnA4qH6A3C0F"
    "GOTmfspHBvmZn/YADR5HOdyZuv6om9mX/wHJ9LXI"
)
