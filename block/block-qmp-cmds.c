// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The block layer through the monitor: QMP's query-block (each drive, its device, its medium
 * and the image chain), query-blockstats (the drives' I/O statistics, with their nodes'),
 * block_resize, and HMP's info block and block_resize, in QEMU 7.2's words and layouts.
 */
#include "qemu/osdep.h"
#include "block/block_int.h"
#include "block/accounting.h"
#include "block/qapi.h"
#include "monitor/qmp.h"
#include "qom/object.h"
#include "hw/qdev-core.h"

static const char *const detect_zeroes_names[] = { "off", "on", "unmap" };
static const char *const iostatus_names[] = { "ok", "failed", "nospace" };

/* What QEMU lists: drives made by -drive, and the nodes a device uses directly. */
static bool listed(BlockBackend *blk)
{
	return !blk_is_node_backend(blk) || blk_get_attached_dev(blk);
}

static void collect_backend(BlockBackend *blk, void *opaque)
{
	g_ptr_array_add(opaque, blk);
}

/* How QEMU names the device holding a drive: its id=, else its QOM path. */
static char *qdev_name(Object *dev)
{
	DeviceState *d = DEVICE(dev);

	return d->id ? g_strdup(d->id) : object_get_canonical_path(dev);
}

static const char *device_name(BlockBackend *blk)
{
	return blk_is_node_backend(blk) ? "" : blk_name(blk);
}

static int chain_depth(BlockDriverState *bs)
{
	int depth = 0;

	for (BlockDriverState *b = bs->backing; b && depth < 64; b = b->backing)
		depth++;
	return depth;
}

static char *backing_name(BlockDriverState *bs)
{
	BlockFormatInfo fi = { 0 };
	char *name;

	if (bs->drv->get_info)
		bs->drv->get_info(bs, &fi);
	/* a -snapshot overlay or backing= names its backing node only in the graph */
	name = fi.backing_file ? fi.backing_file
	       : bs->backing   ? g_strdup(bs->backing->filename)
			       : NULL;
	g_free(fi.backing_format);
	qv_clear(&fi.specific);
	qv_clear(&fi.snapshots);
	return name;
}

/* QAPI's BlockDeviceInfo of the medium. */
static QValue inserted_info(BlockBackend *blk, BlockDriverState *bs)
{
	QValue d = qv_dict(), cache = qv_dict();
	g_autofree char *backing = backing_name(bs);
	static const char *const limits[] = { "bps",  "bps_rd",	 "bps_wr",
					      "iops", "iops_rd", "iops_wr" };

	qv_dict_put(&d, "file", qv_str(bs->filename));
	qv_dict_put(&d, "node-name", qv_str(bs->node_name));
	qv_dict_put(&d, "ro", qv_bool(bs->read_only));
	qv_dict_put(&d, "drv", qv_str(bs->drv->name));
	if (backing)
		qv_dict_put(&d, "backing_file", qv_str(backing));
	qv_dict_put(&d, "backing_file_depth", qv_int(chain_depth(bs)));
	qv_dict_put(&d, "encrypted", qv_bool(false));
	qv_dict_put(&d, "detect_zeroes", qv_str(detect_zeroes_names[bs->detect_zeroes]));
	for (size_t i = 0; i < ARRAY_SIZE(limits); i++) /* no I/O throttling: 0 is "no limit" */
		qv_dict_put(&d, limits[i], qv_int(0));
	qv_dict_put(&d, "write_threshold", qv_int(0));
	qv_dict_put(&cache, "writeback", qv_bool(blk_enable_write_cache(blk)));
	qv_dict_put(&cache, "direct", qv_bool(bs->flags & BDRV_O_NOCACHE));
	qv_dict_put(&cache, "no-flush", qv_bool(bs->flags & BDRV_O_NO_FLUSH));
	qv_order_as_qdict(&cache);
	qv_dict_put(&d, "cache", cache);
	qv_dict_put(&d, "image", bdrv_image_info_chain(bs));
	qv_order_as_qdict(&d);
	return d;
}

/* "device" (empty for a node's backend) and "qdev", the device's QOM path, if one holds it. */
static void put_device(QValue *d, BlockBackend *blk)
{
	Object *dev = blk_get_attached_dev(blk);

	qv_dict_put(d, "device", qv_str(device_name(blk)));
	if (dev) {
		g_autofree char *path = qdev_name(dev);
		qv_dict_put(d, "qdev", qv_str(path));
	}
}

