from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "jp_job_event" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "job_id" INT NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "kind" VARCHAR(32) NOT NULL,
    "actor_id" INT,
    "message" TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_jp_job_even_job_id_c90323" ON "jp_job_event" ("job_id");
COMMENT ON COLUMN "jp_job_event"."kind" IS 'What happened: ``SUBMITTED``, ``RUNNING``, …, or ``DELETED`` / ``CANCEL_REQUESTED``.';
COMMENT ON COLUMN "jp_job_event"."actor_id" IS 'The user who caused it; ``None`` for the system (workers, reaper).';
COMMENT ON TABLE "jp_job_event" IS 'The audit trail: every status change of a job, with its time and actor.';
CREATE TABLE IF NOT EXISTS "jp_user" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "username" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "role" VARCHAR(64) NOT NULL,
    "is_active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "jp_user" IS 'Someone who submits and watches jobs. Identity only; rights derive from ``role``.';
CREATE TABLE IF NOT EXISTS "jp_api_token" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "digest" VARCHAR(64) NOT NULL UNIQUE,
    "label" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "user_id" INT NOT NULL REFERENCES "jp_user" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "jp_api_token" IS 'An API token. Only its SHA-256 digest is stored; the token itself is shown once.';
CREATE TABLE IF NOT EXISTS "jp_job" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "type" VARCHAR(64) NOT NULL,
    "feature" VARCHAR(200) NOT NULL,
    "params" JSONB NOT NULL,
    "settings" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "submitted_at" TIMESTAMPTZ NOT NULL,
    "start_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ,
    "finished_at" TIMESTAMPTZ,
    "progress" DOUBLE PRECISION NOT NULL,
    "progress_message" VARCHAR(200) NOT NULL,
    "result" JSONB,
    "error" TEXT,
    "resubmitted_from_id" INT,
    "attempt" INT NOT NULL,
    "lease_expires_at" TIMESTAMPTZ,
    "worker" VARCHAR(100),
    "enqueued_at" TIMESTAMPTZ,
    "user_id" INT NOT NULL REFERENCES "jp_user" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_jp_job_status_2a4cde" ON "jp_job" ("status", "id");
CREATE INDEX IF NOT EXISTS "idx_jp_job_user_id_11d5bf" ON "jp_job" ("user_id", "id");
CREATE INDEX IF NOT EXISTS "idx_jp_job_type_d8ebc6" ON "jp_job" ("type", "id");
CREATE INDEX IF NOT EXISTS "idx_jp_job_submitt_22227a" ON "jp_job" ("submitted_at", "id");
CREATE INDEX IF NOT EXISTS "idx_jp_job_started_99cd74" ON "jp_job" ("started_at", "id");
CREATE INDEX IF NOT EXISTS "idx_jp_job_finishe_a0e2a8" ON "jp_job" ("finished_at", "id");
CREATE INDEX IF NOT EXISTS "idx_jp_job_progres_bfa391" ON "jp_job" ("progress", "id");
CREATE INDEX IF NOT EXISTS "idx_jp_job_status_4ca05e" ON "jp_job" ("status", "lease_expires_at");
COMMENT ON COLUMN "jp_job"."status" IS 'SUBMITTED: SUBMITTED\nRUNNING: RUNNING\nCANCELLING: CANCELLING\nCOMPLETED: COMPLETED\nFAILED: FAILED\nCANCELLED: CANCELLED';
COMMENT ON COLUMN "jp_job"."attempt" IS 'How many times a worker has claimed the job; every worker write is guarded by it.';
COMMENT ON COLUMN "jp_job"."enqueued_at" IS 'When the job''s message was last handed to the broker (the reconciler''s clock).';
COMMENT ON TABLE "jp_job" IS 'One job. The row is the truth: broker messages carry only ``id``.';
CREATE TABLE IF NOT EXISTS "jp_job_file" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(200) NOT NULL,
    "content_type" VARCHAR(100) NOT NULL,
    "size" INT NOT NULL,
    "content" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "job_id" INT NOT NULL REFERENCES "jp_job" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_jp_job_file_job_id_dafbbd" UNIQUE ("job_id", "name")
);
COMMENT ON TABLE "jp_job_file" IS 'A result file, stored in the database so every API process on every machine can serve it.';
CREATE TABLE IF NOT EXISTS "wfm_employee" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "number" VARCHAR(20) NOT NULL UNIQUE,
    "name" VARCHAR(200) NOT NULL,
    "team" VARCHAR(100) NOT NULL,
    "skills" JSONB NOT NULL,
    "weekly_contract_hours" DOUBLE PRECISION NOT NULL,
    "active" BOOL NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_wfm_employe_team_c48d68" ON "wfm_employee" ("team");
