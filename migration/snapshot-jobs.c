// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * QMP's snapshot-save, snapshot-load and snapshot-delete: savevm's work as jobs on the block
 * nodes the command names (devices, with vmstate among them storing the VM state), with QEMU
 * 7.2's checks and messages; a failure is the job's error, not the command's.
 */
#include "qemu/osdep.h"
#include "qemu/job.h"
#include "block/block_int.h"
#include "block/snapshot.h"
#include "migration/snapshot.h"
#include "monitor/qmp.h"
#include "sysemu/runstate.h"

/* devices is a list of strings (checked before any job exists, as QEMU's argument types are). */
static bool devices_ok(const QValue *args, Error **errp)
{
	const QValue *devices = qv_dict_get(args, "devices");

	for (guint i = 0; devices && i < devices->list->len; i++) {
		const QValue *v = g_ptr_array_index(devices->list, i);

		if (v->kind != QV_STR) {
			error_setg(errp,
				   "Invalid parameter type for 'devices[%u]', expected: string", i);
			return false;
		}
	}
	return true;
}

/*
 * The named nodes, each able to take a snapshot; NULL with QEMU's message for a name that is
 * none, for no names, or for a node that is read-only or of a format without snapshots.
 */
static GPtrArray *named_nodes(const QValue *args, Error **errp)
{
	const QValue *devices = qv_dict_get(args, "devices");
	GPtrArray *nodes = g_ptr_array_new();

	for (guint i = 0; devices && i < devices->list->len; i++) {
		const char *name = ((const QValue *)g_ptr_array_index(devices->list, i))->s;
		BlockDriverState *bs = bdrv_find_node(name);

		if (!bs) {
			error_setg(errp, "No block device node '%s'", name);
			goto fail;
		}
		g_ptr_array_add(nodes, bs);
	}
	if (!nodes->len) {
		error_setg(errp, "At least one device is required for snapshot");
		goto fail;
	}
	for (guint i = 0; i < nodes->len; i++) {
		BlockDriverState *bs = g_ptr_array_index(nodes, i);

		if (!bdrv_can_snapshot(bs)) {
			error_setg(errp, "Device '%s' is writable but does not support snapshots",
				   bdrv_snapshot_node_name(bs));
			goto fail;
		}
	}
	return nodes;
fail:
	g_ptr_array_free(nodes, TRUE);
	return NULL;
}

/* The node vmstate names goes first: the VM state is stored there. */
static bool vmstate_first(GPtrArray *nodes, const char *vmstate, Error **errp)
{
	for (guint i = 0; i < nodes->len; i++) {
		BlockDriverState *bs = g_ptr_array_index(nodes, i);

		if (!strcmp(bs->node_name, vmstate)) {
			g_ptr_array_remove_index(nodes, i);
			g_ptr_array_insert(nodes, 0, bs);
			return true;
		}
	}
	error_setg(errp, "vmstate block device '%s' does not exist", vmstate);
	return false;
}

/* QEMU's order of checks: the nodes, the tag (on all of them, or missing), then vmstate. */
static bool save(GPtrArray *nodes, const QValue *args, const char *tag, Error **errp)
{
	if (snapshot_on_all(nodes, tag)) {
		error_setg(errp, "Snapshot '%s' already exists in one or more devices", tag);
		return false;
	}
	return vmstate_first(nodes, qv_dict_get_str(args, "vmstate"), errp) &&
	       save_snapshot_on(nodes, tag, false, errp);
}

/* A running VM stops first, whatever follows, and runs again only after a good load. */
static bool load(GPtrArray *nodes, const QValue *args, const char *tag, Error **errp)
{
	if (!snapshot_on_all(nodes, tag)) {
		error_setg(errp, "Snapshot '%s' does not exist in one or more devices", tag);
		return false;
	}
	return vmstate_first(nodes, qv_dict_get_str(args, "vmstate"), errp) &&
	       load_snapshot_from(nodes, tag, errp);
}

typedef enum { SAVE, LOAD, DELETE } SnapOp;

static void run(const QValue *args, Error **errp, SnapOp op)
{
	static const char *const types[] = { "snapshot-save", "snapshot-load", "snapshot-delete" };
	const char *tag = qv_dict_get_str(args, "tag");
	g_autoptr(GPtrArray) nodes = NULL;
	bool was_running = runstate_is_running();
	Error *err = NULL;
	Job *job = devices_ok(args, errp)
		       ? job_start(qv_dict_get_str(args, "job-id"), types[op], errp)
		       : NULL;

	if (!job)
		return;
	if (op == LOAD && was_running)
		vm_stop(RUN_STATE_RESTORE_VM);
	if (op != SAVE || snapshot_check_blockers(&err))
		nodes = named_nodes(args, &err);
	if (nodes && op == SAVE)
		save(nodes, args, tag, &err);
	else if (nodes && op == LOAD && load(nodes, args, tag, &err) && was_running)
		vm_start();
	else if (nodes && op == DELETE)
		delete_snapshot_on(nodes, tag, &err);
	job_finish(job, err);
}

static void qmp_snapshot_save(const QValue *args, QValue *ret, Error **errp)
{
	run(args, errp, SAVE);
}

static void qmp_snapshot_load(const QValue *args, QValue *ret, Error **errp)
{
	run(args, errp, LOAD);
}

static void qmp_snapshot_delete(const QValue *args, QValue *ret, Error **errp)
{
	run(args, errp, DELETE);
}

static const QmpArg save_args[] = { { "job-id", QV_STR },
				    { "tag", QV_STR },
				    { "vmstate", QV_STR },
				    { "devices", QV_LIST },
				    { NULL } };
static const QmpArg delete_args[] = {
	{ "job-id", QV_STR }, { "tag", QV_STR }, { "devices", QV_LIST }, { NULL }
};

static const QmpCommand snapshot_commands[] = {
	{ "snapshot-save", qmp_snapshot_save, save_args },
	{ "snapshot-load", qmp_snapshot_load, save_args },
	{ "snapshot-delete", qmp_snapshot_delete, delete_args },
	{ NULL },
};

static void snapshot_qmp_register(void)
{
	qmp_register_commands(snapshot_commands);
}
qmp_init(snapshot_qmp_register)
