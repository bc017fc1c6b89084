// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Long-running operations as QMP sees them (job/job.c): each has an id, a type and a status
 * that moves created, running, then waiting, pending, concluded (or aborting, concluded with
 * an error), each step announced with JOB_STATUS_CHANGE; query-jobs lists them and
 * job-dismiss removes a concluded one. The jobs here do their work inside the command and
 * conclude from the main loop right after its reply, in QEMU's order of events.
 */
#ifndef QEMU_JOB_H
#define QEMU_JOB_H

typedef struct Job Job;

/* A new job of this type, running; NULL with QEMU's error for a bad or taken id. */
Job *job_start(const char *id, const char *type, Error **errp);
/* Its work is over: err NULL for success (the job takes err). */
void job_finish(Job *job, Error *err);
/* The monitor, after sending a reply: finished jobs conclude (their events go out). */
void job_conclude_pending(void);

#endif
