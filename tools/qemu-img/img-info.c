// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img info [-f fmt] [--output=human|json] [--backing-chain] [-U] filename: what the
 * format driver reports of an image (size, cluster size, backing file, format specifics),
 * in QEMU 7.2's human layout or its JSON with the same keys in the same order.
 */
#include "qemu/osdep.h"
#include <getopt.h>
#include "qobject/json.h"
#include "qemu-img.h"
#include "block/qapi.h"

typedef BlockImageInfo ImageInfo;

static bool collect(const char *filename, const char *fmt, int flags, ImageInfo *i)
{
	BlockDriverState *bs = img_open(filename, fmt, BDRV_O_NO_BACKING | flags);

	if (!bs)
		return false;
	bdrv_collect_image_info(bs, filename, i);
	i->virtual_size = img_length(bs);
	bdrv_unref(bs);
	return true;
}

static void print_human(const ImageInfo *i)
{
	g_autofree char *vsize = img_size_to_str(i->virtual_size);
	g_autofree char *dsize = i->actual_size >= 0 ? img_size_to_str(i->actual_size) : NULL;
	QValue specific;

	printf("image: %s\nfile format: %s\nvirtual size: %s (%" PRIu64 " bytes)\n", i->filename,
	       i->format, vsize, i->virtual_size);
	printf("disk size: %s\n", dsize ? dsize : "unavailable");
	if (i->fmt.cluster_size)
		printf("cluster_size: %" PRIu64 "\n", i->fmt.cluster_size);
	if (i->fmt.backing_file) {
		printf("backing file: %s", i->fmt.backing_file);
		if (strcmp(i->full_backing, i->fmt.backing_file))
			printf(" (actual path: %s)", i->full_backing);
		printf("\n");
	}
	if (i->fmt.backing_format)
		printf("backing file format: %s\n", i->fmt.backing_format);
	if (i->fmt.snapshots.kind == QV_LIST)
		img_print_snapshots(&i->fmt.snapshots);
	if (i->fmt.specific.kind != QV_DICT)
		return;
	printf("Format specific information:\n");
	specific = qv_copy(&i->fmt.specific);
	qv_order_as_qdict(&specific);
	for (guint k = 0; k < specific.dict->len; k++) {
		QValueEntry *e = g_ptr_array_index(specific.dict, k);
		g_autofree char *name = g_strdelimit(g_strdup(e->key), "-", ' ');
		g_autofree char *val =
		    e->value.kind == QV_STR ? g_strdup(e->value.s) : qv_to_string(&e->value);
		printf("    %s: %s\n", name, val);
	}
	qv_clear(&specific);
}

static void print_json(QValue *v)
{
	GString *s = json_write(v, true);

	printf("%s\n", s->str);
	g_string_free(s, TRUE);
}

static int info(const char *filename, const char *fmt, bool json, bool chain, int flags)
{
	QValue list = qv_list();
	char *name = g_strdup(filename), *cur_fmt = g_strdup(fmt);
	int ret = 0;

	for (int depth = 0; name; depth++) {
		ImageInfo i = { 0 };
		char *next = NULL;
		if (depth >= 64 || !collect(name, cur_fmt, flags, &i)) {
			if (depth >= 64)
				error_report("Backing file '%s' creates an infinite loop.", name);
			ret = 1;
			bdrv_image_info_free(&i);
			break;
		}
		if (json && chain)
			qv_list_append(&list, bdrv_image_info_json(&i));
		else if (json) {
			QValue v = bdrv_image_info_json(&i);
			print_json(&v);
			qv_clear(&v);
		} else {
			printf("%s", depth ? "\n" : "");
			print_human(&i);
		}
		if (chain && i.fmt.backing_file)
			next = g_strdup(i.full_backing);
		g_free(cur_fmt);
		cur_fmt = g_strdup(i.fmt.backing_format); /* else probed */
		bdrv_image_info_free(&i);
		g_free(name);
		name = next;
	}
	g_free(name);
	g_free(cur_fmt);
	if (json && chain && ret == 0)
		print_json(&list);
	qv_clear(&list);
	return ret;
}

static int img_info(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ "backing-chain", no_argument, NULL, 'c' },
		{ "force-share", no_argument, NULL, 'U' },
		{ NULL },
	};
	const char *fmt = NULL;
	bool json = false, chain = false;
	int c, flags = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":f:hU", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt = optarg;
			break;
		case 'o':
			if (!img_parse_output(optarg, &json))
				return 1;
			break;
		case 'c':
			chain = true;
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
	return info(argv[optind], fmt, json, chain, flags);
}
img_command("info", img_info)
