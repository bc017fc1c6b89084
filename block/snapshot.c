// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Internal snapshots across every drive, as savevm, loadvm, delvm and "info snapshots" use
 * them: which drives take part (the writable ones, each of which must support snapshots),
 * which one stores the VM state (the first that can), creating, applying and deleting a
 * snapshot on all of them, the VM state area of a node, and the snapshot table row that
 * qemu-img snapshot -l and "info snapshots" print alike.
 */
#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "block/block_int.h"
#include "block/snapshot.h"

/* QEMU's bdrv_get_device_or_node_name: the drive id, else the node's name. */
static const char *snap_name(BlockBackend *blk)
{
	return blk_is_node_backend(blk) ? blk_root(blk)->node_name : blk_name(blk);
}

bool bdrv_can_snapshot(BlockDriverState *bs)
{
	return bs && !bs->read_only && bs->drv->snapshot_create;
}

typedef struct AllCtx {
	GPtrArray *nodes; /* BlockDriverState * taking part */
	BlockBackend *bad;
} AllCtx;

static void collect(BlockBackend *blk, void *opaque)
{
	AllCtx *c = opaque;
	BlockDriverState *bs = blk_root(blk);

	if (!bs || bs->read_only || blk_is_read_only(blk))
		return;
	if (!bdrv_can_snapshot(bs) && !c->bad)
		c->bad = blk;
	if (bdrv_can_snapshot(bs) && !g_ptr_array_find(c->nodes, bs, NULL))
		g_ptr_array_add(c->nodes, bs);
}

GPtrArray *bdrv_all_snapshot_nodes(Error **errp)
{
	AllCtx c = { g_ptr_array_new(), NULL };

	blk_foreach(collect, &c);
	if (c.bad) {
		error_setg(errp, "Device '%s' is writable but does not support snapshots",
			   snap_name(c.bad));
		g_ptr_array_free(c.nodes, TRUE);
		return NULL;
	}
	if (!c.nodes->len) {
		error_setg(errp, "no block device can store vmstate for snapshot");
		g_ptr_array_free(c.nodes, TRUE);
		return NULL;
	}
	return c.nodes;
}

GPtrArray *bdrv_all_snapshot_capable(Error **errp)
{
	AllCtx c = { g_ptr_array_new(), NULL };

	blk_foreach(collect, &c);
	if (!c.nodes->len) {
		error_setg(errp, "no block device can store vmstate for snapshot");
		g_ptr_array_free(c.nodes, TRUE);
		return NULL;
	}
	return c.nodes;
}

const char *bdrv_snapshot_node_name(BlockDriverState *bs)
{
	return bs->blk && !blk_is_node_backend(bs->blk) ? blk_name(bs->blk) : bs->node_name;
}

QValue bdrv_snapshot_list(BlockDriverState *bs)
{
	BlockFormatInfo info = { 0 };

	bs->drv->get_info(bs, &info);
	g_free(info.backing_file);
	g_free(info.backing_format);
	qv_clear(&info.specific);
	return info.snapshots.kind == QV_LIST ? info.snapshots : qv_list();
}

const QValue *bdrv_snapshot_find_name(const QValue *list, const char *name)
{
	for (guint i = 0; i < list->list->len; i++) {
		const QValue *sn = g_ptr_array_index(list->list, i);
		if (!strcmp(qv_dict_get_str(sn, "name"), name))
			return sn;
	}
	return NULL;
}

int64_t bdrv_snapshot_field(const QValue *sn, const char *key, int64_t def)
{
	const QValue *v = qv_dict_get(sn, key);
	int64_t n;

	return v && qv_get_int(v, &n) ? n : def;
}

int bdrv_save_vmstate(BlockDriverState *bs, const void *buf, int64_t pos, int64_t size)
{
	int ret;

	if (!bs->drv->save_vmstate)
		return -ENOTSUP;
	g_rec_mutex_lock(&bs->lock);
	ret = bs->drv->save_vmstate(bs, buf, pos, size);
	g_rec_mutex_unlock(&bs->lock);
	return ret;
}

int bdrv_load_vmstate(BlockDriverState *bs, void *buf, int64_t pos, int64_t size)
{
	int ret;

	if (!bs->drv->load_vmstate)
		return -ENOTSUP;
	g_rec_mutex_lock(&bs->lock);
	ret = bs->drv->load_vmstate(bs, buf, pos, size);
	g_rec_mutex_unlock(&bs->lock);
	return ret;
}

const char bdrv_snapshot_header[] = "ID        TAG               VM SIZE                DATE     "
				    "VM CLOCK     ICOUNT";

char *bdrv_snapshot_row(const QValue *sn, const char *id)
{
	g_autofree char *size = size_to_human(bdrv_snapshot_field(sn, "vm-state-size", 0));
	g_autofree char *icount = NULL;
	int64_t secs = bdrv_snapshot_field(sn, "vm-clock-sec", 0);
	int64_t ic = bdrv_snapshot_field(sn, "icount", -1);
	time_t date = bdrv_snapshot_field(sn, "date-sec", 0);
	char when[32], clock[32];
	struct tm tm;

	strftime(when, sizeof(when), "%Y-%m-%d %H:%M:%S", localtime_r(&date, &tm));
	snprintf(clock, sizeof(clock), "%02d:%02d:%02d.%03d", (int)(secs / 3600),
		 (int)(secs / 60 % 60), (int)(secs % 60),
		 (int)(bdrv_snapshot_field(sn, "vm-clock-nsec", 0) / 1000000));
	icount = ic >= 0 ? g_strdup_printf("%" PRId64, ic) : g_strdup("");
	return g_strdup_printf("%-9s %-16s %8s%20s%13s%11s", id ? id : qv_dict_get_str(sn, "id"),
			       qv_dict_get_str(sn, "name"), size, when, clock, icount);
}
