// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * QAPI's ImageInfo of an image, as qemu-img info --output=json and QMP's query-block show it:
 * the format driver's report (cluster size, backing file, format specifics, snapshots) with
 * the image's sizes, keys in the order QEMU's dictionaries print them.
 */
#include "qemu/osdep.h"
#include <sys/stat.h>
#include "block/qapi.h"

static int64_t host_allocated_size(const char *filename)
{
	struct stat st;

	return stat(filename, &st) == 0 ? (int64_t)st.st_blocks * 512 : -errno;
}

/* What the host file at the bottom of the node occupies, through its open descriptor. */
static int64_t allocated_size(BlockDriverState *bs, const char *filename)
{
	while (bs->file)
		bs = bs->file;
	return bs->drv->allocated_size ? bs->drv->allocated_size(bs)
				       : host_allocated_size(filename);
}

void bdrv_collect_image_info(BlockDriverState *bs, const char *filename, BlockImageInfo *i)
{
	int64_t len = bdrv_getlength(bs);

	i->filename = g_strdup(filename);
	i->format = g_strdup(bs->drv->name);
	i->virtual_size = len < 0 ? 0 : QEMU_ALIGN_UP(len, BDRV_SECTOR_SIZE);
	i->actual_size = allocated_size(bs, filename);
	if (bs->drv->get_info)
		bs->drv->get_info(bs, &i->fmt);
	if (i->fmt.backing_file)
		i->full_backing = bdrv_path_combine(filename, i->fmt.backing_file);
}

void bdrv_image_info_free(BlockImageInfo *i)
{
	g_free(i->filename);
	g_free(i->format);
	g_free(i->fmt.backing_file);
	g_free(i->fmt.backing_format);
	g_free(i->full_backing);
	qv_clear(&i->fmt.specific);
	qv_clear(&i->fmt.snapshots);
}

/* In QAPI's ImageInfo field order, then in the order QEMU's QDict prints them. */
QValue bdrv_image_info_json(const BlockImageInfo *i)
{
	QValue d = qv_dict();

	qv_dict_put(&d, "filename", qv_str(i->filename));
	qv_dict_put(&d, "format", qv_str(i->format));
	qv_dict_put(&d, "dirty-flag", qv_bool(i->fmt.dirty));
	if (i->actual_size >= 0)
		qv_dict_put(&d, "actual-size", qv_int(i->actual_size));
	qv_dict_put(&d, "virtual-size", qv_uint(i->virtual_size));
	if (i->fmt.cluster_size)
		qv_dict_put(&d, "cluster-size", qv_uint(i->fmt.cluster_size));
	if (i->fmt.backing_file) {
		qv_dict_put(&d, "backing-filename", qv_str(i->fmt.backing_file));
		qv_dict_put(&d, "full-backing-filename", qv_str(i->full_backing));
	}
	if (i->fmt.backing_format)
		qv_dict_put(&d, "backing-filename-format", qv_str(i->fmt.backing_format));
	if (i->fmt.snapshots.kind == QV_LIST)
		qv_dict_put(&d, "snapshots", qv_copy(&i->fmt.snapshots));
	if (i->fmt.specific.kind == QV_DICT) {
		QValue fs = qv_dict();
		qv_dict_put(&fs, "type", qv_str(i->format));
		qv_dict_put(&fs, "data", qv_copy(&i->fmt.specific));
		qv_dict_put(&d, "format-specific", fs);
	}
	qv_order_as_qdict(&d);
	return d;
}

/* The host file under a format node names the image; a temporary overlay has its own name. */
QValue bdrv_image_info_chain(BlockDriverState *bs)
{
	BlockImageInfo i = { 0 };
	QValue d;

	bdrv_collect_image_info(bs, bs->filename, &i);
	d = bdrv_image_info_json(&i);
	bdrv_image_info_free(&i);
	if (bs->backing) {
		qv_dict_put(&d, "backing-image", bdrv_image_info_chain(bs->backing));
		qv_order_as_qdict(&d);
	}
	return d;
}
