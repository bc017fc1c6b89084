// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Opening an image by file name, as QEMU does for backing files and qemu-img does for its
 * arguments: the protocol node (host_device for a block device, else file), then the format
 * node on top, named or probed from the first sector. Backing chains open recursively through
 * here, so the depth is bounded: a chain that loops back on itself ends in an error.
 */
#include "qemu/osdep.h"
#include <sys/stat.h>
#include "block/block_int.h"

#define MAX_BACKING_DEPTH 64

static int depth;

char *bdrv_path_combine(const char *base, const char *name)
{
	const char *slash = strrchr(base, '/');

	if (g_path_is_absolute(name) || strstr(name, "://") || !slash)
		return g_strdup(name);
	return g_strdup_printf("%.*s%s", (int)(slash - base + 1), base, name);
}

const char *bdrv_probe_format(const uint8_t *buf, size_t len)
{
	const char *foreign = raw_probe_foreign(buf, len);

	return foreign ? foreign : "raw";
}

static const BlockDriver *probe(BlockDriverState *file, Error **errp)
{
	uint8_t buf[BDRV_SECTOR_SIZE] = { 0 };
	int64_t len = bdrv_getlength(file);
	const char *name;
	const BlockDriver *drv;

	if (len < 0 || bdrv_pread(file, 0, buf, MIN(MAX(len, 0), BDRV_SECTOR_SIZE)) < 0) {
		error_setg(errp, "Could not read image for determining its format");
		return NULL;
	}
	name = bdrv_probe_format(buf, MIN(MAX(len, 0), BDRV_SECTOR_SIZE));
	drv = bdrv_find_driver(name);
	if (!drv)
		error_setg(errp, "'%s' is a %s image; %s is not supported yet", file->filename,
			   name, name);
	return drv;
}

static BlockDriverState *open_protocol(const char *filename, int flags, Error **errp)
{
	struct stat st;
	BlockOpenArgs args = { .flags = flags, .filename = filename };
	const BlockDriver *drv =
	    stat(filename, &st) == 0 && S_ISBLK(st.st_mode) ? &bdrv_host_device : &bdrv_file;

	return bdrv_open_node(drv, NULL, &args, errp);
}

BlockDriverState *bdrv_open_image(const char *filename, const char *format, int flags, Error **errp)
{
	const BlockDriver *drv = NULL;
	BlockDriverState *file, *bs = NULL;
	BlockOpenArgs args = { .flags = flags };

	if (format) {
		drv = bdrv_find_driver(format);
		if (!drv) {
			error_setg(errp, "Unknown driver '%s'", format);
			return NULL;
		}
	}
	if (depth >= MAX_BACKING_DEPTH) {
		error_setg(errp, "Backing chain of '%s' is more than %d images deep (a loop?)",
			   filename, MAX_BACKING_DEPTH);
		return NULL;
	}
	file = open_protocol(filename, flags, errp);
	if (!file || (drv && drv->is_protocol))
		return file;
	if (!drv) {
		drv = probe(file, errp);
		args.probed = drv == &bdrv_raw;
		if (args.probed && (flags & BDRV_O_RDWR))
			raw_warn_probed(filename);
	}
	if (drv) {
		args.file = file;
		depth++;
		bs = bdrv_open_node(drv, NULL, &args, errp);
		depth--;
	}
	bdrv_unref(file); /* the format node holds its own reference */
	return bs;
}
