// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The block layer's registries and request paths. Nodes (BlockDriverState) are driver
 * instances stacked format-on-protocol and named by node-name; backends (BlockBackend) are
 * what devices attach to: a -drive, or the backend made for a -blockdev node on first lookup.
 * Every request from a device is checked here against the backend (medium, read-only, bounds
 * against the length rounded up to whole sectors), then again per node by the bdrv_*
 * wrappers, so a driver only sees requests inside its node.
 */
#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "block/block_int.h"
#include "block/accounting.h"

struct BlockBackend {
	char *name;
	BlockDriverState *root; /* NULL: empty drive */
	BlockBackendConf conf;
	bool is_node; /* made by blk_by_name() for a node; named after it */
	bool handed_out;
	void *dev;
	const BlockDevOps *dev_ops;
	void *dev_opaque;
	int in_flight; /* main thread only */
	BlockAcctStats stats;
	bool iostatus_enabled;
	BlockIOStatus iostatus;
};

static GPtrArray *nodes;    /* BlockDriverState *, in creation order */
static GPtrArray *backends; /* BlockBackend *, in creation order */
static unsigned node_counter;

static const char *const qemu_only_drivers[] = {
	"blkdebug",	"blklogwrites",
	"blkreplay",	"blkverify",
	"bochs",	"cloop",
	"compress",	"copy-before-write",
	"copy-on-read", "dmg",
	"ftp",		"ftps",
	"gluster",	"host_cdrom",
	"http",		"https",
	"io_uring",	"iscsi",
	"iser",		"luks",
	"nbd",		"nfs",
	"null-aio",	"null-co",
	"nvme",		"nvme-io_uring",
	"parallels",	"preallocate",
	"qcow",		"qed",
	"quorum",	"rbd",
	"replication",	"snapshot-access",
	"ssh",		"throttle",
	"vdi",		"vhdx",
	"vmdk",		"vpc",
	"vvfat",
};

static GPtrArray *drivers; /* const BlockDriver *, each registered by its own file */

void bdrv_register(const BlockDriver *drv)
{
	if (!drivers)
		drivers = g_ptr_array_new();
	g_assert(!bdrv_find_driver(drv->name));
	g_ptr_array_add(drivers, (gpointer)drv);
}

const BlockDriver *bdrv_find_driver(const char *name)
{
	for (guint i = 0; drivers && i < drivers->len; i++) {
		const BlockDriver *drv = g_ptr_array_index(drivers, i);
		if (!strcmp(drv->name, name))
			return drv;
	}
	return NULL;
}

bool bdrv_is_known_unsupported(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(qemu_only_drivers); i++) {
		if (!strcmp(qemu_only_drivers[i], name))
			return true;
	}
	return false;
}

static gint driver_name_cmp(gconstpointer a, gconstpointer b)
{
	return strcmp((*(const BlockDriver *const *)a)->name,
		      (*(const BlockDriver *const *)b)->name);
}

void bdrv_format_help(FILE *out)
{
	GString *list = g_string_new(NULL);

	g_ptr_array_sort(drivers, driver_name_cmp);
	for (guint i = 0; i < drivers->len; i++)
		g_string_append_printf(list, "%s%s", i ? " " : "",
				       ((const BlockDriver *)g_ptr_array_index(drivers, i))->name);
	fprintf(out, "Supported formats: %s\nSupported formats (read-only): %s\n", list->str,
		list->str);
	g_string_free(list, TRUE);
}

int bdrv_make_writable(BlockDriverState *bs)
{
	int ret = bs->file ? bdrv_make_writable(bs->file) : 0;

	if (ret < 0 || !bs->read_only)
		return ret;
	if (!bs->file && !bs->drv->reopen_rw)
		return -ENOTSUP;
	if (bs->drv->reopen_rw && (ret = bs->drv->reopen_rw(bs)) < 0)
		return ret;
	bs->read_only = false;
	bs->flags |= BDRV_O_RDWR;
	return 0;
}

/* Nodes */

/* Drivers that keep metadata in memory (qcow2) see one request at a time. */
static void node_lock(BlockDriverState *bs)
{
	if (!bs->drv->thread_safe)
		g_rec_mutex_lock(&bs->lock);
}

