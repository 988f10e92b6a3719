from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "wfm_skill" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(50) NOT NULL UNIQUE,
    "description" VARCHAR(200) NOT NULL
);
COMMENT ON TABLE "wfm_skill" IS 'A skill an activity may require (``Employee.skills`` holds skill names).';
        CREATE TABLE IF NOT EXISTS "wfm_shift_template" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(20) NOT NULL UNIQUE,
    "name" VARCHAR(100) NOT NULL,
    "start_minute" INT NOT NULL,
    "end_minute" INT NOT NULL,
    "break_start_minute" INT,
    "break_minutes" INT NOT NULL
);
COMMENT ON COLUMN "wfm_shift_template"."break_start_minute" IS 'When the break starts (none: no break).';
COMMENT ON TABLE "wfm_shift_template" IS 'A shift''s shape: start, end and break, in minutes after midnight (15-minute steps).';
        CREATE TABLE IF NOT EXISTS "wfm_planning_period" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL UNIQUE,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "wfm_planning_period" IS 'The stretch of days a schedule is made for (both ends included), e.g. four weeks.';
        CREATE TABLE IF NOT EXISTS "wfm_shift_sequence" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL UNIQUE,
    "description" VARCHAR(500) NOT NULL,
    "pattern" JSONB NOT NULL
);
COMMENT ON TABLE "wfm_shift_sequence" IS 'A repeating shift pattern (rotation), e.g. five early shifts, two days off.';
        CREATE TABLE IF NOT EXISTS "wfm_absence" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "reason" VARCHAR(100) NOT NULL,
    "employee_id" INT NOT NULL REFERENCES "wfm_employee" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_wfm_absence_employe_7eb5de" ON "wfm_absence" ("employee_id", "start_date");
COMMENT ON TABLE "wfm_absence" IS 'Days an employee cannot be scheduled (vacation, training, illness), both ends included.';
        CREATE TABLE IF NOT EXISTS "wfm_activity" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(20) NOT NULL UNIQUE,
    "name" VARCHAR(100) NOT NULL,
    "color" VARCHAR(7) NOT NULL,
    "required_skill_id" INT REFERENCES "wfm_skill" ("id") ON DELETE RESTRICT
);
COMMENT ON COLUMN "wfm_activity"."color" IS 'Colour in charts and schedule views, e.g. ``#1f77b4``.';
COMMENT ON COLUMN "wfm_activity"."required_skill_id" IS 'The skill an employee needs for this activity (none: anyone may do it).';
COMMENT ON TABLE "wfm_activity" IS 'Work that demand is forecast for and shifts are planned for, e.g. answering phones.';
        CREATE TABLE IF NOT EXISTS "wfm_demand" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "date" DATE NOT NULL,
    "required" JSONB NOT NULL,
    "activity_id" INT NOT NULL REFERENCES "wfm_activity" ("id") ON DELETE CASCADE,
    "period_id" INT NOT NULL REFERENCES "wfm_planning_period" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_wfm_demand_period__92c468" UNIQUE ("period_id", "activity_id", "date")
);
COMMENT ON TABLE "wfm_demand" IS 'How many people one activity needs on one day, per 15-minute interval.';
        CREATE TABLE IF NOT EXISTS "wfm_schedule_level" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "description" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "period_id" INT NOT NULL REFERENCES "wfm_planning_period" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_wfm_schedul_period__6fc00e" UNIQUE ("period_id", "name")
);
COMMENT ON TABLE "wfm_schedule_level" IS 'One version of a period''s schedule (e.g. \"Base\", \"Draft\"), holding its shifts.';
        CREATE TABLE IF NOT EXISTS "wfm_lottery_award" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(16) NOT NULL,
    "level_id" INT NOT NULL,
    "date" DATE NOT NULL,
    "template_id" INT,
    "job_id" INT NOT NULL,
    "seed" BIGINT NOT NULL,
    "awarded_at" TIMESTAMPTZ NOT NULL,
    "employee_id" INT NOT NULL REFERENCES "wfm_employee" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_wfm_lottery_kind_f4066d" ON "wfm_lottery_award" ("kind", "employee_id");
