// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The temporary overlay of -snapshot and -drive snapshot=on: a qcow2 image in $TMPDIR (else
 * /var/tmp), unlinked as soon as it is open, whose backing node is the drive's image, opened
 * read-only and never changed. The guest's writes go to the overlay and die with the process
 * unless committed (Ctrl-A s on the console): bdrv_commit then writes them into the image,
 * made writable for that.
 */
#include "qemu/osdep.h"
#include "block/block_int.h"

static char *create_overlay(BlockDriverState *base, Error **errp)
{
	const char *dir = g_getenv("TMPDIR");
	char *path = g_build_filename(dir && *dir ? dir : "/var/tmp", "vl.XXXXXX", NULL);
	int64_t len = bdrv_getlength(base);
	g_autofree char *optstr = NULL;
	QemuOpts *opts;
	bool ok;
	int fd;

	if (len < 0) {
		error_setg_errno(errp, -len, "Could not get the size of '%s'", base->filename);
		g_free(path);
		return NULL;
	}
	fd = g_mkstemp(path);
	if (fd < 0) {
		error_setg_errno(errp, errno, "Could not create temporary overlay '%s'", path);
		g_free(path);
		return NULL;
	}
	close(fd);
	optstr = g_strdup_printf("size=%" PRId64, QEMU_ALIGN_UP(len, BDRV_SECTOR_SIZE));
	opts = qemu_opts_parse(optstr, NULL, errp);
	ok = opts && bdrv_qcow2.create(path, opts, errp);
	qemu_opts_free(opts);
	if (!ok) {
		unlink(path);
		g_free(path);
		return NULL;
	}
	return path;
}

BlockDriverState *bdrv_temp_overlay_new(BlockDriverState *base, int flags,
					DetectZeroes detect_zeroes, Error **errp)
{
	char *path = create_overlay(base, errp);
	/* as QEMU's: a temporary image need never reach the disk, so flushes are skipped */
	BlockOpenArgs args = { .flags = flags | BDRV_O_RDWR | BDRV_O_NO_FLUSH,
			       .detect_zeroes = detect_zeroes };
	BlockDriverState *file, *top = NULL;

	if (!path)
		return NULL;
	args.filename = path;
	file = bdrv_open_node(&bdrv_file, NULL, &args, errp);
	unlink(path); /* nothing is left behind, whatever ends the process */
	if (file) {
		args.filename = NULL;
		args.file = file;
		args.backing = base;
		top = bdrv_open_node(&bdrv_qcow2, NULL, &args, errp);
		bdrv_unref(file); /* the format node holds its own reference */
	}
	if (top)
		top->temp_overlay = true;
	g_free(path);
	return top;
}