static void add_block_info(BlockBackend *blk, void *opaque)
{
	QValue *list = opaque, d;
	Object *dev = blk_get_attached_dev(blk);

	if (!listed(blk))
		return;
	d = qv_dict();
	put_device(&d, blk);
	qv_dict_put(&d, "locked", qv_bool(false));
	qv_dict_put(&d, "removable", qv_bool(!dev)); /* our disk devices have fixed media */
	qv_dict_put(&d, "type", qv_str("unknown"));
	if (blk_iostatus_is_enabled(blk))
		qv_dict_put(&d, "io-status", qv_str(iostatus_names[blk_iostatus(blk)]));
	if (blk_root(blk))
		qv_dict_put(&d, "inserted", inserted_info(blk, blk_root(blk)));
	qv_order_as_qdict(&d);
	qv_list_append(list, d);
}

/* The drives in the order they were made, then the nodes devices use (made when attached). */
static void foreach_listed(void (*fn)(BlockBackend *blk, void *opaque), void *opaque)
{
	g_autoptr(GPtrArray) all = g_ptr_array_new();

	blk_foreach(collect_backend, all);
	for (int pass = 0; pass < 2; pass++)
		for (guint i = 0; i < all->len; i++) {
			BlockBackend *blk = g_ptr_array_index(all, i);
			if (listed(blk) && blk_is_node_backend(blk) == pass)
				fn(blk, opaque);
		}
}

static void qmp_query_block(const QValue *args, QValue *ret, Error **errp)
{
	*ret = qv_list();
	foreach_listed(add_block_info, ret);
}

/* QAPI's BlockStats of a node: the drive's statistics at the top, the node's own below. */
static QValue node_stats(BlockDriverState *bs, const BlockAcctStats *drive, bool backing)
{
	BlockAcctStats own = { .wr_highest_offset = bs->wr_highest_offset };
	QValue d = qv_dict();

	qv_dict_put(&d, "node-name", qv_str(bs->node_name));
	qv_dict_put(&d, "stats", block_acct_to_qvalue(drive ? drive : &own));
	if (bs->file)
		qv_dict_put(&d, "parent", node_stats(bs->file, NULL, backing));
	if (bs->backing && backing)
		qv_dict_put(&d, "backing", node_stats(bs->backing, NULL, true));
	if (bs->drv->specific_stats) {
		QValue specific;
		bs->drv->specific_stats(bs, &specific);
		qv_dict_put(&d, "driver-specific", specific);
	}
	qv_order_as_qdict(&d);
	return d;
}

static void add_block_stats(BlockBackend *blk, void *opaque)
{
	QValue *list = opaque, d;

	if (!listed(blk))
		return;
	BlockAcctStats st = *blk_get_stats(blk);

	if (blk_root(blk)) /* QEMU shows the root node's own highest write */
		st.wr_highest_offset = blk_root(blk)->wr_highest_offset;
	d = blk_root(blk) ? node_stats(blk_root(blk), &st, true) : qv_dict();
	if (!blk_root(blk))
		qv_dict_put(&d, "stats", block_acct_to_qvalue(blk_get_stats(blk)));
	put_device(&d, blk);
	qv_order_as_qdict(&d);
	qv_list_append(list, d);
}

static void add_node_stats(BlockDriverState *bs, void *opaque)
{
	qv_list_append(opaque, node_stats(bs, NULL, false));
}

/* query-nodes: every node by itself, with its file below it but not its backing file. */
static void qmp_query_blockstats(const QValue *args, QValue *ret, Error **errp)
{
	const QValue *nodes = qv_dict_get(args, "query-nodes");

	*ret = qv_list();
	if (nodes && nodes->b)
		bdrv_foreach_node(add_node_stats, ret);
	else
		foreach_listed(add_block_stats, ret);
}

/* A drive by its name first, else a node by its node-name, as QEMU looks them up. */
static BlockDriverState *lookup(const char *device, const char *node, Error **errp)
{
	BlockBackend *blk = device ? blk_by_backend_name(device) : NULL;
	BlockDriverState *bs;

	if (blk) {
		if (!blk_root(blk))
			error_setg(errp, "Device '%s' has no medium", device);
		return blk_root(blk);
	}
	bs = node ? bdrv_find_node(node) : NULL;
	if (!bs)
		error_setg(errp, "Cannot find device='%s' nor node-name='%s'", device ? device : "",
			   node ? node : "");
	return bs;
}

typedef struct Parent {
	BlockDriverState *child, *parent;
	bool backing;
} Parent;

static void find_parent(BlockDriverState *bs, void *opaque)
{
	Parent *p = opaque;

	if (!p->parent && (bs->file == p->child || bs->backing == p->child)) {
		p->parent = bs;
		p->backing = bs->backing == p->child;
	}
}

