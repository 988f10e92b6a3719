"""Every statement the PostgreSQL job store runs, by name (named parameters, ``:job_id``).

A status change is one statement: the guarded ``UPDATE … RETURNING`` (``changed``) feeds
the audit insert and the snapshot, which is atomic on its own and one round trip. The
audit event is stamped with ``clock_timestamp()``, read after the row lock was taken, so
a change that waited for another is stamped later and the trail lists changes in the
order they happened. ``:target`` and ``:sources`` come from the change's
:class:`workers.engine.store.base.Move`, so only moves in ``TRANSITIONS`` are written.
Every write sets ``version = version + 1``.
"""

from __future__ import annotations

#: The job with its submitter's name, the shape every snapshot is read in.
_SNAPSHOT = (
    "SELECT changed.*, u.username AS username__ FROM changed "
    "JOIN jp_user u ON u.id = changed.user_id"
)

#: The audit event of a change (after ``changed``); ``{attempt}`` in the message becomes
#: the attempt the change left the job at.
_LOGGED = (
    "logged AS (INSERT INTO jp_job_event "
    "(job_id, at, kind, actor_id, message, job_type, job_owner_id) "
    "SELECT id, clock_timestamp(), :event, :actor_id::int, "
    "replace(:message, '{attempt}', attempt::text), type, user_id FROM changed)"
)


def _change(update: str) -> str:
    """A guarded update with its audit event, returning the snapshot (or no row)."""
    return f"WITH changed AS ({update} RETURNING *), {_LOGGED} {_SNAPSHOT}"


_GUARD = "id = :job_id AND status = ANY(:sources::text[])"

