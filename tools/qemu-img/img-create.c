// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img create [-q] [-f fmt] [-b backing_file [-F backing_fmt]] [-u] [-o options]
 * filename [size]: the format's own create function does the writing; this file gathers the
 * options (-b and -F are backing_file= and backing_fmt=), takes the size from the backing
 * file when none is given, and prints the "Formatting" line.
 */
#include "qemu/osdep.h"
#include <getopt.h>
#include "qemu-img.h"

typedef struct CreateArgs {
	const char *fmt, *backing, *backing_fmt, *filename, *size;
	GString *options;
	bool quiet, unsafe;
} CreateArgs;

static int parse_args(int argc, char **argv, CreateArgs *a)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "object", required_argument, NULL, 'O' },
		{ NULL },
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":F:b:f:ho:qu", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			a->fmt = optarg;
			break;
		case 'b':
			a->backing = optarg;
			break;
		case 'F':
			a->backing_fmt = optarg;
			break;
		case 'o':
			if (a->options->len)
				g_string_append_c(a->options, ',');
			g_string_append(a->options, optarg);
			break;
		case 'q':
			a->quiet = true;
			break;
		case 'u':
			a->unsafe = true;
			break;
		case 'O':
			error_report("--object is not supported by this qemu-img");
			return 1;
		default:
			return img_bad_option(c, argv);
		}
	}
	if (optind < argc) /* none is fine for -o help */
		a->filename = argv[optind++];
	if (optind < argc)
		a->size = argv[optind++];
	if (optind < argc)
		return img_usage_error("Unexpected argument: %s", argv[optind]);
	return 0;
}

/* The backing file's format (probed) and size, as QEMU checks them before creating. */
static bool inspect_backing(const char *filename, QemuOpts *opts, bool need_size, bool unsafe)
{
	const char *backing = qemu_opt_get(opts, "backing_file");
	const char *fmt = qemu_opt_get(opts, "backing_fmt");
	g_autofree char *path = NULL;
	BlockDriverState *bs;
	Error *err = NULL;

	if (!backing || (unsafe && fmt && !need_size))
		return true;
	path = bdrv_path_combine(filename, backing);
	bs = bdrv_open_image(path, fmt, BDRV_O_NO_BACKING, &err);
	if (!bs) {
		error_report("%s: %s", filename, error_get_pretty(err));
		error_printf("Could not open backing image.\n");
		error_free(err);
		return false;
	}
	if (!fmt) {
		error_report("%s: Backing file specified without backing format", filename);
		error_printf("Detected format of %s.", bs->drv->name); /* sic: QEMU ends no line */
		bdrv_unref(bs);
		return false;
	}
	if (need_size) {
		g_autofree char *size = g_strdup_printf("%" PRId64, bdrv_getlength(bs));
		qemu_opt_set(opts, "size", size);
	}
	bdrv_unref(bs);
	return true;
}

static int create(CreateArgs *a)
{
	const BlockDriver *drv = bdrv_find_driver(a->fmt);
	Error *err = NULL;
	QemuOpts *opts;
	uint64_t size;
	int ret = 1;

	opts = qemu_opts_parse(a->options->str, NULL, &err);
	if (opts && opts->help) {
		/* QEMU answers -o help before it looks for a file name */
		if (drv && drv->create)
			img_print_create_help(drv, a->filename != NULL);
		else
			error_report("Unknown file format '%s'", a->fmt);
		qemu_opts_free(opts);
		return drv && drv->create ? 0 : 1;
	}
	if (!a->filename) {
		error_free(err);
		qemu_opts_free(opts);
		return img_usage_error("Expecting image file name");
	}
	if (!drv || !drv->create) {
		error_report("%s: Unknown file format '%s'", a->filename, a->fmt);
		error_free(err);
		qemu_opts_free(opts);
		return 1;
	}
	if (!opts) {
		error_report("%s: %s", a->filename, error_get_pretty(err));
		error_free(err);
		return 1;
	}
	if (a->backing)
		qemu_opt_set(opts, "backing_file", a->backing);
	if (a->backing_fmt)
		qemu_opt_set(opts, "backing_fmt", a->backing_fmt);
	if (a->size && qemu_opt_has(opts, "size")) {
		error_report("%s: The image size must be specified only once", a->filename);
		goto out;
	}
	if (a->size) {
		g_autofree char *bytes = NULL;
		if (!img_parse_size(a->size, &size)) {
			img_report_bad_size();
			goto out;
		}
		bytes = g_strdup_printf("%" PRIu64, size);
		qemu_opt_set(opts, "size", bytes);
	}
	if (!img_check_create_opts(drv, opts, &err))
		goto fail;
	if (!inspect_backing(a->filename, opts, !qemu_opt_has(opts, "size"), a->unsafe))
		goto out;
	if (!qemu_opt_has(opts, "size")) {
		error_report("%s: Image creation needs a size parameter", a->filename);
		goto out;
	}
	if (!a->quiet)
		img_print_formatting(a->filename, drv, opts);
	if (drv->create(a->filename, opts, &err))
		ret = 0;
fail:
	if (err) {
		error_report("%s: %s", a->filename, error_get_pretty(err));
		error_free(err);
	}
out:
	qemu_opts_free(opts);
	return ret;
}

static int img_create(int argc, char **argv)
{
	CreateArgs a = { .fmt = "raw", .options = g_string_new(NULL) };
	int ret = parse_args(argc, argv, &a);

	if (ret == 0)
		ret = create(&a);
	g_string_free(a.options, TRUE);
	return ret;
}
img_command("create", img_create)