static void node_unlock(BlockDriverState *bs)
{
	if (!bs->drv->thread_safe)
		g_rec_mutex_unlock(&bs->lock);
}

void bdrv_foreach_node(void (*fn)(BlockDriverState *bs, void *opaque), void *opaque)
{
	for (guint i = 0; nodes && i < nodes->len; i++)
		fn(g_ptr_array_index(nodes, i), opaque);
}

BlockDriverState *bdrv_find_node(const char *node_name)
{
	for (guint i = 0; nodes && i < nodes->len; i++) {
		BlockDriverState *bs = g_ptr_array_index(nodes, i);
		if (!strcmp(bs->node_name, node_name))
			return bs;
	}
	return NULL;
}

bool bdrv_check_node_name(const char *node_name, Error **errp)
{
	if (!id_wellformed(node_name)) {
		error_setg(errp, "Invalid node-name: '%s'", node_name);
		return false;
	}
	if (blk_by_backend_name(node_name)) {
		error_setg(errp, "node-name=%s is conflicting with a device id", node_name);
		return false;
	}
	if (bdrv_find_node(node_name)) {
		error_setg(errp, "Duplicate nodes with node-name='%s'", node_name);
		return false;
	}
	return true;
}

BlockDriverState *bdrv_open_node(const BlockDriver *drv, const char *node_name,
				 const BlockOpenArgs *args, Error **errp)
{
	BlockDriverState *bs;

	if (node_name && !bdrv_check_node_name(node_name, errp))
		return NULL;
	bs = g_new0(BlockDriverState, 1);
	bs->drv = drv;
	bs->opaque = g_malloc0(drv->state_size);
	bs->flags = args->flags;
	bs->read_only = !(args->flags & BDRV_O_RDWR);
	bs->detect_zeroes = args->detect_zeroes;
	bs->file = args->file;
	g_rec_mutex_init(&bs->lock);
	bs->filename = g_strdup(args->filename ? args->filename
				: args->file   ? args->file->filename
					       : "");
	if (!drv->open(bs, args, errp)) {
		g_rec_mutex_clear(&bs->lock);
		g_free(bs->filename);
		g_free(bs->opaque);
		g_free(bs);
		return NULL;
	}
	if (bs->file)
		bdrv_ref(bs->file);
	bs->node_name =
	    node_name ? g_strdup(node_name) : g_strdup_printf("#block%03u", node_counter++);
	bs->refcnt = 1;
	if (!nodes)
		nodes = g_ptr_array_new();
	g_ptr_array_add(nodes, bs);
	if (drv->periodic && bdrv_periodic_wanted)
		bdrv_periodic_wanted();
	return bs;
}

void bdrv_ref(BlockDriverState *bs)
{
	bs->refcnt++;
}

static void bdrv_free(BlockDriverState *bs)
{
	bs->drv->close(bs);
	g_rec_mutex_clear(&bs->lock);
	g_free(bs->node_name);
	g_free(bs->filename);
	g_free(bs->opaque);
	g_free(bs);
}

void bdrv_unref(BlockDriverState *bs)
{
	BlockDriverState *file, *backing;

	if (!bs || --bs->refcnt > 0)
		return;
	file = bs->file;
	backing = bs->backing;
	g_ptr_array_remove(nodes, bs);
	bdrv_free(bs);
	bdrv_unref(file);
	bdrv_unref(backing);
}

bool bdrv_chain_read_only(const BlockDriverState *bs)
{
	for (; bs; bs = bs->file) {
		if (bs->read_only)
			return true;
	}
	return false;
}

int bdrv_check_request(int64_t offset, int64_t bytes)
{
	if (offset < 0 || bytes < 0 || offset > INT64_MAX - bytes)
		return -EINVAL;
	return 0;
}

