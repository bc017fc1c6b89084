// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img check [-q] [-f fmt] [--output=human|json] [-r leaks|all] [-U] filename: the
 * format's consistency check, optionally repairing, with QEMU 7.2's report and exit status
 * (0 clean, 1 check failed, 2 corruptions, 3 leaks only, 63 format cannot be checked).
 */
#include "qemu/osdep.h"
#include <getopt.h>
#include "qobject/json.h"
#include "qemu-img.h"

static void put_nonzero(QValue *d, const char *key, uint64_t v)
{
	if (v)
		qv_dict_put(d, key, qv_uint(v));
}

static void print_json(const char *filename, const char *format, const BlockCheckResult *r)
{
	QValue d = qv_dict();
	GString *s;

	qv_dict_put(&d, "filename", qv_str(filename));
	qv_dict_put(&d, "format", qv_str(format));
	qv_dict_put(&d, "check-errors", qv_int(r->check_errors));
	qv_dict_put(&d, "image-end-offset", qv_uint(r->image_end_offset));
	put_nonzero(&d, "corruptions", r->corruptions);
	put_nonzero(&d, "leaks", r->leaks);
	put_nonzero(&d, "corruptions-fixed", r->corruptions_fixed);
	put_nonzero(&d, "leaks-fixed", r->leaks_fixed);
	qv_dict_put(&d, "total-clusters", qv_uint(r->total_clusters));
	put_nonzero(&d, "allocated-clusters", r->allocated_clusters);
	put_nonzero(&d, "fragmented-clusters", r->fragmented_clusters);
	put_nonzero(&d, "compressed-clusters", r->compressed_clusters);
	qv_order_as_qdict(&d);
	s = json_write(&d, true);
	printf("%s\n", s->str);
	g_string_free(s, TRUE);
	qv_clear(&d);
}

static void print_human(const BlockCheckResult *r)
{
	if (!r->corruptions && !r->leaks && !r->check_errors)
		printf("No errors were found on the image.\n");
	if (r->corruptions)
		printf("\n%d errors were found on the image.\n"
		       "Data may be corrupted, or further writes to the image may corrupt it.\n",
		       r->corruptions);
	if (r->leaks)
		printf("\n%d leaked clusters were found on the image.\n"
		       "This means waste of disk space, but no harm to data.\n",
		       r->leaks);
	if (r->check_errors)
		printf("\n%d internal errors have occurred during the check.\n", r->check_errors);
	if (r->total_clusters && r->allocated_clusters)
		printf("%" PRIu64 "/%" PRIu64 " = %0.2f%% allocated, %0.2f%% fragmented, %0.2f%% "
		       "compressed clusters\n",
		       r->allocated_clusters, r->total_clusters,
		       r->allocated_clusters * 100.0 / r->total_clusters,
		       r->fragmented_clusters * 100.0 / r->allocated_clusters,
		       r->compressed_clusters * 100.0 / r->allocated_clusters);
	if (r->image_end_offset)
		printf("Image end offset: %" PRIu64 "\n", r->image_end_offset);
}

static int check(const char *filename, const char *fmt, int fix, bool json, bool quiet, int flags)
{
	BlockDriverState *bs =
	    img_open(filename, fmt, (fix ? BDRV_O_RDWR : flags) | BDRV_O_NO_BACKING);
	BlockCheckResult r;
	int ret;

	if (!bs)
		return 1;
	if (!bs->drv->check) {
		error_report("This image format does not support checks");
		bdrv_unref(bs);
		return 63;
	}
	ret = bs->drv->check(bs, &r, fix);
	if (ret == 0 && (r.corruptions_fixed || r.leaks_fixed)) {
		if (!json && !quiet)
			printf("The following inconsistencies were found and repaired:\n\n"
			       "    %d leaked clusters\n    %d corruptions\n\n"
			       "Double checking the fixed image now...\n",
			       r.leaks_fixed, r.corruptions_fixed);
		ret = bs->drv->check(bs, &r, 0);
	}
	if (ret < 0) {
		error_report("Check failed: %s", g_strerror(-ret));
		bdrv_unref(bs);
		return 1;
	}
	if (json)
		print_json(filename, bs->drv->name, &r);
	else if (!quiet)
		print_human(&r);
	bdrv_unref(bs);
	if (r.check_errors)
		return 1;
	return r.corruptions ? 2 : r.leaks ? 3 : 0;
}

static int img_check(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ "repair", required_argument, NULL, 'r' },
		{ "force-share", no_argument, NULL, 'U' },
		{ NULL },
	};
	const char *fmt = NULL;
	bool json = false, quiet = false;
	int c, fix = 0, flags = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:hr:T:qU", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt = optarg;
			break;
		case 'o':
			if (!img_parse_output(optarg, &json))
				return 1;
			break;
		case 'r':
			if (!strcmp(optarg, "leaks")) {
				fix = BDRV_FIX_LEAKS;
			} else if (!strcmp(optarg, "all")) {
				fix = BDRV_FIX_LEAKS | BDRV_FIX_ERRORS;
			} else {
				return img_usage_error("Unknown option value for -r (expecting "
						       "'leaks' or 'all'): %s",
						       optarg);
			}
			break;
		case 'q':
			quiet = true;
			break;
		case 'T':
			break;
		case 'U':
			flags |= BDRV_O_FORCE_SHARE;
			break;
		default:
			return img_bad_option(c, argv);
		}
	}
	if (optind != argc - 1)
		return img_usage_error("Expecting one image file name");
	return check(argv[optind], fmt, fix, json, quiet, flags);
}
img_command("check", img_check)
