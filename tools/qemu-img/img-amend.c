// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img amend [-p] [-q] [-f fmt] [-t cache] [--force] -o options filename: changes an
 * image's format options in place through its driver (qcow2: compat, lazy_refcounts,
 * refcount_bits, size). "-o help" lists what the format takes; an option that only image
 * creation takes is named as such. Checks and messages in QEMU 7.2's order.
 */
#include "qemu/osdep.h"
#include <getopt.h>
#include "qemu-img.h"

static const BlockCreateOpt *find_opt(const BlockCreateOpt *table, const char *name)
{
	for (const BlockCreateOpt *o = table; o && o->name; o++)
		if (!strcmp(o->name, name))
			return o;
	return NULL;
}

static int print_help(const char *fmt)
{
	const BlockDriver *drv = bdrv_find_driver(fmt);
	GArray *opts;

	if (!drv) {
		error_report("Unknown file format '%s'", fmt);
		return 1;
	}
	if (!drv->amend_opts) {
		error_report("Format driver '%s' does not support option amendment", fmt);
		return 1;
	}
	/* the creation-only entries are not the format's to amend */
	opts = g_array_new(TRUE, TRUE, sizeof(BlockCreateOpt));
	for (const BlockCreateOpt *o = drv->amend_opts; o->name; o++)
		if (!o->create_only)
			g_array_append_val(opts, *o);
	printf("Amend options for '%s':\n", fmt);
	img_print_opts((const BlockCreateOpt *)opts->data, true);
	g_array_free(opts, TRUE);
	return 0;
}

/* QEMU names the creation-only option only when the whole list is valid for creation. */
static bool all_known(const BlockDriver *drv, QemuOpts *opts)
{
	for (guint i = 0; i < opts->opts->len; i++) {
		QemuOpt *opt = g_ptr_array_index(opts->opts, i);
		if (!find_opt(drv->amend_opts, opt->name) && !find_opt(drv->create_opts, opt->name))
			return false;
	}
	return true;
}

/* QEMU's check of -o: not empty, not starting with a comma, no lone comma at the end. */
static bool valid_option_list(const char *s)
{
	size_t len = strlen(s), i = len;

	if (!*s || *s == ',')
		return false;
	while (i > 0 && s[i - 1] == ',')
		i--;
	return (len - i) % 2 == 0;
}

/* Each option is the format's to amend and of its type, in the order given, as QEMU parses. */
static bool check_opts(const BlockDriver *drv, QemuOpts *opts, Error **errp)
{
	for (guint i = 0; i < opts->opts->len; i++) {
		QemuOpt *opt = g_ptr_array_index(opts->opts, i);
		const BlockCreateOpt *o = find_opt(drv->amend_opts, opt->name);
		uint64_t n;
		bool b;

		if (!o || o->create_only) {
			error_setg(errp, "Invalid parameter '%s'", opt->name);
			if (all_known(drv, opts))
				error_append_hint(
				    errp, "This option is only supported for image creation\n");
			return false;
		}
		if ((o->type == BLOCK_OPT_BOOL &&
		     !parse_option_bool(o->name, opt->str, &b, errp)) ||
		    (o->type == BLOCK_OPT_NUMBER &&
		     !parse_option_number(o->name, opt->str, &n, errp)) ||
		    (o->type == BLOCK_OPT_SIZE && !parse_option_size(o->name, opt->str, &n, errp)))
			return false;
	}
	return true;
}

static void show_progress(void *opaque, uint64_t done, uint64_t total)
{
	img_progress_set(opaque, done, total);
}

static int amend(const char *filename, const char *fmt, QemuOpts *opts, int flags, bool progress)
{
	BlockDriverState *bs = img_open(filename, fmt, flags);
	ImgProgress p;
	Error *err = NULL;
	int ret = 1;

	if (!bs)
		return 1;
	if (opts->help) {
		ret = print_help(bs->drv->name);
		goto out;
	}
	if (!bs->drv->amend) {
		error_report("Format driver '%s' does not support option amendment", bs->drv->name);
		goto out;
	}
	if (!check_opts(bs->drv, opts, &err)) {
		error_report_err(err);
		goto out;
	}
	img_progress_start(&p, progress);
	if (bs->drv->amend(bs, opts, show_progress, &p, &err))
		ret = 0;
	img_progress_set(&p, 1, 1);
	img_progress_end(&p);
	if (ret)
		error_report_err(err);
out:
	bdrv_unref(bs);
	return ret;
}

static int img_amend(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "object", required_argument, NULL, 'O' },
		{ "image-opts", no_argument, NULL, 'I' },
		{ "force", no_argument, NULL, 'F' },
		{ NULL },
	};
	g_autoptr(GString) options = g_string_new(NULL);
	const char *fmt = NULL, *cache = "writeback";
	bool progress = false, quiet = false, writethrough;
	int c, flags = BDRV_O_RDWR, ret;
	QemuOpts *opts;
	Error *err = NULL;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":ho:f:t:pq", longopts, NULL)) != -1) {
		switch (c) {
		case 'o':
			if (!valid_option_list(optarg)) {
				error_report("Invalid option list: %s", optarg);
				return 1;
			}
			if (options->len)
				g_string_append_c(options, ',');
			g_string_append(options, optarg);
			break;
		case 'f':
			fmt = optarg;
			break;
		case 't':
			cache = optarg;
			break;
		case 'p':
			progress = true;
			break;
		case 'q':
			quiet = true;
			break;
		case 'F':
			break; /* lets LUKS keyslot changes through; we amend no encrypted image */
		case 'O':
		case 'I':
			error_report("--%s is not supported by this qemu-img",
				     c == 'O' ? "object" : "image-opts");
			return 1;
		default:
			return img_bad_option(c, argv);
		}
	}
	if (!options->len)
		return img_usage_error("Must specify options (-o)");
	opts = qemu_opts_parse(options->str, NULL, &err);
	if (!opts) {
		error_report_err(err);
		return 1;
	}
	if (fmt && opts->help) {
		ret = print_help(fmt);
	} else if (optind != argc - 1) {
		error_report("Expecting one image file name");
		ret = 1;
	} else if (!bdrv_parse_cache_mode(cache, &flags, &writethrough)) {
		error_report("Invalid cache option: %s", cache);
		ret = 1;
	} else {
		ret = amend(argv[optind], fmt, opts, flags, progress && !quiet);
	}
	qemu_opts_free(opts);
	return ret;
}
img_command("amend", img_amend)
