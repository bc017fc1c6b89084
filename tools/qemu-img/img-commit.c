// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img commit [-q] [-f fmt] [-b base] [-d] [-p] filename: writes what an image holds
 * into its backing file (made writable for it, and grown to the image's size), then empties
 * the image so that it shows the backing file again, unless -d. Only the image's own backing
 * file can be the base.
 */
#include "qemu/osdep.h"
#include <getopt.h>
#include "qemu-img.h"

#define CHUNK (1 << 20)

static int copy_down(BlockDriverState *bs)
{
	BlockDriverState *base = bs->backing;
	int64_t size = img_length(bs), pnum;
	uint8_t *buf = g_malloc(CHUNK);
	int ret = 0;

	for (int64_t off = 0; off < size && ret == 0; off += pnum) {
		int alloc = bs->drv->is_allocated(bs, off, MIN(CHUNK, size - off), &pnum);
		if (alloc < 0)
			ret = alloc;
		else if (alloc && (ret = bdrv_pread(bs, off, buf, pnum)) == 0)
			ret = bdrv_pwrite(base, off, buf, pnum);
	}
	g_free(buf);
	return ret < 0 ? ret : bdrv_flush(base);
}

static int commit(const char *filename, const char *fmt, const char *base_name, bool keep)
{
	BlockDriverState *bs = img_open(filename, fmt, BDRV_O_RDWR);
	Error *err = NULL;
	int ret = 1, r;

	if (!bs)
		return 1;
	if (!bs->backing || !bs->drv->is_allocated) {
		error_report("Image does not have a backing file");
		goto out;
	}
	if (base_name && strcmp(base_name, bs->backing->filename)) {
		g_autofree char *path = bdrv_path_combine(filename, base_name);
		if (strcmp(path, bs->backing->filename)) {
			error_report("Did not find '%s' in the backing chain of '%s'", base_name,
				     filename);
			goto out;
		}
	}
	r = bdrv_make_writable(bs->backing);
	if (r < 0) {
		error_report("Block job failed: %s", g_strerror(-r));
		goto out;
	}
	if (img_length(bs->backing) < img_length(bs) &&
	    !bs->backing->drv->truncate(bs->backing, img_length(bs), &err)) {
		error_report_err(err);
		goto out;
	}
	r = copy_down(bs);
	if (r == 0 && !keep && bs->drv->make_empty)
		r = bs->drv->make_empty(bs);
	if (r < 0) {
		error_report("Block job failed: %s", g_strerror(-r));
		goto out;
	}
	ret = 0;
out:
	bdrv_unref(bs);
	return ret;
}

static int img_commit(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL },
	};
	const char *fmt = NULL, *base = NULL;
	bool quiet = false, keep = false;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:ht:b:dpqr:", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt = optarg;
			break;
		case 'b':
			base = optarg;
			break;
		case 'd':
			keep = true;
			break;
		case 'q':
			quiet = true;
			break;
		case 't':
		case 'p':
		case 'r':
			break; /* cache mode, progress and rate limit of a local copy */
		default:
			return img_bad_option(c, argv);
		}
	}
	if (optind != argc - 1)
		return img_usage_error("Expecting one image file name");
	ret = commit(argv[optind], fmt, base, keep);
	if (ret == 0 && !quiet)
		printf("Image committed.\n");
	return ret;
}
img_command("commit", img_commit)
