// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img resize [-f fmt] [--preallocation=off] [-q] [--shrink] filename [+|-]size: grows or
 * shrinks an image's guest-visible size through its format driver. The size is taken off the
 * end of the arguments before option parsing, as QEMU does, so "-1G" is a size and not an
 * option; shrinking needs --shrink.
 */
#include "qemu/osdep.h"
#include <getopt.h>
#include "qemu-img.h"

static bool parse_new_size(const char *arg, int64_t old, int64_t *size)
{
	int sign = *arg == '+' ? 1 : *arg == '-' ? -1 : 0;
	uint64_t n;

	if (!img_parse_size(arg + (sign != 0), &n) || n > INT64_MAX) {
		error_report("Parameter 'size' expects a non-negative number below 2^64");
		error_printf("Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, "
			     "peta-\nand exabytes, respectively.\n");
		return false;
	}
	*size = sign > 0 ? old + (int64_t)n : sign < 0 ? old - (int64_t)n : (int64_t)n;
	if (*size <= 0) {
		error_report("New image size must be positive");
		return false;
	}
	return true;
}

static int resize(const char *filename, const char *fmt, const char *arg, bool shrink, bool quiet)
{
	BlockDriverState *bs = img_open(filename, fmt, BDRV_O_RDWR | BDRV_O_NO_BACKING);
	Error *err = NULL;
	int64_t size;
	int ret = 1;

	if (!bs)
		return 1;
	if (!parse_new_size(arg, img_length(bs), &size))
		goto out;
	if (size < img_length(bs) && !shrink) {
		error_report("Use the --shrink option to perform a shrink operation.");
		warn_report("Shrinking an image will delete all data beyond the shrunken image's "
			    "end. Before performing such an operation, make sure there is no "
			    "important data there.");
		goto out;
	}
	if (!bs->drv->truncate) {
		error_report("Image format driver does not support resize");
		goto out;
	}
	if (!bs->drv->truncate(bs, size, &err)) {
		error_report_err(err);
		goto out;
	}
	if (!quiet)
		printf("Image resized.\n");
	ret = 0;
out:
	bdrv_unref(bs);
	return ret;
}

static int img_resize(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "preallocation", required_argument, NULL, 'P' },
		{ "shrink", no_argument, NULL, 'S' },
		{ NULL },
	};
	const char *fmt = NULL, *size;
	bool shrink = false, quiet = false;
	int c;

	if (argc < 3)
		return img_usage_error("Not enough arguments");
	size = argv[--argc]; /* before getopt, which would take "-1G" for options */
	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:hq", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case 'S':
			shrink = true;
			break;
		case 'P':
			if (strcmp(optarg, "off")) {
				error_report("Preallocation mode '%s' is not supported yet",
					     optarg);
				return 1;
			}
			break;
		default:
			return img_bad_option(c, argv);
		}
	}
	if (optind != argc - 1)
		return img_usage_error("Expecting image file name and size");
	return resize(argv[optind], fmt, size, shrink, quiet);
}
img_command("resize", img_resize)