int bdrv_block_status_above(BlockDriverState *bs, int64_t offset, int64_t bytes, int64_t *pnum,
			    int64_t *map, BlockDriverState **file, int *depth)
{
	int ret;

	*file = NULL;
	*map = 0;
	for (*depth = 0;; (*depth)++) {
		*pnum = bytes;
		node_lock(bs);
		ret = bs->drv->block_status
			  ? bs->drv->block_status(bs, offset, bytes, pnum, map, file)
			  : BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED;
		node_unlock(bs);
		if (ret < 0 || (ret & (BDRV_BLOCK_DATA | BDRV_BLOCK_ZERO)))
			break;
		bytes = *pnum;
		if (!bs->backing || offset >= bdrv_getlength(bs->backing))
			return ret | BDRV_BLOCK_ZERO; /* past the backing file, or none */
		bytes = MIN(bytes, bdrv_getlength(bs->backing) - offset);
		bs = bs->backing;
	}
	if (ret >= 0 && !*file)
		*file = bs;
	return ret;
}

int bdrv_is_allocated(BlockDriverState *bs, int64_t offset, int64_t bytes, int64_t *pnum)
{
	BlockDriverState *file;
	int64_t map;
	int ret;

	*pnum = bytes;
	if (!bs->drv->block_status)
		return 1;
	node_lock(bs);
	ret = bs->drv->block_status(bs, offset, bytes, pnum, &map, &file);
	node_unlock(bs);
	return ret < 0 ? ret : !!(ret & BDRV_BLOCK_ALLOCATED);
}

int bdrv_is_allocated_above(BlockDriverState *bs, int64_t offset, int64_t bytes, int64_t *pnum)
{
	BlockDriverState *file;
	int64_t map;
	int depth, ret = bdrv_block_status_above(bs, offset, bytes, pnum, &map, &file, &depth);

	return ret < 0 ? ret : !!(ret & BDRV_BLOCK_ALLOCATED);
}

int64_t bdrv_getlength(BlockDriverState *bs)
{
	return bs->drv->getlength(bs);
}

int bdrv_pread(BlockDriverState *bs, int64_t offset, void *buf, int64_t bytes)
{
	int ret = bdrv_check_request(offset, bytes);

	if (ret < 0 || bytes == 0)
		return ret;
	node_lock(bs);
	ret = bs->drv->pread(bs, offset, buf, bytes);
	node_unlock(bs);
	return ret;
}

int bdrv_pread_padded(BlockDriverState *bs, int64_t offset, void *buf, int64_t bytes)
{
	int64_t len = bs ? bdrv_getlength(bs) : 0;
	int64_t have = len > offset ? MIN(bytes, len - offset) : 0;

	if (len < 0)
		return len;
	memset((uint8_t *)buf + have, 0, bytes - have);
	return have ? bdrv_pread(bs, offset, buf, have) : 0;
}

static bool buffer_is_zero(const uint8_t *buf, int64_t len)
{
	return len == 0 || (buf[0] == 0 && !memcmp(buf, buf + 1, len - 1));
}

/* The checks every modifying request shares. */
static int bdrv_check_write(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
	int ret = bdrv_check_request(offset, bytes);

	if (ret < 0)
		return ret;
	return bs->read_only ? -EACCES : 0;
}

static int64_t iov_total(const struct iovec *iov, int niov)
{
	int64_t n = 0;

	for (int i = 0; i < niov; i++)
		n += iov[i].iov_len;
	return n;
}

bool bdrv_parse_cache_mode(const char *mode, int *flags, bool *writethrough)
{
	static const struct {
		const char *name;
		int flags;
		bool writethrough;
	} modes[] = {
		{ "none", BDRV_O_NOCACHE, false },
		{ "off", BDRV_O_NOCACHE, false },
		{ "writeback", 0, false },
		{ "writethrough", 0, true },
		{ "directsync", BDRV_O_NOCACHE, true },
		{ "unsafe", BDRV_O_NO_FLUSH, false },
	};

	for (size_t i = 0; i < ARRAY_SIZE(modes); i++) {
		if (!strcmp(modes[i].name, mode)) {
			*flags = (*flags & ~(BDRV_O_NOCACHE | BDRV_O_NO_FLUSH)) | modes[i].flags;
			*writethrough = modes[i].writethrough;
			return true;
		}
	}
	return false;
}

