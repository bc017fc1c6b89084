// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img rebase [-f fmt] [-p] [-u] [-U] [-q] -b backing_file [-F backing_fmt] filename: points
 * an image at another backing file. Unsafe mode (-u) only rewrites the name; the safe mode
 * first copies into the image every unallocated part where the old and the new backing files
 * differ, so the guest sees the same bytes afterwards. -b "" removes the backing file.
 */
#include "qemu/osdep.h"
#include <getopt.h>
#include "qemu-img.h"

#define CHUNK (1 << 20)

/* Copies into the image what the new backing file would show differently. */
static int copy_differences(BlockDriverState *bs, BlockDriverState *new_backing)
{
	int64_t size = img_length(bs), pnum;
	uint8_t *a = g_malloc(CHUNK), *b = g_malloc(CHUNK);
	int ret = 0;

	for (int64_t off = 0; off < size && ret == 0; off += pnum) {
		int alloc = bdrv_is_allocated(bs, off, MIN(CHUNK, size - off), &pnum);
		if (alloc < 0) {
			ret = alloc;
			break;
		}
		if (alloc)
			continue;
		ret = bdrv_pread_padded(bs->backing, off, a, pnum);
		if (ret == 0)
			ret = bdrv_pread_padded(new_backing, off, b, pnum);
		if (ret == 0 && memcmp(a, b, pnum))
			ret = bdrv_pwrite(bs, off, a, pnum);
	}
	g_free(a);
	g_free(b);
	if (ret < 0)
		error_report("error while rebasing: %s", g_strerror(-ret));
	return ret;
}

static int rebase(const char *filename, const char *fmt, const char *backing,
		  const char *backing_fmt, bool unsafe, int flags)
{
	BlockDriverState *bs =
	    img_open(filename, fmt, BDRV_O_RDWR | (unsafe ? BDRV_O_NO_BACKING : 0));
	BlockDriverState *new_backing = NULL;
	Error *err = NULL;
	int ret = 1;

	if (!bs)
		return 1;
	if (!bs->drv->change_backing) {
		error_report("Could not change the backing file to '%s': %s", backing,
			     g_strerror(ENOTSUP));
		goto out;
	}
	if (*backing && !backing_fmt && unsafe) {
		error_report("Could not change the backing file to '%s': backing format must be "
			     "specified",
			     backing);
		goto out;
	}
	if (!unsafe && *backing) {
		g_autofree char *path = bdrv_path_combine(filename, backing);
		new_backing = bdrv_open_image(path, backing_fmt, flags, &err);
		if (!new_backing) {
			error_report("Could not open new backing file '%s': %s", path,
				     error_get_pretty(err));
			error_free(err);
			goto out;
		}
		if (!backing_fmt)
			backing_fmt = new_backing->drv->name;
	}
	if ((!unsafe && copy_differences(bs, new_backing) < 0) || bdrv_flush(bs) < 0)
		goto out;
	if (!bs->drv->change_backing(bs, *backing ? backing : NULL, *backing ? backing_fmt : NULL,
				     &err)) {
		error_report_err(err);
		goto out;
	}
	ret = 0;
out:
	bdrv_unref(new_backing);
	bdrv_unref(bs);
	return ret;
}

static int img_rebase(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "force-share", no_argument, NULL, 'U' },
		{ NULL },
	};
	const char *fmt = NULL, *backing = NULL, *backing_fmt = NULL;
	bool unsafe = false;
	int c, flags = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":hf:F:b:upt:T:qU", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt = optarg;
			break;
		case 'F':
			backing_fmt = optarg;
			break;
		case 'b':
			backing = optarg;
			break;
		case 'u':
			unsafe = true;
			break;
		case 'U':
			flags |= BDRV_O_FORCE_SHARE;
			break;
		case 'p':
		case 't':
		case 'T':
		case 'q':
			break; /* progress, cache modes; nothing else is printed */
		default:
			return img_bad_option(c, argv);
		}
	}
	if (optind != argc - 1)
		return img_usage_error("Expecting one image file name");
	if (!unsafe && !backing)
		return img_usage_error("Must specify backing file (-b) or use unsafe mode (-u)");
	return rebase(argv[optind], fmt, backing ? backing : "", backing_fmt, unsafe, flags);
}
img_command("rebase", img_rebase)
