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

static int commit(const char *filename, const char *fmt, const char *base_name, bool keep)
{
	BlockDriverState *bs = img_open(filename, fmt, BDRV_O_RDWR);
	Error *err = NULL;
	int ret = 1;

	if (!bs)
		return 1;
	if (!bs->backing || !bs->drv->block_status) {
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
	if (bdrv_commit(bs, !keep, &err) < 0) {
		error_report_err(err);
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