/* A node another node reads through cannot change size under it (QEMU's permissions). */
static bool resize_allowed(BlockDriverState *bs, Error **errp)
{
	Parent p = { bs, NULL, false };

	bdrv_foreach_node(find_parent, &p);
	if (p.parent && p.parent->drv == &bdrv_raw)
		return true; /* raw passes its file's size through */
	if (p.parent && p.backing) {
		error_setg(errp, "Device '(null)' is in use"); /* sic, QEMU 7.2's words */
		return false;
	}
	if (p.parent) {
		error_setg(
		    errp,
		    "Permission conflict on node '%s': permissions 'resize' are both required "
		    "by an unnamed block device (uses node '%s' as 'root' child) and unshared "
		    "by node '%s' (uses node '%s' as 'file' child).",
		    bs->node_name, bs->node_name, p.parent->node_name, bs->node_name);
		return false;
	}
	return true;
}

/* Every drive whose medium reads through bs sees its new size. */
static void tell_resized(BlockBackend *blk, void *opaque)
{
	for (BlockDriverState *b = blk_root(blk); b; b = b->file) {
		if (b == opaque) {
			blk_resized(blk);
			return;
		}
	}
}

bool block_resize(const char *device, const char *node, int64_t size, Error **errp)
{
	BlockDriverState *bs = lookup(device, node, errp);

	if (!bs)
		return false;
	if (size < 0) {
		error_setg(errp, "Parameter 'size' expects a >0 size");
		return false;
	}
	if (bdrv_chain_read_only(bs)) {
		error_setg(errp, "Image is read-only");
		return false;
	}
	if (!bs->drv->truncate) {
		error_setg(errp, "Image format driver does not support resize");
		return false;
	}
	if (!resize_allowed(bs, errp))
		return false;
	blk_drain_all();
	if (!bs->drv->truncate(bs, size, errp))
		return false;
	blk_foreach(tell_resized, bs);
	return true;
}

static void qmp_block_resize(const QValue *args, QValue *ret, Error **errp)
{
	const QValue *dev = qv_dict_get(args, "device"), *node = qv_dict_get(args, "node-name");
	const QValue *size = qv_dict_get(args, "size");

	if (size->kind == QV_UINT && size->u > INT64_MAX) {
		error_setg(errp, "Invalid parameter type for 'size', expected: integer");
		return;
	}
	block_resize(dev ? dev->s : NULL, node ? node->s : NULL,
		     size->kind == QV_UINT ? (int64_t)size->u : size->i, errp);
}

typedef struct ByDev {
	void *dev;
	BlockBackend *blk;
} ByDev;

static void match_dev(BlockBackend *blk, void *opaque)
{
	ByDev *b = opaque;

	if (blk_get_attached_dev(blk) == b->dev)
		b->blk = blk;
}

/*
 * eject device=|id=: a drive no device holds gives its medium up (the image is closed and its
 * locks released); our disk devices have fixed media, so their drives stay.
 */
bool block_eject(const char *device, const char *id, Error **errp)
{
	BlockBackend *blk = NULL;

	if (!device == !id) {
		error_setg(errp, "Need exactly one of 'device' and 'id'");
		return false;
	}
	if (device) {
		blk = blk_by_backend_name(device);
	} else if (qdev_find_by_id(id)) {
		ByDev b = { qdev_find_by_id(id), NULL };
		blk_foreach(match_dev, &b);
		if (!b.blk) {
			error_setg(errp, "Device does not have a block device backend");
			return false;
		}
		blk = b.blk;
	}
	if (!blk) {
		error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found",
			  device ? device : id);
		return false;
	}
	if (blk_get_attached_dev(blk)) {
		error_setg(errp, "Device '%s' is not removable", device ? device : id);
		return false;
	}
	if (blk_root(blk)) {
		Parent p = { blk_root(blk), NULL, false };

		bdrv_foreach_node(find_parent, &p);
		if (p.parent) {
			error_setg(errp, "Node '%s' is busy: node is used as %s of '%s'",
				   device ? device : id, p.backing ? "backing hd" : "file",
				   p.parent->node_name);
			return false;
		}
	}
	blk_drain(blk);
	blk_eject(blk);
	return true;
}

static void qmp_eject(const QValue *args, QValue *ret, Error **errp)
{
	const QValue *dev = qv_dict_get(args, "device"), *id = qv_dict_get(args, "id");

	block_eject(dev ? dev->s : NULL, id ? id->s : NULL, errp);
}