COMMENT ON COLUMN "wfm_lottery_award"."kind" IS '``UNPOPULAR`` or ``POPULAR``: fairness is counted per kind.';
COMMENT ON COLUMN "wfm_lottery_award"."job_id" IS 'The lottery job, and the seed it drew with (so the draw can be reproduced).';
COMMENT ON TABLE "wfm_lottery_award" IS 'One shift an employee got in a shift lottery: the tally that keeps draws fair over time.';
        CREATE TABLE IF NOT EXISTS "wfm_shift" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "date" DATE NOT NULL,
    "start_minute" INT NOT NULL,
    "end_minute" INT NOT NULL,
    "segments" JSONB NOT NULL,
    "locked" BOOL NOT NULL,
    "created_by_job_id" INT,
    "employee_id" INT REFERENCES "wfm_employee" ("id") ON DELETE SET NULL,
    "level_id" INT NOT NULL REFERENCES "wfm_schedule_level" ("id") ON DELETE CASCADE,
    "template_id" INT REFERENCES "wfm_shift_template" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_wfm_shift_level_i_7f02f5" ON "wfm_shift" ("level_id", "date");
CREATE INDEX IF NOT EXISTS "idx_wfm_shift_level_i_951641" ON "wfm_shift" ("level_id", "employee_id", "date");
COMMENT ON COLUMN "wfm_shift"."locked" IS 'Fixed by a planner: jobs that re-plan a level leave it as it is.';
COMMENT ON COLUMN "wfm_shift"."created_by_job_id" IS 'The job that created it (none: demo data or a planner).';
COMMENT ON COLUMN "wfm_shift"."template_id" IS 'The template it was made from (none: drawn by hand).';
COMMENT ON TABLE "wfm_shift" IS 'A shift on one day of a level: assigned to an employee, or open (no employee yet).';
        CREATE TABLE IF NOT EXISTS "wfm_target_work_account" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "opening_hours" DOUBLE PRECISION NOT NULL,
    "target_hours" DOUBLE PRECISION NOT NULL,
    "planned_hours" DOUBLE PRECISION NOT NULL,
    "balance_hours" DOUBLE PRECISION NOT NULL,
    "weeks" JSONB NOT NULL,
    "calculated_at" TIMESTAMPTZ NOT NULL,
    "job_id" INT,
    "employee_id" INT NOT NULL REFERENCES "wfm_employee" ("id") ON DELETE CASCADE,
    "level_id" INT NOT NULL REFERENCES "wfm_schedule_level" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_wfm_target__employe_f4dfd5" UNIQUE ("employee_id", "level_id")
);
COMMENT ON COLUMN "wfm_target_work_account"."job_id" IS 'The job that calculated it.';
COMMENT ON TABLE "wfm_target_work_account" IS 'An employee''s account for one schedule level, as last calculated.';
        ALTER TABLE "jp_job" ADD "scope" VARCHAR(64);
        ALTER TABLE "wfm_employee" ADD "min_rest_minutes" INT NOT NULL DEFAULT 660;
        ALTER TABLE "wfm_employee" ADD "available_from_minute" INT NOT NULL DEFAULT 0;
        ALTER TABLE "wfm_employee" ADD "available_weekdays" INT NOT NULL DEFAULT 127;
        ALTER TABLE "wfm_employee" ADD "available_until_minute" INT NOT NULL DEFAULT 1440;
        ALTER TABLE "wfm_employee" ADD "max_consecutive_days" INT NOT NULL DEFAULT 5;
        ALTER TABLE "wfm_employee" ADD "time_account_hours" DOUBLE PRECISION NOT NULL DEFAULT 0;
        COMMENT ON COLUMN jp_job."scope" IS 'What the job works on, e.g. ``level:42``: jobs of one scope never run at the same';
