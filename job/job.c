// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The job registry and its QMP commands (query-jobs, job-dismiss), with QEMU 7.2's status
 * names, events and errors. Jobs stay listed, newest first, until dismissed (or the process
 * ends). A job's last events go out right after the reply to the command that started it.
 */
#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "qemu/job.h"
#include "sysemu/runstate.h"
#include "monitor/monitor.h"
#include "monitor/qmp.h"

struct Job {
	char *id;
	const char *type;
	const char *status;
	char *error; /* why it failed, or NULL */
	Error *pending_err;
	bool finished; /* its work is over; it concludes after the reply */
};

static GPtrArray *jobs; /* Job *, oldest first */

static Job *job_find(const char *id)
{
	for (guint i = 0; jobs && i < jobs->len; i++) {
		Job *j = g_ptr_array_index(jobs, i);
		if (!strcmp(j->id, id))
			return j;
	}
	return NULL;
}

static void set_status(Job *j, const char *status)
{
	QValue data = qv_dict();

	j->status = status;
	qv_dict_put(&data, "status", qv_str(status));
	qv_dict_put(&data, "id", qv_str(j->id));
	qv_order_as_qdict(&data);
	qmp_event_send("JOB_STATUS_CHANGE", &data);
}

static void job_free(Job *j)
{
	error_free(j->pending_err);
	g_free(j->error);
	g_free(j->id);
	g_free(j);
}

/* At exit every job still listed goes, with its "null" event, as QEMU's do. */
static void jobs_cleanup(void)
{
	while (jobs && jobs->len) {
		Job *j = g_ptr_array_steal_index(jobs, jobs->len - 1);
		set_status(j, "null");
		job_free(j);
	}
}

Job *job_start(const char *id, const char *type, Error **errp)
{
	Job *j;

	if (!id_wellformed(id)) {
		error_setg(errp, "Invalid job ID '%s'", id);
		return NULL;
	}
	if (job_find(id)) {
		error_setg(errp, "Job ID '%s' already in use", id);
		return NULL;
	}
	j = g_new0(Job, 1);
	j->id = g_strdup(id);
	j->type = type;
	if (!jobs) {
		jobs = g_ptr_array_new();
		qemu_add_exit_notifier(jobs_cleanup);
	}
	g_ptr_array_add(jobs, j);
	set_status(j, "created");
	set_status(j, "running");
	return j;
}

static void conclude(Job *j)
{
	j->finished = false;
	if (j->pending_err) {
		j->error = g_strdup(error_get_pretty(j->pending_err));
		error_free(j->pending_err);
		j->pending_err = NULL;
		set_status(j, "aborting");
	} else {
		set_status(j, "waiting");
		set_status(j, "pending");
	}
	set_status(j, "concluded");
}

void job_finish(Job *j, Error *err)
{
	j->pending_err = err;
	j->finished = true;
}

void job_conclude_pending(void)
{
	for (guint i = 0; jobs && i < jobs->len; i++) {
		Job *j = g_ptr_array_index(jobs, i);
		if (j->finished)
			conclude(j);
	}
}

static void qmp_query_jobs(const QValue *args, QValue *ret, Error **errp)
{
	*ret = qv_list();
	for (guint i = jobs ? jobs->len : 0; i-- > 0;) {
		Job *j = g_ptr_array_index(jobs, i);
		bool done = !strcmp(j->status, "concluded");
		QValue d = qv_dict();

		qv_dict_put(&d, "current-progress", qv_int(done));
		qv_dict_put(&d, "status", qv_str(j->status));
		qv_dict_put(&d, "total-progress", qv_int(1));
		qv_dict_put(&d, "type", qv_str(j->type));
		qv_dict_put(&d, "id", qv_str(j->id));
		if (j->error)
			qv_dict_put(&d, "error", qv_str(j->error));
		qv_order_as_qdict(&d);
		qv_list_append(ret, d);
	}
}

static void qmp_job_dismiss(const QValue *args, QValue *ret, Error **errp)
{
	Job *j = job_find(qv_dict_get_str(args, "id"));

	if (!j) {
		error_setg(errp, "Job not found");
		return;
	}
	if (strcmp(j->status, "concluded")) {
		error_setg(errp, "Job '%s' in state '%s' cannot accept command verb 'dismiss'",
			   j->id, j->status);
		return;
	}
	set_status(j, "null");
	g_ptr_array_remove(jobs, j);
	job_free(j);
}

static const QmpArg dismiss_args[] = { { "id", QV_STR }, { NULL } };

static const QmpCommand job_commands[] = {
	{ "query-jobs", qmp_query_jobs },
	{ "job-dismiss", qmp_job_dismiss, dismiss_args },
	{ NULL },
};

static void job_qmp_register(void)
{
	qmp_register_commands(job_commands);
}
qmp_init(job_qmp_register)
