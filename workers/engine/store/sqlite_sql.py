"""Every statement the SQLite job store runs, by name (named parameters, ``:job_id``).

SQLite has no data-modifying CTEs, so a status change is a transaction of a few
statements (:mod:`workers.engine.store.sqlite`): the guarded ``UPDATE … RETURNING``
below, then the snapshot and the audit event. Lists travel as JSON arrays
(``IN (SELECT value FROM json_each(:sources))``). ``:target`` and ``:sources`` come from
the change's :class:`workers.engine.store.base.Move`, so only moves in ``TRANSITIONS`` are
written. Every write sets ``version = version + 1``.
"""

from __future__ import annotations

_GUARD = "id = :job_id AND status IN (SELECT value FROM json_each(:sources))"

STATEMENTS: dict[str, str] = {
    # ------------------------------------------------------------------- reading
    "LOAD": (
        "SELECT j.*, u.username AS username__ FROM jp_job j "
        "JOIN jp_user u ON u.id = j.user_id WHERE j.id = :job_id"
    ),
    "ATTEMPTS": (
        "SELECT id, attempt, status FROM jp_job "
        "WHERE id IN (SELECT value FROM json_each(:job_ids))"
    ),
    "FINISHED": (
        "SELECT j.*, u.username AS username__ FROM jp_job j "
        "JOIN jp_user u ON u.id = j.user_id "
        "WHERE j.id IN (SELECT value FROM json_each(:job_ids)) "
        "AND j.status IN (SELECT value FROM json_each(:statuses))"
    ),
    # ------------------------------------------------------------------- creating
    "INSERT": (
        "INSERT INTO jp_job (type, feature, params, settings, user_id, status, "
        "submitted_at, start_at, resubmitted_from_id, enqueued_at, progress, "
        "progress_message, attempt, scope, subject, refs, search_text, version) "
        "VALUES (:type, :feature, :params, :settings, :user_id, 'SUBMITTED', :submitted_at, "
        ":start_at, :resubmitted_from_id, :enqueued_at, 0, :progress_message, 0, :scope, "
        ":subject, :refs, :search_text, 1) RETURNING id"
    ),
    "ADD_SUBMITTER": (
        "INSERT INTO jp_job_submitter (type, user_id) VALUES (:type, :user_id) "
        "ON CONFLICT (type, user_id) DO NOTHING"
    ),
    "LOG_EVENT": (
        "INSERT INTO jp_job_event (job_id, at, kind, actor_id, message, job_type, "
        "job_owner_id) VALUES (:job_id, :at, :kind, :actor_id, :message, :job_type, "
        "(SELECT user_id FROM jp_job WHERE id = :job_id)) RETURNING id"
    ),
    # The ``DELETED`` event, written after its job row is gone.
    "LOG_EVENT_OF_GONE": (
        "INSERT INTO jp_job_event (job_id, at, kind, actor_id, message, job_type, "
        "job_owner_id) VALUES (:job_id, :at, :kind, :actor_id, :message, :job_type, "
        ":job_owner_id) RETURNING id"
    ),
    "INSERT_FILE": (
        "INSERT INTO jp_job_file (job_id, name, content_type, size, content, created_at) "
        "VALUES (:job_id, :name, :content_type, :size, :content, :at) RETURNING id"
    ),
    # ------------------------------------------------------------------- status changes
    "CLAIM": (
        "UPDATE jp_job SET status = :target, attempt = attempt + 1, started_at = :now, "
        "lease_expires_at = :lease_until, worker = :worker, progress = 0, "
        "progress_message = 'Started', error = NULL, version = version + 1 "
        f"WHERE {_GUARD} AND (start_at IS NULL OR start_at <= :now) RETURNING id"
    ),
    "COMPLETE": (
        "UPDATE jp_job SET status = :target, finished_at = :at, progress = 1, "
        "progress_message = 'Completed', result = :result, lease_expires_at = NULL, "
        f"version = version + 1 WHERE {_GUARD} AND attempt = :attempt RETURNING id"
    ),
    # Failed, cancelled (withdrawn, or stopped at a checkpoint), and the reaper's versions
    # of both (``:expired_before``); ``:attempt`` is null for a job no worker holds.
    "FINISH": (
        "UPDATE jp_job SET status = :target, finished_at = :at, error = :error, "
        "lease_expires_at = NULL, progress_message = :label, version = version + 1 "
        f"WHERE {_GUARD} AND (:attempt IS NULL OR attempt = :attempt) "
        "AND (:expired_before IS NULL OR lease_expires_at < :expired_before) RETURNING id"
    ),
    "REQUEST_CANCEL": (
        "UPDATE jp_job SET status = :target, progress_message = 'Cancelling…', "
        f"version = version + 1 WHERE {_GUARD} RETURNING id"
    ),
    # A release (``:enqueued_at`` null: a running worker sends it) or the reaper's retry.
    "REQUEUE": (
        "UPDATE jp_job SET status = :target, lease_expires_at = NULL, worker = NULL, "
        "enqueued_at = :enqueued_at, progress = 0, progress_message = :label, "
        f"version = version + 1 WHERE {_GUARD} AND attempt = :attempt "
        "AND (:expired_before IS NULL OR lease_expires_at < :expired_before) RETURNING id"
    ),
    # ------------------------------------------------------------------- other writes
    "PROGRESS": (
        "UPDATE jp_job SET progress = :fraction, progress_message = :message, "
        "version = version + 1 "
        "WHERE id = :job_id AND attempt = :attempt AND status = 'RUNNING' RETURNING version"
    ),
    "NOTE_WAITING": (
        "UPDATE jp_job SET progress_message = :message, version = version + 1 "
        "WHERE id = :job_id AND status = 'SUBMITTED' RETURNING version"
    ),
    "RENEW_LEASE": (
        "UPDATE jp_job SET lease_expires_at = :until, version = version + 1 "
        "WHERE id = :job_id AND attempt = :attempt "
        "AND status IN (SELECT value FROM json_each(:statuses)) RETURNING id"
    ),
    "MARK_SENT": (
        "UPDATE jp_job SET enqueued_at = :at, version = version + 1 "
        "WHERE id = :job_id AND status = 'SUBMITTED' AND (:since IS NULL "
        "OR enqueued_at IS NULL OR enqueued_at < :since) RETURNING id"
    ),
    "MARK_UNSENT": (
        "UPDATE jp_job SET enqueued_at = NULL, version = version + 1 "
        "WHERE id = :job_id AND status = 'SUBMITTED' RETURNING id"
    ),
    # ------------------------------------------------------------------- deleting
    "DELETE": (
        "DELETE FROM jp_job WHERE id = :job_id AND version = :version AND status = :status "
        "RETURNING id"
    ),
    "DELETE_FILES": (
        "DELETE FROM jp_job_file WHERE job_id IN (SELECT value FROM json_each(:job_ids))"
    ),
    "DELETE_EVENTS": (
        "DELETE FROM jp_job_event WHERE job_id IN (SELECT value FROM json_each(:job_ids))"
    ),
    "PURGE": (
        "DELETE FROM jp_job WHERE id IN (SELECT value FROM json_each(:job_ids)) "
        "AND status IN (SELECT value FROM json_each(:statuses)) RETURNING id"
    ),
}
