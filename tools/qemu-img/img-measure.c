// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img measure [--output=human|json] [-O output_fmt] [-o options] [--size N | [-f fmt]
 * filename]: how large a file an image of the output format would be, holding the given
 * image's data (or none, for --size) and fully allocated, as the format driver computes it.
 */
#include "qemu/osdep.h"
#include <getopt.h>
#include "qobject/json.h"
#include "qemu-img.h"

static void print(uint64_t required, uint64_t fully, bool bitmaps, bool json)
{
	QValue d;
	GString *s;

	if (!json) {
		printf("required size: %" PRIu64 "\nfully allocated size: %" PRIu64 "\n", required,
		       fully);
		if (bitmaps)
			printf("bitmaps size: 0\n");
		return;
	}
	d = qv_dict();
	qv_dict_put(&d, "required", qv_uint(required));
	qv_dict_put(&d, "fully-allocated", qv_uint(fully));
	if (bitmaps)
		qv_dict_put(&d, "bitmaps", qv_uint(0));
	qv_order_as_qdict(&d);
	s = json_write(&d, true);
	printf("%s\n", s->str);
	g_string_free(s, TRUE);
	qv_clear(&d);
}

static int measure(const char *filename, const char *fmt, const char *out_fmt, const char *optstr,
		   const char *size_arg, bool json)
{
	const BlockDriver *drv = bdrv_find_driver(out_fmt);
	BlockDriverState *src = NULL;
	Error *err = NULL;
	QemuOpts *opts;
	uint64_t size, required, fully;
	bool ok, bitmaps;

	if (!drv || !drv->measure) {
		error_report("Unknown file format '%s'", out_fmt);
		return 1;
	}
	if (size_arg && !img_parse_size(size_arg, &size)) {
		img_report_bad_size();
		return 1;
	}
	opts = qemu_opts_parse(optstr, NULL, &err);
	if (opts && !img_check_create_opts(drv, opts, &err)) {
		qemu_opts_free(opts);
		opts = NULL;
	}
	if (!opts) {
		error_report_err(err);
		return 1;
	}
	if (filename && !(src = img_open(filename, fmt, 0))) {
		qemu_opts_free(opts);
		return 1;
	}
	if (src)
		size = img_length(src);
	/* QEMU counts persistent bitmaps a qcow2 v3 image could carry over from a qcow2 one */
	bitmaps = src && src->drv == &bdrv_qcow2 && drv == &bdrv_qcow2 &&
		  g_strcmp0(qemu_opt_get(opts, "compat"), "0.10") &&
		  g_strcmp0(qemu_opt_get(opts, "compat"), "v2");
	ok = drv->measure(opts, size, src, &required, &fully, &err);
	if (ok)
		print(required, fully, bitmaps, json);
	else
		error_report_err(err);
	bdrv_unref(src);
	qemu_opts_free(opts);
	return !ok;
}

static int img_measure(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'j' },
		{ "size", required_argument, NULL, 's' },
		{ "force-share", no_argument, NULL, 'U' },
		{ NULL },
	};
	const char *fmt = NULL, *out_fmt = "raw", *size = NULL;
	GString *options = g_string_new(NULL);
	bool json = false;
	int c, ret;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":hf:O:o:U", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt = optarg;
			break;
		case 'O':
			out_fmt = optarg;
			break;
		case 'o':
			g_string_append_printf(options, "%s%s", options->len ? "," : "", optarg);
			break;
		case 'j':
			if (!img_parse_output(optarg, &json)) {
				g_string_free(options, TRUE);
				return 1;
			}
			break;
		case 's':
			size = optarg;
			break;
		case 'U':
			break;
		default:
			g_string_free(options, TRUE);
			return img_bad_option(c, argv);
		}
	}
	if (size && optind < argc) {
		error_report("--size N cannot be used together with a filename.");
		ret = 1;
	} else if (!size && optind != argc - 1) {
		error_report("Either --size N or one filename must be specified.");
		ret = 1;
	} else {
		ret = measure(size ? NULL : argv[optind], fmt, out_fmt, options->str, size, json);
	}
	g_string_free(options, TRUE);
	return ret;
}
img_command("measure", img_measure)