COMMENT ON COLUMN "wfm_employee"."skills" IS 'Skill names, e.g. ``[\"Phone\", \"Email\"]``.';
COMMENT ON TABLE "wfm_employee" IS 'A person who can be scheduled.';
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXW1z2rgW/isaf9nsDJvb0ja7k965M5DSLd0Eegm5+9J0jMAC3NiSV5JL2W7/+x7Jrx"
    "hDcIqJ4fIpRjpHsp8jS+fROVa+GC6ziCNOG57dZ3eEGufoi0GxS+Biqa6GDOx5SY0qkHjo"
    "aOGPnok925Sx5FBIjkcS6sbYEQSKLCJG3PakzVQ/RoOixrs20hqnqEudObKlQNdvGj/UX5"
    "why54QIZEtkJCME+slklMSSCs54ox13ZTNKGJ0RE5VrxYbQbc2nZTVgU/tP30CjzkhIM2h"
    "m/cfoNimFvlMRPTTuzPHNnGsBThtSzWgy00593RZm8rXWlDd+9AcMcd3aSLszeWU0Vjapl"
    "KVTgglHEuimpfcV9BS33FCS0RoB3eaiAS3mNKxyBj7jjKQ0g5uICkzTLPT7ZvXrb5pGkvG"
    "izRScIdFI0aV4eFWhX76ibqFH+pPn//4/KdnZ89/AhF9m3HJj1+DrhNgAkUNT6dvfNX1WO"
    "JAQmOcgBoYcRnYiynm+cgmGhl04baz6EZYVhdeF382HUIncgo/z56vwfJ/jd7Fm0bv5Oz5"
    "96pDBi9n8OZ2wpq6rlJwJ/DCUxOnCLqxwnbAjQoSdJPJJIbS2Am4T5882QBdkFoJr65bxH"
    "fEiULDxDlD+BXUSNsl+UAvambQtkLV0+iiLOzLHNrwgJaatMNXag34/fZV67rfuHqnunOF"
    "+NPR+DX6LVVT16XzTOnJWcZOcSPo13b/DVI/0R/dTkvDy4SccN1jItf/w1D3hH3JTMpmJr"
    "ZSb39UGqG2YHVOPsEq8xCrL2puwerh7VbF6Hti5AiTtVb2BeFmoUU/pXH/yr8Pr/AWFn/l"
    "To3vctd+Bdcyuq/Bl7Mn9Bcy1yC34Y4weG85oIb+7U3YzJ6B+zUaPVFp8jZzPIv9z/Sggm"
    "eHJyYyWMMb1xeNVy1DIzzEo7sZ5pa5ALWqYXWWKYlll6vcupstwRRPNDjqKdQ9h6i/ZUMj"
    "h2yo4vt4xsdQ5l6G0aUEgfAp6oNjz9lM+fPax+e+nJ6jIYe5lCOXCAH3KNAIcz4HVx94wm"
    "BgW4PBMqXYSov3c4gvRoIiuE5Y+hoEsKISJJ89mKYEPGQMc4hiOFKiAW5oYQBJ/9CTU6rd"
    "1MDYbsNaauutCn/o2jJxebbcusS8rLbHNrXFtKTGPc7UolXC+EjGnUOwICY0a0O76im+pZ"
    "cjP94lP47exU35WyS/O/q2x+x4DBTM54XwTakcIMT1jThyfQ1Hri9zZA9z7IplkN9edzv5"
    "ICcaWYZkjyT6Gzm2KM2dNv499ulIwYiGvu1Im4pT1e1/ytqlWAO4QmiBLUU4n1w1fsua4O"
    "Ky28zSINVAM2MOQSQ81KSQQdI6R5Ns3yTxSr08DbWo7y4RoUXjxNo73LO7vmletfv91quC"
    "NkgUz1F8eUt7N51Ou/PzOQovbulFo3PRurzUhck1lHev3l22tH58eUtfN9qXqij4G2trqe"
    "gySwY22jQ822TPMLtLkdoyPMvOhlk3uMjuUVb3AHcND2kDSXOSh5g5pXfcIqy8hR/2Ki9o"
    "Hq1cZStn+H8RM2dUj3ausp3TWzGZPWmH4RUbGWmljHnHSqusNfjJ6ZPdm/RV96Z52ULveq"
    "2L9nU79IRjG+pKVQQFdrBJ3Ws1LrN0MATMDHdZi7DvPN2DC1SXQsIBNXXLS1iv5nyJxjcx"
    "vv2Zr0qhdoRzlhPk6pPPK+aTWOFB43p/0O63fuuvRzueWC67nZ8j8awJlkd5RJHGnLnFwr"
    "crtB8Uyq2YIbazTZ0AjQEk18uZT1aCm9LYXWy84BJpvGEz5GI6R8oZEwijGeMqIDjFAo0c"
    "DIWWDhd+ZMOXiHwifB5JzDiseCqaOPExt0BsqJIVlwOQpfRQsrGXwkcFneA8/aMnXGVPOB"
    "hyRTyzROMQ1q0dZA4SCk/qP4hUZlT35lUyfp0SGs1u34kozQLNYO5zsJAwCVI1sUmmhcJk"
    "jBN1zQlYaGQ7hH+n5kk2uvt+eW7dfvMH/Iofs9uO2W0Vzm7rwQDvtS/669Lb0jt0DsnZtm"
    "mGaq9/6REH60dYifNbNnwNrRwQ1F9LTv9rfSK6r7wcwKCudn8ioEliyXvTAVXOHvYtWyL1"
    "nM556B8H8U80gukdZns2BqcaGq6hmS2n+oMhtQgimPsRtM748rqxpXZv6S0dDNQzqUxB5a"
    "lj5IFLT1Ewh9YQZRLKxsEUgO7IvIaEWoywRLMpQ8Hot4J+VPdzgRg0qlYnDsVjCetVuL5F"
    "yYsTRo8fNlUxcSsYBwWATRTKWl33D970hkNRL/kYIt8DL/QOMCxCMyP5KufeAQ/Bimx4Ht"
    "yOdY4GgzjRZTCowc8wx0X9uPXrT+pnNcQ4lL9q6WwWWDv+Bb+CvBWz1/rvDcCsivMYT4k9"
    "reXEz+obUOJn9ZWMWFVl3nC1iBabMtMqFd6l1Q6GcnT1Kj/CcGmBA/ESoO/A8g1WAJdAL+"
    "xiLiRx0UmwmyJqQEyxR3gO191OkyVP2isjfKvDH4cV2NtF/GOJgj7a90CaP+XzgYha3UsH"
    "xpHg/ccPoCBCiZRKLTwDANnBDpByy4ZYEOVfB968OknA42wE4wuc6rDQxaOpTQm8QBTBy/"
    "SJ5O7Zl9pTjt/+3gi/kNI4fji68Y/oxuu/BRyUSL7KDkqV8hKgR0moNIt+55LVO0C8Swk7"
    "CPuvHJxXThOR+HHDN8e9Ccdgzr6jTTGfrx24OaAO5zLYxNwzWNdg1gyzZGInB4Zms91p9H"
    "7P93KaOVk1zd/7rcbx2I2NB/nhHrtRwS21vZu/1gSsQqfzG+NV4QEAewbtpuGqZERV6SwG"
    "HSPMIV5R7HAt64rilPczrmvmEgYcRm05BJlyQoc/ZliOpkSosIQ4RW0LljdbBscmvETcnk"
    "xBziLcBtKj0urQYMCZQ/L2s0rp4RgZqRalUgOuKK1K6xyPfcu4+csftlefte51Lj1zCqEb"
    "ye8QXc/BlAbz+j6OX1uYsBLBdJ7DrRigiemKKTitl6VXoFgW3tHcsWN21e1eLrjuzXZ2j/"
    "jmqtnqnTzV0Cdf5eRQ2SOh+j8hVAXCBalTaNShut+YYJU+hnjPhsDKDKsMO/32FLRDAqdM"
    "xtNyPYfNSW64Ka6rrWM+s7FrkrTkBgEnj3DBaBhypWhIkABaYvkOsfKiRveJH4lJtYgJ9d"
    "1hsa8eEo2DIyX1zRznNX7z/pGS/Q6lSYLdIvhG8mXh+3hjt5zI2Z3tOMVOzYo1qnFmluqv"
    "6JlZxrV6CKRAEDVETienaDB4f2u8g+chtyB/a7RcbDu3xofcDb2i2o/8ufaMkDtnrpwZ7Q"
    "yYU+bzYudBrGxhl4dDPE60bxunQzyI9h85/0M4v+9ZD+T8i5pHzl8Vzp+Tch0zsQqkCDYI"
    "t0dTI+9fFAU1tXWEDScy91G11XY+Uq5qUa5PQJHDPZFN3daUyiEygxcvNmEGL16sZgaqLr"
    "OowktVAOFQ/ADRLed/AK1KA1vNDFYnge2AGjyOc7g1d/1RF7Ov/wB3B5Gn"
)