/* A node on its own has its write cache on; a drive's is what the guest made it. */
static void cache_mode(GString *out, BlockBackend *blk, BlockDriverState *bs)
{
	g_string_append(out, !blk || blk_enable_write_cache(blk) ? "writeback" : "writethrough");
	if (bs->flags & BDRV_O_NOCACHE)
		g_string_append(out, ", direct");
	if (bs->flags & BDRV_O_NO_FLUSH)
		g_string_append(out, ", ignore flushes");
}

static void node_lines(GString *out, BlockBackend *blk, BlockDriverState *bs);

static void hmp_one(GString *out, BlockBackend *blk)
{
	BlockDriverState *bs = blk_root(blk);
	Object *dev = blk_get_attached_dev(blk);

	if (blk_is_node_backend(blk))
		g_string_append_printf(out, "%s", bs->node_name);
	else if (bs)
		g_string_append_printf(out, "%s (%s)", blk_name(blk), bs->node_name);
	else
		g_string_append_printf(out, "%s", blk_name(blk));
	if (bs)
		g_string_append_printf(out, ": %s (%s%s)\n", bs->filename, bs->drv->name,
				       bs->read_only ? ", read-only" : "");
	else
		g_string_append(out, ": [not inserted]\n");
	if (dev) {
		g_autofree char *path = qdev_name(dev);
		g_string_append_printf(out, "    Attached to:      %s\n", path);
	} else {
		g_string_append(out, "    Removable device: not locked, tray closed\n");
	}
	if (blk_iostatus_is_enabled(blk) && blk_iostatus(blk) != BLOCK_IOSTATUS_OK)
		g_string_append_printf(out, "    I/O status:       %s\n",
				       iostatus_names[blk_iostatus(blk)]);
	if (bs)
		node_lines(out, blk, bs);
}

static void node_lines(GString *out, BlockBackend *blk, BlockDriverState *bs)
{
	g_autofree char *backing = backing_name(bs);

	g_string_append(out, "    Cache mode:       ");
	cache_mode(out, blk, bs);
	g_string_append(out, "\n");
	if (backing)
		g_string_append_printf(out, "    Backing file:     %s (chain depth: %d)\n", backing,
				       chain_depth(bs));
	if (bs->detect_zeroes != DETECT_ZEROES_OFF)
		g_string_append_printf(out, "    Detect zeroes:    %s\n",
				       detect_zeroes_names[bs->detect_zeroes]);
}

typedef struct HmpList {
	GString *out;
	const char *only;
	bool found;
} HmpList;

static void hmp_add(BlockBackend *blk, void *opaque)
{
	HmpList *l = opaque;

	/* as QEMU: a blank line before every drive but the first, shown or not */
	bool first = !l->found;

	l->found = true;
	if (l->only && strcmp(l->only, blk_name(blk)))
		return;
	if (!first)
		g_string_append(l->out, "\n");
	hmp_one(l->out, blk);
}

static void add_node(BlockDriverState *bs, void *opaque)
{
	g_ptr_array_add(opaque, bs);
}

/* -n: every node, the newest first, as QEMU lists them. */
static void hmp_nodes(GString *out)
{
	g_autoptr(GPtrArray) all = g_ptr_array_new();

	bdrv_foreach_node(add_node, all);
	for (guint i = all->len; i-- > 0;) {
		BlockDriverState *bs = g_ptr_array_index(all, i);

		g_string_append_printf(out, "%s%s: %s (%s%s)\n", i + 1 < all->len ? "\n" : "",
				       bs->node_name, bs->filename, bs->drv->name,
				       bs->read_only ? ", read-only" : "");
		node_lines(out, NULL, bs);
	}
}

void hmp_info_block(GString *out, const char *arg)
{
	HmpList l = { out, *arg ? arg : NULL, false };

	if (!strcmp(arg, "-n"))
		hmp_nodes(out);
	else
		foreach_listed(hmp_add, &l);
}

static const QmpArg blockstats_args[] = { { "query-nodes", QV_BOOL, true }, { NULL } };

static const QmpArg resize_args[] = {
	{ "device", QV_STR, true },
	{ "node-name", QV_STR, true },
	{ "size", QV_INT },
	{ NULL },
};

static const QmpArg eject_args[] = {
	{ "device", QV_STR, true },
	{ "id", QV_STR, true },
	{ "force", QV_BOOL, true }, /* for a tray a guest has locked: we have no trays */
	{ NULL },
};

static const QmpCommand block_commands[] = {
	{ "query-block", qmp_query_block },
	{ "query-blockstats", qmp_query_blockstats, blockstats_args },
	{ "block_resize", qmp_block_resize, resize_args },
	{ "eject", qmp_eject, eject_args },
	{ NULL },
};

static void block_commands_register(void)
{
	qmp_register_commands(block_commands);
}
qmp_init(block_commands_register)