/* Writers on several workers at once: the largest end wins. */
void bdrv_note_write_end(BlockDriverState *bs, uint64_t end)
{
	uint64_t cur = __atomic_load_n(&bs->wr_highest_offset, __ATOMIC_RELAXED);

	while (end > cur && !__atomic_compare_exchange_n(&bs->wr_highest_offset, &cur, end, false,
							 __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

/* Errors and the rarer cases (zero detection) are left to the synchronous path. */
bool bdrv_aio_rw(BlockDriverState *bs, bool write, int64_t offset, const struct iovec *iov,
		 int niov, BlockCompletionFunc *cb, void *opaque)
{
	int64_t bytes = iov_total(iov, niov);

	if (!bs->drv->aio_rw || !bs->drv->thread_safe)
		return false;
	if ((write ? bdrv_check_write(bs, offset, bytes) : bdrv_check_request(offset, bytes)) < 0 ||
	    !bytes || (write && bs->detect_zeroes != DETECT_ZEROES_OFF) ||
	    !bs->drv->aio_rw(bs, write, offset, iov, niov, cb, opaque))
		return false;
	if (write) /* counted when it starts: the engine's completion does not come back here */
		bdrv_note_write_end(bs, offset + bytes);
	return true;
}

int bdrv_pwrite(BlockDriverState *bs, int64_t offset, const void *buf, int64_t bytes)
{
	int ret = bdrv_check_write(bs, offset, bytes);

	if (ret < 0 || bytes == 0)
		return ret;
	if (bs->detect_zeroes != DETECT_ZEROES_OFF && buffer_is_zero(buf, bytes))
		return bdrv_pwrite_zeroes(bs, offset, bytes,
					  bs->detect_zeroes == DETECT_ZEROES_UNMAP);
	node_lock(bs);
	ret = bs->drv->pwrite(bs, offset, buf, bytes);
	node_unlock(bs);
	if (ret == 0)
		bdrv_note_write_end(bs, offset + bytes);
	return ret;
}

int bdrv_flush(BlockDriverState *bs)
{
	int ret;

	node_lock(bs);
	ret = bs->drv->flush(bs);
	node_unlock(bs);
	return ret;
}

int bdrv_pdiscard(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
	int ret = bdrv_check_write(bs, offset, bytes);

	if (ret < 0 || bytes == 0)
		return ret;
	/* discard=ignore: the guest's hint is dropped, successfully, as QEMU does */
	if (!(bs->flags & BDRV_O_UNMAP))
		return 0;
	if (!bs->drv->pdiscard)
		return -ENOTSUP;
	node_lock(bs);
	ret = bs->drv->pdiscard(bs, offset, bytes);
	node_unlock(bs);
	return ret;
}

/* For drivers without a zeroing primitive. */
static int bdrv_write_zero_buffers(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
	const int64_t chunk_max = 64 * 1024;
	uint8_t *zeroes = g_malloc0(MIN(bytes, chunk_max));
	int ret = 0;

	for (int64_t done = 0; done < bytes && ret == 0;) {
		int64_t chunk = MIN(bytes - done, chunk_max);
		ret = bs->drv->pwrite(bs, offset + done, zeroes, chunk);
		done += chunk;
	}
	g_free(zeroes);
	return ret;
}

int bdrv_pwrite_zeroes(BlockDriverState *bs, int64_t offset, int64_t bytes, bool may_unmap)
{
	int ret = bdrv_check_write(bs, offset, bytes);

	if (ret < 0 || bytes == 0)
		return ret;
	may_unmap = may_unmap && (bs->flags & BDRV_O_UNMAP);
	node_lock(bs);
	if (bs->drv->pwrite_zeroes)
		ret = bs->drv->pwrite_zeroes(bs, offset, bytes, may_unmap);
	else
		ret = bdrv_write_zero_buffers(bs, offset, bytes);
	node_unlock(bs);
	if (ret == 0)
		bdrv_note_write_end(bs, offset + bytes);
	return ret;
}

/* Backends */

BlockBackend *blk_new_named(const char *name, BlockDriverState *root, const BlockBackendConf *conf)
{
	BlockBackend *blk = g_new0(BlockBackend, 1);

	blk->name = g_strdup(name);
	blk->root = root;
	blk->conf = *conf;
	/* QEMU's defaults for a drive: refused and failed requests count as uses */
	blk->stats.account_invalid = blk->stats.account_failed = true;
	if (root)
		root->blk = blk;
	if (!backends)
		backends = g_ptr_array_new();
	g_ptr_array_add(backends, blk);
	return blk;
}

static void blk_free(BlockBackend *blk)
{
	if (blk->root && blk->root->blk == blk)
		blk->root->blk = NULL;
	g_free(blk->name);
	g_free(blk);
}

BlockBackend *blk_by_backend_name(const char *name)
{
	for (guint i = 0; backends && i < backends->len; i++) {
		BlockBackend *blk = g_ptr_array_index(backends, i);
		if (!blk->is_node && !strcmp(blk->name, name))
			return blk;
	}
	return NULL;
}

BlockBackend *blk_by_drive_id(const char *id)
{
	BlockBackend *blk = blk_by_backend_name(id);

	return blk && blk->conf.legacy && blk->conf.user_id ? blk : NULL;
}

BlockBackend *blk_by_legacy_unit(BlockInterfaceType type, int bus, int unit)
{
	for (guint i = 0; backends && i < backends->len; i++) {
		BlockBackend *blk = g_ptr_array_index(backends, i);
		if (blk->conf.legacy && blk->conf.type == type && blk->conf.bus == bus &&
		    blk->conf.unit == unit)
			return blk;
	}
	return NULL;
}

/* A node used directly by a device gets a backend of its own, made once. */
static BlockBackend *blk_for_node(BlockDriverState *bs)
{
	BlockBackendConf conf = {
		.type = BLK_IF_NONE,
		.read_only = bs->read_only,
		.wce = true,
		.on_write_error = BLOCKDEV_ON_ERROR_ENOSPC,
		.on_read_error = BLOCKDEV_ON_ERROR_REPORT,
	};
	BlockBackend *blk;

	if (bs->blk)
		return bs->blk;
	bdrv_ref(bs);
	blk = blk_new_named(bs->node_name, bs, &conf);
	blk->is_node = true;
	return blk;
}

BlockBackend *blk_by_name(const char *name)
{
	BlockBackend *blk;
	BlockDriverState *bs;

	if (!name)
		return NULL;
	blk = blk_by_backend_name(name);
	if (blk)
		return blk;
	bs = bdrv_find_node(name);
	return bs ? blk_for_node(bs) : NULL;
}

const char *blk_name(const BlockBackend *blk)
{
	return blk->name;
}

void blk_eject(BlockBackend *blk)
{
	BlockDriverState *root = blk->root;
	int ret;

	if (!root)
		return;
	g_assert(!blk->in_flight); /* the caller drained it */
	ret = blk_is_read_only(blk) ? 0 : bdrv_flush(root);
	if (ret < 0)
		warn_report("Failed to flush '%s': %s", blk->name, g_strerror(-ret));
	if (root->blk == blk)
		root->blk = NULL;
	blk->root = NULL;
	bdrv_unref(root);
}

void *blk_get_attached_dev(const BlockBackend *blk)
{
	return blk->dev;
}

void blk_set_dev_ops(BlockBackend *blk, const BlockDevOps *ops, void *opaque)
{
	blk->dev_ops = ops;
	blk->dev_opaque = opaque;
}

void blk_resized(BlockBackend *blk)
{
	if (blk->dev_ops && blk->dev_ops->resize_cb)
		blk->dev_ops->resize_cb(blk->dev_opaque);
}

BlockAcctStats *blk_get_stats(BlockBackend *blk)
{
	return &blk->stats;
}

void blk_iostatus_enable(BlockBackend *blk)
{
	blk->iostatus_enabled = true;
	blk->iostatus = BLOCK_IOSTATUS_OK;
}

bool blk_iostatus_is_enabled(const BlockBackend *blk)
{
	return blk->iostatus_enabled;
}

BlockIOStatus blk_iostatus(const BlockBackend *blk)
{
	return blk->iostatus;
}

void blk_iostatus_set_err(BlockBackend *blk, int error)
{
	if (blk->iostatus_enabled && blk->iostatus == BLOCK_IOSTATUS_OK)
		blk->iostatus = error == ENOSPC ? BLOCK_IOSTATUS_NOSPACE : BLOCK_IOSTATUS_FAILED;
}

void blk_iostatus_reset(BlockBackend *blk)
{
	blk->iostatus = BLOCK_IOSTATUS_OK;
}

bool blk_is_node_backend(const BlockBackend *blk)
{
	return blk->is_node;
}

BlockDriverState *blk_root(BlockBackend *blk)
{
	return blk->root;
}

BlockBackend *blk_by_pflash_unit(int unit)
{
	return blk_by_legacy_unit(BLK_IF_PFLASH, 0, unit);
}

bool blk_is_if_virtio(const BlockBackend *blk)
{
	return blk->conf.legacy && blk->conf.type == BLK_IF_VIRTIO;
}

BlockBackend *blk_next_if_virtio(void)
{
	for (guint i = 0; backends && i < backends->len; i++) {
		BlockBackend *blk = g_ptr_array_index(backends, i);
		if (blk->conf.legacy && blk->conf.type == BLK_IF_VIRTIO && !blk->handed_out) {
			blk->handed_out = true;
			return blk;
		}
	}
	return NULL;
}

bool blk_attach_dev(BlockBackend *blk, void *dev, Error **errp)
{
	if (blk->dev) {
		if (blk->conf.legacy && blk->conf.type != BLK_IF_NONE)
			error_setg(errp,
				   "Drive '%s' is already in use because it has been "
				   "automatically connected to another device (did you need "
				   "'if=none' in the drive options?)",
				   blk->name);
		else
			error_setg(errp, "Drive '%s' is already in use by another device",
				   blk->name);
		return false;
	}
	/* a writable raw node on a read-only file node: writes would fail later */
	if (!blk->conf.read_only && blk->root && bdrv_chain_read_only(blk->root)) {
		error_setg(errp, "Block node is read-only");
		return false;
	}
	blk->dev = dev;
	return true;
}

void blk_detach_dev(BlockBackend *blk, void *dev)
{
	if (blk->dev == dev)
		blk->dev = NULL;
}

bool blk_is_inserted(const BlockBackend *blk)
{
	return blk->root != NULL;
}

int64_t blk_getlength(BlockBackend *blk)
{
	int64_t len;

	if (!blk->root)
		return -ENOMEDIUM;
	len = bdrv_getlength(blk->root);
	if (len < 0 || len > INT64_MAX - (BDRV_SECTOR_SIZE - 1))
		return len;
	return QEMU_ALIGN_UP(len, BDRV_SECTOR_SIZE);
}

bool blk_is_read_only(const BlockBackend *blk)
{
	return blk->conf.read_only;
}

bool blk_enable_write_cache(const BlockBackend *blk)
{
	return blk->conf.wce;
}

void blk_set_enable_write_cache(BlockBackend *blk, bool wce)
{
	blk->conf.wce = wce;
}

static int blk_check_request(BlockBackend *blk, int64_t offset, int64_t bytes)
{
	int64_t len;
	int ret;

	if (!blk->root)
		return -ENOMEDIUM;
	ret = bdrv_check_request(offset, bytes);
	if (ret < 0)
		return ret;
	len = blk_getlength(blk);
	if (len < 0)
		return len;
	if (offset > len || bytes > len - offset)
		return -EIO;
	return 0;
}

static int blk_check_write(BlockBackend *blk, int64_t offset, int64_t bytes)
{
	int ret = blk_check_request(blk, offset, bytes);

	if (ret < 0)
		return ret;
	return blk->conf.read_only ? -EACCES : 0;
}

#define BOUNCE_CHUNK (1024 * 1024)

/* Copies len bytes from skip on out of the vector. */
static void iov_gather(const struct iovec *iov, int niov, int64_t skip, uint8_t *buf, int64_t len)
{
	for (int i = 0; i < niov && len; i++) {
		int64_t l = iov[i].iov_len;

		if (skip >= l) {
			skip -= l;
			continue;
		}
		l = MIN(l - skip, len);
		memcpy(buf, (uint8_t *)iov[i].iov_base + skip, l);
		buf += l;
		len -= l;
		skip = 0;
	}
}

/* Write-through: a write is complete only once it is on stable storage. */
static int blk_write_done(BlockBackend *blk, int ret)
{
	if (ret == 0 && !blk->conf.wce)
		ret = bdrv_flush(blk->root);
	return ret;
}

int blk_pread(BlockBackend *blk, int64_t offset, void *buf, int64_t bytes)
{
	int ret = blk_check_request(blk, offset, bytes);

	return ret < 0 ? ret : bdrv_pread(blk->root, offset, buf, bytes);
}

int blk_pwrite(BlockBackend *blk, int64_t offset, const void *buf, int64_t bytes)
{
	int ret = blk_check_write(blk, offset, bytes);

	if (ret < 0)
		return ret;
	return blk_write_done(blk, bdrv_pwrite(blk->root, offset, buf, bytes));
}

int blk_preadv(BlockBackend *blk, int64_t offset, const struct iovec *iov, int niov)
{
	int ret = blk_check_request(blk, offset, iov_total(iov, niov));

	for (int i = 0; i < niov && ret == 0; i++) {
		ret = bdrv_pread(blk->root, offset, iov[i].iov_base, iov[i].iov_len);
		offset += iov[i].iov_len;
	}
	return ret;
}

bool blk_aio_rw_direct(BlockBackend *blk, bool write, int64_t offset, const struct iovec *iov,
		       int niov, BlockCompletionFunc *cb, void *opaque)
{
	int64_t bytes = iov_total(iov, niov);
	int ret =
	    write ? blk_check_write(blk, offset, bytes) : blk_check_request(blk, offset, bytes);

	return ret == 0 && bdrv_aio_rw(blk->root, write, offset, iov, niov, cb, opaque);
}

int blk_pwritev_flush(BlockBackend *blk, int64_t offset, const struct iovec *iov, int niov,
		      bool write_through)
{
	int64_t bytes = iov_total(iov, niov);
	int ret = blk_check_write(blk, offset, bytes);

	if (ret < 0)
		return ret;
	if (niov == 1) {
		ret = bdrv_pwrite(blk->root, offset, iov[0].iov_base, bytes);
	} else {
		/* few driver calls: qcow2 then allocates a cluster once, not once per segment */
		uint8_t *buf = g_malloc(MIN(bytes, BOUNCE_CHUNK));

		for (int64_t done = 0; done < bytes && ret == 0;) {
			int64_t n = MIN(bytes - done, BOUNCE_CHUNK);

			iov_gather(iov, niov, done, buf, n);
			ret = bdrv_pwrite(blk->root, offset + done, buf, n);
			done += n;
		}
		g_free(buf);
	}
	if (ret == 0 && write_through)
		ret = bdrv_flush(blk->root);
	return ret;
}

void blk_inc_in_flight(BlockBackend *blk)
{
	blk->in_flight++;
}

void blk_dec_in_flight(BlockBackend *blk)
{
	g_assert(blk->in_flight > 0);
	blk->in_flight--;
}

int blk_in_flight(const BlockBackend *blk)
{
	return blk->in_flight;
}

void blk_foreach(void (*fn)(BlockBackend *blk, void *opaque), void *opaque)
{
	for (guint i = 0; backends && i < backends->len; i++)
		fn(g_ptr_array_index(backends, i), opaque);
}

int blk_flush(BlockBackend *blk)
{
	return blk->root ? bdrv_flush(blk->root) : -ENOMEDIUM;
}

int blk_pdiscard(BlockBackend *blk, int64_t offset, int64_t bytes)
{
	int ret = blk_check_write(blk, offset, bytes);

	return ret < 0 ? ret : bdrv_pdiscard(blk->root, offset, bytes);
}

int blk_pwrite_zeroes_flush(BlockBackend *blk, int64_t offset, int64_t bytes, bool may_unmap,
			    bool write_through)
{
	int ret = blk_check_write(blk, offset, bytes);

	if (ret == 0)
		ret = bdrv_pwrite_zeroes(blk->root, offset, bytes, may_unmap);
	if (ret == 0 && write_through)
		ret = bdrv_flush(blk->root);
	return ret;
}

int blk_pwrite_zeroes(BlockBackend *blk, int64_t offset, int64_t bytes, bool may_unmap)
{
	return blk_pwrite_zeroes_flush(blk, offset, bytes, may_unmap, !blk->conf.wce);
}

bool blk_may_stop(const BlockBackend *blk)
{
	return blk->conf.on_write_error == BLOCKDEV_ON_ERROR_ENOSPC ||
	       blk->conf.on_write_error == BLOCKDEV_ON_ERROR_STOP ||
	       blk->conf.on_read_error == BLOCKDEV_ON_ERROR_STOP;
}

BlockErrorAction blk_get_error_action(const BlockBackend *blk, bool is_read, int error)
{
	BlockdevOnError on = is_read ? blk->conf.on_read_error : blk->conf.on_write_error;

	switch (on) {
	case BLOCKDEV_ON_ERROR_IGNORE:
		return BLOCK_ERROR_ACTION_IGNORE;
	case BLOCKDEV_ON_ERROR_STOP:
		return BLOCK_ERROR_ACTION_STOP;
	case BLOCKDEV_ON_ERROR_ENOSPC:
		return (error == -ENOSPC || error == ENOSPC) ? BLOCK_ERROR_ACTION_STOP
							     : BLOCK_ERROR_ACTION_REPORT;
	default:
		return BLOCK_ERROR_ACTION_REPORT;
	}
}

void (*bdrv_periodic_wanted)(void);

bool bdrv_periodic_all(int64_t now_ns)
{
	bool any = false;

	for (guint i = 0; nodes && i < nodes->len; i++) {
		BlockDriverState *bs = g_ptr_array_index(nodes, i);

		if (!bs->drv->periodic)
			continue;
		node_lock(bs);
		bs->drv->periodic(bs, now_ns);
		node_unlock(bs);
		any = true;
	}
	return any;
}

/* Is bs the file child of some other node? Those are flushed through their parent. */
static bool bdrv_has_parent(BlockDriverState *bs)
{
	for (guint i = 0; i < nodes->len; i++) {
		BlockDriverState *p = g_ptr_array_index(nodes, i);
		if (p->file == bs || p->backing == bs)
			return true;
	}
	return false;
}

static void flush_all_nodes(void)
{
	for (guint i = 0; nodes && i < nodes->len; i++) {
		BlockDriverState *bs = g_ptr_array_index(nodes, i);
		int ret;
		if (bdrv_has_parent(bs))
			continue;
		ret = bdrv_flush(bs);
		if (ret < 0)
			warn_report("Failed to flush '%s': %s", bs->filename, g_strerror(-ret));
	}
}

void blk_commit_all(void)
{
	for (guint i = 0; backends && i < backends->len; i++) {
		BlockBackend *blk = g_ptr_array_index(backends, i);
		BlockDriverState *bs = blk_root(blk);
		int ret;

		Error *err = NULL;

		if (!bs || !bs->temp_overlay)
			continue;
		ret = bdrv_commit(bs, true, &err);
		if (ret < 0) {
			error_prepend(&err, "Failed to commit '%s' to its image: ", blk_name(blk));
			error_report_err(err);
		}
	}
}

void blk_close_all(void)
{
	flush_all_nodes();
	if (backends) {
		for (guint i = 0; i < backends->len; i++)
			blk_free(g_ptr_array_index(backends, i));
		g_ptr_array_free(backends, TRUE);
		backends = NULL;
	}
	if (nodes) {
		/* parents were created after their children: close them first */
		for (guint i = nodes->len; i-- > 0;)
			bdrv_free(g_ptr_array_index(nodes, i));
		g_ptr_array_free(nodes, TRUE);
		nodes = NULL;
	}
	node_counter = 0;
}