STATEMENTS: dict[str, str] = {
    # ------------------------------------------------------------------- reading
    "LOAD": (
        "SELECT j.*, u.username AS username__ FROM jp_job j "
        "JOIN jp_user u ON u.id = j.user_id WHERE j.id = :job_id"
    ),
    "ATTEMPTS": "SELECT id, attempt, status FROM jp_job WHERE id = ANY(:job_ids::int[])",
    # ------------------------------------------------------------------- creating
    # Many new jobs in one statement (the inserter's batch, a bulk resubmission), in the
    # order given: ids are drawn in ``ord`` order, so the n-th id is the n-th input row.
    # Each gets its SUBMITTED event; a copy also gets a RESUBMITTED event on its original.
    "INSERT_MANY": (
        "WITH input AS (SELECT * FROM unnest(:types::text[], :features::text[], "
        ":params::text[], :settings::text[], :user_ids::int[], :submitted_ats::timestamptz[], "
        ":start_ats::timestamptz[], :resubmitted_from_ids::int[], "
        ":enqueued_ats::timestamptz[], :progress_messages::text[], :scopes::text[], "
        ":subjects::text[], :refs::text[], :search_texts::text[], :messages::text[]) "
        "WITH ORDINALITY AS i(type, feature, params, settings, user_id, submitted_at, "
        "start_at, resubmitted_from_id, enqueued_at, progress_message, scope, subject, refs, "
        "search_text, message, ord)), "
        "changed AS (INSERT INTO jp_job (type, feature, params, settings, user_id, "
        "status, submitted_at, start_at, resubmitted_from_id, enqueued_at, progress, "
        "progress_message, attempt, scope, subject, refs, search_text, version) "
        "SELECT type, feature, params::jsonb, settings::jsonb, user_id, 'SUBMITTED', "
        "submitted_at, start_at, resubmitted_from_id, enqueued_at, 0, progress_message, 0, "
        "scope, subject, refs::jsonb, search_text, 1 FROM input ORDER BY ord RETURNING *), "
        "numbered AS (SELECT id, type, user_id, submitted_at, resubmitted_from_id, "
        "row_number() OVER (ORDER BY id) AS ord FROM changed), "
        "logged AS (INSERT INTO jp_job_event "
        "(job_id, at, kind, actor_id, message, job_type, job_owner_id) "
        "SELECT n.id, n.submitted_at, 'SUBMITTED', n.user_id, i.message, n.type, n.user_id "
        "FROM numbered n JOIN input i ON i.ord = n.ord), "
        "resubmitted AS (INSERT INTO jp_job_event "
        "(job_id, at, kind, actor_id, message, job_type, job_owner_id) "
        "SELECT o.id, n.submitted_at, 'RESUBMITTED', n.user_id, 'a copy was submitted', "
        "n.type, o.user_id FROM numbered n JOIN jp_job o ON o.id = n.resubmitted_from_id), "
        "submitter AS (INSERT INTO jp_job_submitter (type, user_id) "
        "SELECT DISTINCT type, user_id FROM changed ON CONFLICT (type, user_id) DO NOTHING) "
        + _SNAPSHOT + " ORDER BY changed.id"
    ),
    "LOG_EVENT": (
        "INSERT INTO jp_job_event (job_id, at, kind, actor_id, message, job_type, "
        "job_owner_id) VALUES (:job_id, :at, :kind, :actor_id, :message, :job_type, "
        "(SELECT user_id FROM jp_job WHERE id = :job_id)) RETURNING id"
    ),
    "INSERT_FILE": (
        "INSERT INTO jp_job_file (job_id, name, content_type, size, content, created_at) "
        "VALUES (:job_id, :name, :content_type, :size, :content, :at) RETURNING id"
    ),
    # ------------------------------------------------------------------- status changes
    "CLAIM": _change(
        "UPDATE jp_job SET status = :target, attempt = attempt + 1, started_at = :now, "
        "lease_expires_at = :lease_until, worker = :worker, progress = 0, "
        "progress_message = 'Started', error = NULL, version = version + 1 "
        f"WHERE {_GUARD} AND (start_at IS NULL OR start_at <= :now)"
    ),
    # Many claims in one statement (the claimer's batch), all by one worker at one time.
    "CLAIM_MANY": _change(
        "UPDATE jp_job SET status = :target, attempt = attempt + 1, started_at = :now, "
        "lease_expires_at = :lease_until, worker = :worker, progress = 0, "
        "progress_message = 'Started', error = NULL, version = version + 1 "
        "WHERE id = ANY(:job_ids::int[]) AND status = ANY(:sources::text[]) "
        "AND (start_at IS NULL OR start_at <= :now)"
    ),
    "COMPLETE": _change(
        "UPDATE jp_job SET status = :target, finished_at = :at, progress = 1, "
        "progress_message = 'Completed', result = :result::jsonb, lease_expires_at = NULL, "
        f"version = version + 1 WHERE {_GUARD} AND attempt = :attempt"
    ),
    # Many completions in one statement (the completer's batch): one row of input per job;
    # ``id = ANY(…)`` lets the planner find the rows by primary key instead of a scan.
    "COMPLETE_MANY": (
        "WITH input AS (SELECT * FROM unnest(:job_ids::int[], :attempts::int[], "
        ":results::text[], :ats::timestamptz[]) AS i(id, attempt, result, at)), "
        "changed AS (UPDATE jp_job j SET status = :target, finished_at = i.at, progress = 1, "
        "progress_message = 'Completed', result = i.result::jsonb, lease_expires_at = NULL, "
        "version = j.version + 1 FROM input i WHERE j.id = ANY(:job_ids::int[]) "
        "AND j.id = i.id AND j.attempt = i.attempt "
        "AND j.status = ANY(:sources::text[]) RETURNING j.*), "
        + _LOGGED + " " + _SNAPSHOT
    ),
    # Failed, cancelled (withdrawn, or stopped at a checkpoint), and the reaper's versions
    # of both (``:expired_before``); ``:attempt`` is null for a job no worker holds.
    "FINISH": _change(
        "UPDATE jp_job SET status = :target, finished_at = :at, error = :error, "
        "lease_expires_at = NULL, progress_message = :label, version = version + 1 "
        f"WHERE {_GUARD} AND (:attempt::int IS NULL OR attempt = :attempt) "
        "AND (:expired_before::timestamptz IS NULL OR lease_expires_at < :expired_before)"
    ),
    "REQUEST_CANCEL": _change(
        "UPDATE jp_job SET status = :target, progress_message = 'Cancelling…', "
        f"version = version + 1 WHERE {_GUARD}"
    ),
    # A release (``:enqueued_at`` null: a running worker sends it) or the reaper's retry.
    "REQUEUE": _change(
        "UPDATE jp_job SET status = :target, lease_expires_at = NULL, worker = NULL, "
        "enqueued_at = :enqueued_at, progress = 0, progress_message = :label, "
        f"version = version + 1 WHERE {_GUARD} AND attempt = :attempt "
        "AND (:expired_before::timestamptz IS NULL OR lease_expires_at < :expired_before)"
    ),
    # ------------------------------------------------------------------- other writes
    "PROGRESS": (
        "UPDATE jp_job SET progress = :fraction, progress_message = :message, "
        "version = version + 1 "
        "WHERE id = :job_id AND attempt = :attempt AND status = 'RUNNING' RETURNING version"
    ),
    # Many progress reports in one statement (the progress writer's batch).
    "PROGRESS_MANY": (
        "UPDATE jp_job j SET progress = i.fraction, progress_message = i.message, "
        "version = j.version + 1 FROM unnest(:job_ids::int[], :attempts::int[], "
        ":fractions::float8[], :messages::text[]) AS i(id, attempt, fraction, message) "
        "WHERE j.id = ANY(:job_ids::int[]) AND j.id = i.id AND j.attempt = i.attempt "
        "AND j.status = 'RUNNING' RETURNING j.id, j.version"
    ),
    "NOTE_WAITING": (
        "UPDATE jp_job SET progress_message = :message, version = version + 1 "
        "WHERE id = :job_id AND status = 'SUBMITTED' RETURNING version"
    ),
    # The leases of all the jobs a worker runs, ``{job_id: attempt}`` as two arrays.
    "RENEW_LEASES": (
        "UPDATE jp_job j SET lease_expires_at = :until, version = j.version + 1 "
        "FROM unnest(:job_ids::int[], :attempts::int[]) AS a(id, attempt) "
        "WHERE j.id = ANY(:job_ids::int[]) AND j.id = a.id AND j.attempt = a.attempt "
        "AND j.status = ANY(:statuses::text[]) RETURNING j.id"
    ),
    "MARK_SENT": (
        "UPDATE jp_job SET enqueued_at = :at, version = version + 1 "
        "WHERE id = :job_id AND status = 'SUBMITTED' AND (:since::timestamptz IS NULL "
        "OR enqueued_at IS NULL OR enqueued_at < :since) RETURNING id"
    ),
    "MARK_UNSENT": (
        "UPDATE jp_job SET enqueued_at = NULL, version = version + 1 "
        "WHERE id = :job_id AND status = 'SUBMITTED' RETURNING id"
    ),
    # ------------------------------------------------------------------- deleting
    # The job's files go with it (ON DELETE CASCADE); its audit trail stays.
    "DELETE": (
        "WITH gone AS (DELETE FROM jp_job WHERE id = :job_id AND version = :version "
        "AND status = :status RETURNING id, type, user_id), "
        "logged AS (INSERT INTO jp_job_event "
        "(job_id, at, kind, actor_id, message, job_type, job_owner_id) "
        "SELECT id, clock_timestamp(), 'DELETED', :actor_id::int, :message, type, user_id "
        "FROM gone) "
        "SELECT id FROM gone"
    ),
    # Retention: finished jobs go with their files and their audit trail.
    "PURGE": (
        "WITH changed AS (DELETE FROM jp_job WHERE id = ANY(:job_ids::int[]) "
        "AND status = ANY(:statuses::text[]) RETURNING *), "
        "events AS (DELETE FROM jp_job_event WHERE job_id IN (SELECT id FROM changed)) "
        + _SNAPSHOT
    ),
}