COMMENT ON COLUMN wfm_employee."min_rest_minutes" IS 'Least rest between the end of one shift and the start of the next, in minutes.';
COMMENT ON COLUMN wfm_employee."available_from_minute" IS 'Earliest shift start, in minutes after midnight.';
COMMENT ON COLUMN wfm_employee."available_weekdays" IS 'Weekdays the employee can work, as a bit mask (bit 0 = Monday … bit 6 = Sunday).';
COMMENT ON COLUMN wfm_employee."available_until_minute" IS 'Latest shift end, in minutes after midnight (1440 = midnight).';
COMMENT ON COLUMN wfm_employee."max_consecutive_days" IS 'Most working days in a row.';
COMMENT ON COLUMN wfm_employee."time_account_hours" IS 'Balance of the target work account carried into planning (hours; negative = owed).';
        CREATE INDEX IF NOT EXISTS "idx_jp_job_scope_228b9a" ON "jp_job" ("scope", "status");
        -- Written by hand (Tortoise models cannot declare it): one running job per scope.
        CREATE UNIQUE INDEX IF NOT EXISTS "uid_jp_job_scope_running" ON "jp_job" ("scope") WHERE "status" IN ('RUNNING', 'CANCELLING');"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "uid_jp_job_scope_running";
        DROP INDEX IF EXISTS "idx_jp_job_scope_228b9a";
        ALTER TABLE "jp_job" DROP COLUMN "scope";
        ALTER TABLE "wfm_employee" DROP COLUMN "min_rest_minutes";
        ALTER TABLE "wfm_employee" DROP COLUMN "available_from_minute";
        ALTER TABLE "wfm_employee" DROP COLUMN "available_weekdays";
        ALTER TABLE "wfm_employee" DROP COLUMN "available_until_minute";
        ALTER TABLE "wfm_employee" DROP COLUMN "max_consecutive_days";
        ALTER TABLE "wfm_employee" DROP COLUMN "time_account_hours";
        DROP TABLE IF EXISTS "wfm_activity";
        DROP TABLE IF EXISTS "wfm_demand";
        DROP TABLE IF EXISTS "wfm_lottery_award";
        DROP TABLE IF EXISTS "wfm_shift";
        DROP TABLE IF EXISTS "wfm_absence";
        DROP TABLE IF EXISTS "wfm_shift_sequence";
        DROP TABLE IF EXISTS "wfm_shift_template";
        DROP TABLE IF EXISTS "wfm_planning_period";
        DROP TABLE IF EXISTS "wfm_schedule_level";
        DROP TABLE IF EXISTS "wfm_skill";
        DROP TABLE IF EXISTS "wfm_target_work_account";"""


MODELS_STATE = (
    "eJztXWt72kiW/iv1sB/amSUex7GdXrKz82Cb7tCNL2uTyWSafqBAhVEsqmhJhGZ689/3nK"
    "rSBUlchBEIWh+6Y6Q6Jemcupz33OqP0lAYzHKOq8bQ5LWvjLulCvmjxOmQwR8Jd8ukREej"
    "4B5ecGnXks2/jNoUm7aZ37bruDbtYa99ajkMLhnM6dnmyDUFR5rmgBE6NkyXQEPTIqJPZB"
    "8mEmKjCrGFxRxisL7JmUEoh/8cx3yCH2XiimfGHWKzr/AH/B4Jy+yZzDnGpxuiB72Y/CnL"
    "B7V4i9ddhwzMpwFzXGIaxHQIfKwgLjzyLzZch9tfme3AQ/5CgDf2lFTv62Rkix5zHDKhbg"
    "9IK4QSzibwFpMWd5llObID3QpezBXw+NfQtPcs7+ie4UPgl2kTMWKcOOOuz1/FhTE3fxuz"
    "tiueGLSzgRe//AqXTW6w35nj/Rw9t/sms4wZ+ZsGdiCvt93pSF6rc/cH2RAZ3G33hDUe8q"
    "DxaOoOBPdbm2ocPDHOgMsMu3ftMY4DPrYsPXC8oaHeNGiiXjFEA6KhYwtHE1KrFwiuldrt"
    "27tm+7HWbLdLsZHmUYTGhL7UA07hmOCuI7/+CV/h9embs3dn37+9OPsemsjX9K+8+6YeHT"
    "BGEUr23DZL3+R96lLVQvI4YCp140y9Bt645pAlc1ZRRDhraJJj748onz2uLmK0dyHgdDBN"
    "t8DqBXxs1m9qj83qzT12P3Sc3yzJp2qzhndO5dVp5OrRxSu8LmDFUQuS3wn5VG9+IPiT/O"
    "vutibZKRz3yZZPDNo1/1XCd6JjV7S5mMByFuaJd9m7BE0DsT4DD+OCvRpQO1moXvuIWIE9"
    "+RFk6dOAurA+waIoOHTGjp+OSafzcNeotauPj/Ufb2vXnU4ZLjXvfq7dPrYfav+AP/S1+7"
    "tG/eoz9t3pxNfjzXYdncND+nvbYvzJHcDPt6cLBto/qg9XH6oPR29PI4PnVt85lbe+zQgb"
    "VtkvrJcwkefLO0SSf5GbSjS0K8Yu7ku4MxL8+DL8GDvMxr+JsOHXF9El+CVzJLxuTwsFen"
    "pysoJEodVckcp7szIFNUXY7VRbXphk+caXIFS9r2UtU6n7BMqOsN/DHLqFedfpkD7wHrWJ"
    "nhgOUeWxQPmZoz2l7SGTjTWknYJaRJ9YXF5N9vscgYVItjcJS6UdbJ+1fzZndk5v6B/dVP"
    "/5amb3bNzd/ug1D02Vq8bdJTAcdcP+c0iRwQtd2nueUNtox+6IUzGvbfzW8HQYvUI5iMfQ"
    "X4zf50GQkdlEDTwRnnj3loKTkdl2/ZZLoUmVSzVdUhyTO25NYTVzyOOH6uvT8wtimE9S33"
    "eIA/OBGe/lJJCtsR2z+vLeQEw4EbyXMKmyeECh7edL21dCTKMoBBSbWaJ2y96ZffvibIVt"
    "++Js7q6Nt2b3APhqZqXhrk9wAOv/LHPfrKQUvVmgFL2JK0U9myE32ulB6yzlAYLXEnyggY"
    "u2nlJ7Amb17F+IZbWVaw2pz1JuQOrb0ZD/lBYLRF/p8E6IYi24k7spvIHNP6YgzzI4zt0f"
    "QJczn/jPbCqZXIc3oqC9JTBV67cfdTd7xtxv3ujxrgaz2aYTX/8MDyr4dvhi5qo9vPp4Vb"
    "2ulb7tBnH8JLqlBLCBl5fhjC+6zVKEcccZWj2OCcJrW0xQn5c6vj12BxXStWEttYkGrQ7p"
    "UduegqoPOKHTMY0kq9pGelyOIf4oBVwE1Ym6Y8kEkCI2ZL+PYJlCd4fPZs1FPVK8AV6SjY"
    "FJ8odcnEL9hgbGZjuWrTbeqzPuDk03UHk23LtL7az67qNZZ5BR5yNb4KaVwfgIxp3FqMPa"
    "0K0J/eJXbPIpPaFGi37cS7ouoPc2obc3zVeFhl77PJvncwO8+4DuxnYq/oZIDpDFmfgkRt"
    "SmQyfO5J8e726TmRxQRMGX2XPJ/xHLdDLT1Ev/3R/zHrKRdMem5ZrcOcbH/s8ODODIocUG"
    "8KituzyLsLCDy6jbj7nwUU+pBBKmKUSyeZH4SkB8Garx8TCGsWaF41Nv0Rz4+PHypt5s1q"
    "5TyiAgrBD/zxZ/+Hh7W7/9sUL0Hy1+Vb29qjUa8mLwN1y/u7lv1CS9/2eL/1CtN/CS+ten"
    "lq28P6M4YyV75MUq5sioASRkjbxI8LrPaNhpDFNR2gM0SB6SbUrCnXXEHKIrrI+5l/B6U3"
    "mGspBynqUcMS2kEXOEtJBznuUctvJEzN2WoHMMGWGiiHj7SJXVHnxyfLJ9kV7ffbxs1Mj9"
    "Q+2q/ljXmrAvQ3lTWpl+s0xl/36oVRtROKgZ1p4b+jQffSfRHpwPPBMQDlzDV47xej7mCy"
    "hehPj2Z73KBNox2xYJ/rP50X0+wVrjen+4vbHgvugo9yBS3xbDdJ7hOdQ5Dordspk6nP/h"
    "suEoYT2ZH2YcUGzP7Z5yiyx9EBMypHxKUBlzCCUTYaOvcUAd0rMoXDSkJ/KL6L7XSVC6xc"
    "SGHQ8dlU9jahvQrItxkHHfZiZPyFjYMc9USiU4ib7QhPOsCashl0YzCygOYd/aQlAi4/Cl"
    "47VAZYR0b6ZS6dOAcW91+87xIjhkbo1FHRcWQY4Lm6uyTnWcx5FME2UgoZ5pMfs7XCdF7/"
    "lVUq7Oprs/4CnuhwSsnPvlEeR4gqt0LT0E5MbpEMH9xDwLNlSrcnba6VSwgUw7FpwR+WmE"
    "43ZL7DEnug+HqskTTwjb5BNaHCcpOaJkRG3XpBZRTCKSNYRalpg4shPtG/lr4A6RLzGCPm"
    "X/iWM2ax96EYBZBGDmOADzARbKh/pVc1EEZtjSa7EE89+lJvvh5wdmyToL8/n8k+j+AL0c"
    "EKu/ZRyhOrdkh3+vvDxW9QXlOioaZyk/OumBmgBaA5bWwOW1TCamO5A5bXKdlhU1MGV2aX"
    "WOdfvFYhydDn4TBrPKQhxkBNCQE7WGlgkXLlzrqyWAPLNpWZIHqg+OSXlJTGAIEmrDLgM7"
    "hAnaD8hVEEZ7AyI5ViayxgemsQ8EUfPGIEfCJj1cTywL64TAr5Bt5BU0NYEeHtXCZWeKu5"
    "NUoWxDvQiQki7sbozavQF2QPsus/1dU4f0Pgm+arrfTDBjFgGe4STojfRfREluM0pSTZYU"
    "jA0IslJB9o+9RXWXA7fqHG51lwGoB/A6RgUgmB9VpqqsaNCEP1rj05PTC7mddTrXNRk6Bh"
    "vsX+GXglTth9r/fgQ24+U5pUCyetKWa78ceJ0QRANSoelR+BOUHjeh1IczdVw2JEfKdOmU"
    "QYWhgKUTDEub6bKoJLL/lUTCDEcdIm16Rpgmz3a0ZhxKaP0fJCDnAij1MitvSibMZuTInw"
    "uABSSyULYvy4A5IB1AzpyJlc1jtmwFQ7lKrJVeDQ2T5Xhd3a05bGfps9KWk2yb8Mw8S00T"
    "fa/h8mo9REXdECQp65I5ANnl5oLopwsjHBF7vACnmg9wcQjY3uRMgnCYQF9Zoh860yclAP"
    "pfSjqhWPLx1wi+L9DyNtEy136NVTctr32ecUCeYu3giS7sTKmVgyjdAfI7E1e6Y/47gc9z"
    "lwmveeF8SkARegwm+EBMTu3pwoGbwNTu1FUOlT1j6wKeXerITx9LwNC8rN9WHz4ng4nLhE"
    "jRy8/NWrWoUrXyID/cKlU5tFzv3fq1wHmulc4X+s51vZw9Y+2qrvNgROWsdNGj9jjapWQA"
    "Ftwvr4DCnJnWS6HYp4GQQbm+29OP51HeTxwiFRmWg+7MkYwkg0tlabV4VdaxPngdSxklGJ"
    "M32T26jD/Z2A9XbmXp4MWDGNDfekQJF6/FKOSG7Zu24+LT0P+Mdn7o0nQJ5c6E2Q5plSYD"
    "4bAWly/VE2MLvcumQ76abILhRoz9vVXyzZ4C3gXvfOcoMylgSnwQvokYu8QBgMjRoIO9zQ"
    "eIntrrhXIUILEoPJML0FIEzeVz+ObHStiEt7vHw3Smc7aqUINV9ir82vYoaL90t8K0knC8"
    "qTSnyxxzaUCnfLbwPSzg8lSDI1jISQXeo9LRLqtj70ygToK5PpOn4N5V9c9N8DcNKjc+2b"
    "lDzOGQGSaMbmsqnQSgo6itBsOqBOxU+vQg2VzGUxV1xHO4p+zEY5YzFme8s8gZkIa/PsEW"
    "PcD1m5vadR3Qd+NzSmdwqdMJEau4i+tao/pZxlccdbEEKCyqdNqGdWjswgLTeaWjMKr1xu"
    "d2tYnNOh1cItqi3zbotJO00mX3mC2XG5p5yxRLWowut0mbOzOVhoSbSlGeJctv4AVMgg8f"
    "Kjc3GIPMiRrM/5bO97JEfuHBnjSD0hEvnBfnK0yL87mz4jw6KbyXSSs2j2aLMvvYvEoptt"
    "xsRTJzqY22Ads0Enh9KYTFKJ8TbRYjjnoWgDorrnsKQYq5ckOnWiF9Mr966igeatPpeMUT"
    "j+VWW3VhSkwG6pRLHeny99jseXl3KRwad3eNGWv5ZT0a/fTx5rIGG48UflDcJb4kjkfGmj"
    "6MWcrCh5EXH0ZCYLF++7jUu9OUNo0oXRH+lCvDxoNIjn2S18tLzBi212iVoCc8TzFmPTDU"
    "GcbvpY1anxNMHYJVdpJMCqpFkjK/6QegxQIjF2Ux2teg3qgzly1cqWWWlsFUjtaA2SxIsK"
    "JeiKIMmGK/u0zlbA0LW0UObRW7DZI6aBtF+LViHJ4frR4hyy9wym3EulrB4jxfUATOpyjK"
    "fi8Wxxq14YqIn0PTlleJ+Ckw0qFJfR5GyokaLyt/JKjxXkWQhWq8V31kuRr/KIYMnYKYI6"
    "dsEY701U2o2xuAeiyDP0jdYNw1XXVe13tP6zaYjcozFl0knQ6q00kmxY0/QVVaUD/kee5Y"
    "amFGqydHFdQQoyDg+PJjvdFs12/bD3eN2qMy/lNS6VnUcSodBEidFp8POKh8moIFQ/32nJ"
    "mo+EuDD/wSPiJxsQZQgRFyiBFwcqTFCWGaAissxQr5z1XZ66rQ2kizKne99llxNzZySyOL"
    "cq62oH0cvqbThk0TVvSU7o8Zulx7PjaSUrE5D0SBqQ5Nu56HqVJo1yHPr3hm/IUV3qojs4"
    "nd7OEQmJcSEE1JeXkNvENiTpbgrNp1GOaeJOAz71Z5EUSb9IdtGmq4FKZdY7029D8MR5aY"
    "MumMQF8F1mvDYm1jC+u/faU9KeOyLGWHwftlYloWZ47zqky6AlMMuOEQk/esscGMOFjL8D"
    "kp68V5b6CdjOp0LVzHiwJve4O0QkJL3NYXxDb6VIu29P1drpL4iVtyrNy4kZp9YZo/NfNA"
    "cXKSfFULgJJPcXBANJtq+LNr9IqrZ4SqSIxZnhDrsSzO5dRZsbVQV3vG5FVTYyMDLE/5sT"
    "73EzTHsGQWq47h4bBKpM6I2bCu6Tp4fEaZ0wWN5XEKY4yH0dWP9X0yHDsuFh0asZ7rZY4O"
    "k4J1MnlGYTrPl0LHx8NuuhNmAoqDM5ufrmbaXWDZ3T+z+RaZm4Hh3GV0mIa/XvutGc63xt"
    "5sKjo9m5aVKlApoMhHoBI+L22gUukRP0I5ov0TZX5ple7he1gL2rdKtSE1rVbp10T3eFrq"
    "HYc/TRh7tqaohEm1oz0QYzvd2btze9jmQbw7QqkbOIl3Lc9U4ZYqEmMKt9RqiTH0K6y3yP"
    "Y2rlQGnabJwE0m3p6N483pu5Tb1yf9nhKfhe3+8pw0VSKCdE0MeXKeyRH+dUL+Rm4EBypd"
    "M1/ev4Crj2O8mnTKX1ZPyfpQDV+e8mxhlVq91niI0Oc2M7tUo7ZlMoDkzsDsu16lEJMTnV"
    "euC1INTYNjrFtc1ut0sDUxjrlrWi+RY7SDLc7ts7O0smzAK/iCYNxYIAZyhP3D7PIuJMzi"
    "l3eX9XEKJm/DTuCuUTshiXR7sr24SC1aRpXZDL2zLuw2qgo4pqd5x1dKMXlnjKkqO3ALf3"
    "D2+8yUTBD1xrvPWvSAb/ERrDdGXbedcuOeR769IXCecgDcgNojd08s0if3VmC4LMAUl+aS"
    "ttuouUF7PQFr5xqAMZl8m2jx5Djt7LykFvphvAkBk+OJKQkQ/SWg/Ni2f7afjJhE4RzJD3"
    "wPU+iJ4kCEFVRMmJGwGGfziOzB7FohYDpa5qVBYEHMzZ7hrZViwCyBlVKnbYr8eCGrGqqv"
    "KrY/VH7JHeyFfHrEPlZgUM4KHqzEH1xLvIX3hWxqytXpE3RYVf0d0pjK0mMs7cOlBHexul"
    "Fe5it2/GYrOIplY1lyAe2FmI41BPRts9/GpjrGyfNRHyvLfadDBgK+QhNKK3ZiKYfNdVy4"
    "hHPmEi4qLuhqZ6t41M7nO9TOY/60hRUX5nP48CouZOQaXk8RVQuY+WJVVC+EuVEd5LF+/j"
    "rtm2g5Y7AMq6gcPNTcW7+PuOCsAk2naAvA1dwQxEwwGuVoL/V5nhS3H5LHksD9cMvlJxIg"
    "HpMpwwYborHElNxkPTSvIFvl8YlSEcUT3xVKA8gGt7Q/WJX3R+A2Qqdwgq0mo2cUW22+tl"
    "osUZVmI/DaH9xWW0Re7VtoEHBOpIob9Am2qL78x5v+u3fds5RaTOkKXnVsyxpyA1n3Xq62"
    "XnArnrASRPboRyQFAq3fzUJxLlpyPGG+myvKd7HccwXZDIUr0wX+J9LmuHrkdjWijFMIZp"
    "mfYH9Pm0jg2x8OWlab7HfNdIbEaTOT1PBQe2w+1K+ai7IawrASdcSXoZdrv4892+t2Y8ND"
    "1buJg4dKgcVteTMNliIQqcq33XD7VYx7SPWdA/9SPKVMh2WgQxd3mq7N6PNif/75a3ULSN"
    "lojp1v08/AYk+PCrlgL91pqHGng7mOqn2ng0FCpxdnMkrilazfKo9T6zJL8CeHuEI6rQ06"
    "LbBNgW1yxdoC2+w1tlH56qkjyqJkRR5sQuRIsMCn4OwsUcHXBL7Knbi95shNJs4zkPs00O"
    "Fr8tW98+m0ss6FupwUtbw63VYElj6qMUaX27jj3ebarwKcDi9cRKJbD0fgoY8T6gBqNXTJ"
    "VT3QDYCjHFXvASjxuXbwaFiagLACwLoYWgXgeLXjO6H1lIyYGFlM4gvfEqAsBIJ7qKMsj3"
    "0O8A1whNlfqZV8XufLu9VVcrXtwI+n0IVxYRbUHv5RbTy272sP7evqZzyOCCvnqnxtpxw6"
    "bxqtHCcnlZOT1/D/N+eVFqf4ZEB5vbGNh2c4BJOBVFFffZw1xXdkEoVRfENTGN85Ie8UJX"
    "02wfBT/HMBJvulpIilQEJ+N1UIqkBsO0RsaesSFTWJQra8OOMWnOYQotl+mvRuWJdJ6rK3"
    "gKTzWkSoCjiRoJ2qRTodX2doCq4u9+AEO+ELPTf3OhHg3u9wzxi9qudkZogll4FKWh82wO"
    "IU0V37ytzIupinKluRAZ4AB+JTYDEs8HJn2iF1dCk+kK5D12Zub4BJOjLtigYufdODWqBf"
    "H8WLpr7S3v4+RgVgMnlC4FcmTyhcI/lStIsI6+yt90WN2qJG7S6YVxx8MH/u72eFmY0efF"
    "CE6ixNeWVfWVLNuVQ2ea0vNbCvQ2JUpjFNM0xLimmKcnVJTJNu3rb89ksV7DvOyFdm4zEA"
    "qP6GLM2+CnwkNdwWjAdHl9O7tmnfbZVA+UWLOKY84Il0yrcT17A3/wg0zN+r85Ec0hOjKV"
    "FjGCOUXHuKAYUYryTGqraGAlXSHI+JGfjHFF2PGNXEbOkPeC/P0GtxmQHSG1C4AS8qe4X7"
    "8PbEHnM8kU7W6ZBH2MGWQI7gp2kjLXyLGEm4gC0k4dxky7BFXkq8sML/ecHBrlWE7OFBkY"
    "M5J9l1tWzXRemu8SSRQhn+kyjDRZHNQ5a6x6NFRTYLj9GmtIPCY7Rdj1HeIsX2hdVFZaGc"
    "IfiZCl8JAD5aAWwxfp+pPbY6fPeKSAapdU/CVcUJ1S3db0XXuLOsqap08MzYyJGhiQ70Dz"
    "hWINCVO34iiM/qQSmPNXw2lS0ufEYRti8ONMzLflpegLY96a0KA732eUbbpU7n4+393f3H"
    "RvWh0yHCJp2O/7Mihzwe7InWIbm8MkOGnOKnxWfaC/tajO8vVoH3UZ02hO4vooBTWrrS6a"
    "BhkkIFTQgFK8JC13ADeiH46cZihCrHCTg7G41fRDcdTwOCPM9uGfijFRY04JeDMtwMy/26"
    "oK+wiTp278gR8g5qMN7RfDYb2cIY9xLrCm+474wljC+VACDMp/mJlywxljpXAk47Yf7r9P"
    "Tt23enJ28vvj8/e/fu/PsTn6/xW4sYfFn/EXk8s4UmHKeASv5aNrtZygO02e2vjS5umi3O"
    "992Soa4437eUwkiX4/N9ldFuXoWX5VYUx2+2akGXUC6gClCQCKVCqOPAuIEN2xVhq0cZQZ"
    "kYMY7JnYEtZMqSah9t/hEqK9FhT0MGQgeI6ECfEzSzDIAxjDvwg/EKnoH4R8sPMW/By7zF"
    "wAoZdil/4XEpLYwjxF8X6I1s8QiFGmQhImgWJnqLLkx1stSv8CZzq9KAAiT7anE/C7PLMK"
    "iDqvzvY9LEmAxZWDN0BopiHfb/5kwmSJYx2gNPYwgnSko1yvTatTgoVBgTorpXIRymzKUk"
    "3bH1DC/pMHjEEegwpAJjqNJBSyqznWMdjgKExz57V62YPWOhCiNclWZZXt88hbvJnL4js/"
    "jFjyosYUX2Z560vQSYX1SKKSrF7Btfvc0kztUFxzqHaPb3YOdNLAKZ5DFbovecaPRYdAJw"
    "QLTFE4D9KylMWz+Y0BtWG6G6TrldkfGtyhtns9d41VeO4IO/ysol1MH/mwkhvJvocCfHD3"
    "tRbd1pO7UdM5E2xxZiaXXEUGQVxKzeHgXg1aBhQ0FQG0Fw4QtyjvVyzX6y3qF2Zk05cCN/"
    "4cbbPE8P3SOVYeWrjG2Ffn7MCw2Fh5r1VI5YC8NTfXkNiN1YYnO2QG/CEAvvQG4/NhqlxG"
    "VlE+M3WjM7FzzeyLqydidryjGybM+R4w4t6o8MZIajYZ5l3W9QXq12uhNuv4Kp3WYj0CTR"
    "KqvMuiOK/nFOjmzhyvhUv5YGnqfLqG1Ndb5fmbgToSpziH4/yca+sb6VcV2T+xX/0HYMYN"
    "yeylAraFzxQx6DIWZIoz2yXp0XpW39/fcw+lpcvaGjRl9w2LehR6fpaLs02rbdooZIDs21"
    "RQ2RIknwMJIE9fKWxhwZIinqJ6a0O6YoW5GlFhBP8kjQBBIzQRZrA64kaYfTUVZUCQJ/93"
    "d4/o8klXsn7rd+bQAJPspoS7TwLMYetXpj3HETQqdf3KPa/rvUQr25PRBjGx3sf5OueNQu"
    "9B3yn/75j6+J+v73pNOR9b98pQE3eXssc75a3CPEJqhv4r+eix7/fvQc7K3S6cnpu9cnb1"
    "6fnKlKCKr/D/gu2ODs5PikDO9Z0m/g33h7eix98/pR/vXX3x/PeOnnVyUIAzcFkYvCBLvU"
    "OPSoU+MwAe5Zgs7hcIwywuw+kh7Wcn199/GyUSP3D7Wr+mNdL91+KKC8OesseKhVG1GLnV"
    "rK0vM7SliwexV26xVsDX7HKAuGr8LwmY0tFcNjlAXDV2G41AjS6Nk+QeHz34juPeML9vW8"
    "dcqjRImLuPtcx91vO2tpJy5+f0wS013mxo+1PVhXfd6mVeGrzydPi2SSbSaTxEZw4X/foP"
    "99NybFKrPN3qCUYEfUd8qLjIc0aLPMVjifo4WXLF82K13oNY0PJ0SS5yIfa3pwTs/PV/Dg"
    "QKv5xxHjvUjyMEyqFBzWzQ+Qu5n4IuGJLuMJEHE+bg+RFP6xffKPfft/yov1xA=="
)
