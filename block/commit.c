// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Committing an image into its backing file, for qemu-img commit and for the console's
 * Ctrl-A s on -snapshot drives: every range the image itself holds (not what shows through
 * from below) is written into the backing node, made writable for it and grown first when the
 * image is larger, then the image is emptied so that it shows its backing file again.
 */
#include "qemu/osdep.h"
#include "block/block_int.h"

#define CHUNK (1 << 20)

static int copy_down(BlockDriverState *bs, BlockDriverState *base)
{
	/* a -snapshot overlay is rounded up to sectors: the base is not grown for that */
	int64_t end = MIN(bdrv_getlength(bs), bdrv_getlength(base)), pnum;
	uint8_t *buf = g_malloc(CHUNK);
	int ret = end < 0 ? (int)end : 0;

	for (int64_t off = 0; off < end && ret == 0; off += pnum) {
		int alloc = bdrv_is_allocated(bs, off, MIN(CHUNK, end - off), &pnum);
		if (alloc < 0)
			ret = alloc;
		else if (alloc && (ret = bdrv_pread(bs, off, buf, pnum)) == 0)
			ret = bdrv_pwrite(base, off, buf, pnum);
	}
	g_free(buf);
	return ret < 0 ? ret : bdrv_flush(base);
}

static int commit_locked(BlockDriverState *bs, bool empty, Error **errp)
{
	BlockDriverState *base = bs->backing;
	int64_t len = bdrv_getlength(bs), base_len;
	int ret = bdrv_make_writable(base);

	base_len = bdrv_getlength(base);
	if (ret == 0 && QEMU_ALIGN_UP(base_len, BDRV_SECTOR_SIZE) < len) {
		if (!base->drv->truncate) {
			error_setg(errp, "Cannot grow the backing file to the image's size");
			return -ENOTSUP;
		}
		if (!base->drv->truncate(base, len, errp))
			return -EIO;
	}
	if (ret == 0)
		ret = copy_down(bs, base);
	if (ret == 0 && empty && bs->drv->make_empty)
		ret = bs->drv->make_empty(bs);
	if (ret < 0)
		error_setg_errno(errp, -ret, "Block job failed");
	return ret;
}

/* Both nodes locked throughout (parent first, as requests take them): no request interleaves. */
int bdrv_commit(BlockDriverState *bs, bool empty, Error **errp)
{
	int ret;

	if (!bs->backing || !bs->drv->block_status) {
		error_setg(errp, "Image does not have a backing file");
		return -ENOTSUP;
	}
	g_rec_mutex_lock(&bs->lock);
	g_rec_mutex_lock(&bs->backing->lock);
	ret = commit_locked(bs, empty, errp);
	g_rec_mutex_unlock(&bs->backing->lock);
	g_rec_mutex_unlock(&bs->lock);
	return ret;
}
