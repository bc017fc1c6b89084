// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img map [-f fmt] [--output=human|json] [--start-offset=N] [--max-length=N] [-U]
 * filename: where each range of the guest's view comes from, down the backing chain: the depth
 * of the image deciding it, whether it reads data or zeroes, and the host file and offset of
 * the data. Alike neighbours are merged; human output lists only mapped data, as QEMU's.
 */
#include "qemu/osdep.h"
#include <getopt.h>
#include "qemu-img.h"

typedef struct MapEntry {
	int64_t start, length, offset;
	int depth;
	bool present, zero, data, has_offset;
	const char *filename;
} MapEntry;

/* The status of [offset, +bytes) through the chain: the first image that decides it. */
static int chain_status(BlockDriverState *bs, int64_t offset, int64_t bytes, MapEntry *e)
{
	BlockDriverState *file;
	int64_t pnum, map;
	int depth, ret = bdrv_block_status_above(bs, offset, bytes, &pnum, &map, &file, &depth);

	if (ret < 0)
		return ret;
	*e = (MapEntry){ .start = offset,
			 .length = pnum,
			 .depth = depth,
			 .present = ret & BDRV_BLOCK_ALLOCATED,
			 .zero = ret & BDRV_BLOCK_ZERO,
			 .data = ret & BDRV_BLOCK_DATA,
			 .has_offset = ret & BDRV_BLOCK_OFFSET_VALID,
			 .offset = map,
			 .filename = file->filename };
	return 0;
}

static bool mergeable(const MapEntry *a, const MapEntry *b)
{
	return a->depth == b->depth && a->present == b->present && a->zero == b->zero &&
	       a->data == b->data && a->has_offset == b->has_offset &&
	       (!a->has_offset || a->offset + a->length == b->offset);
}

static int dump(const MapEntry *e, bool json, bool first)
{
	if (json) {
		printf("%s{ \"start\": %" PRId64 ", \"length\": %" PRId64 ", \"depth\": %d, "
		       "\"present\": %s, \"zero\": %s, \"data\": %s",
		       first ? "" : ",\n", e->start, e->length, e->depth,
		       e->present ? "true" : "false", e->zero ? "true" : "false",
		       e->data ? "true" : "false");
		if (e->has_offset)
			printf(", \"offset\": %" PRId64, e->offset);
		printf("}");
		return 0;
	}
	if (e->data && !e->has_offset) {
		error_report("File contains external, encrypted or compressed clusters.");
		return -1;
	}
	if (e->data)
		printf("%#-16" PRIx64 "%#-16" PRIx64 "%#-16" PRIx64 "%s\n", e->start, e->length,
		       e->offset, e->filename);
	return 0;
}

static int map(const char *filename, const char *fmt, bool json, int64_t start, int64_t max,
	       int flags)
{
	BlockDriverState *bs = img_open(filename, fmt, flags);
	MapEntry cur = { 0 }, next;
	int64_t end;
	bool have = false, first = true;
	int ret = 0;

	if (!bs)
		return 1;
	end = MIN(img_length(bs), max >= 0 ? start + max : INT64_MAX);
	printf(json ? "[" : "%-16s%-16s%-16s%s\n", "Offset", "Length", "Mapped to", "File");
	for (int64_t off = start; off < end && ret == 0; off += next.length) {
		ret = chain_status(bs, off, MIN(end - off, 1LL << 30), &next);
		if (ret < 0) {
			error_report("Could not read file metadata: %s", g_strerror(-ret));
			break;
		}
		if (have && mergeable(&cur, &next)) {
			cur.length += next.length;
			continue;
		}
		if (have && (ret = dump(&cur, json, first)) == 0)
			first = false;
		cur = next;
		have = true;
	}
	if (ret == 0 && have)
		ret = dump(&cur, json, first);
	if (json)
		printf("]\n");
	bdrv_unref(bs);
	return ret < 0;
}

static int img_map(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "output", required_argument, NULL, 'o' },
		{ "start-offset", required_argument, NULL, 's' },
		{ "max-length", required_argument, NULL, 'l' },
		{ "force-share", no_argument, NULL, 'U' },
		{ NULL },
	};
	const char *fmt = NULL;
	bool json = false;
	int64_t start = 0, max = -1;
	uint64_t v;
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
		case 's':
		case 'l':
			if (!img_parse_size(optarg, &v) || v > INT64_MAX) {
				error_report("Invalid %s specified",
					     c == 's' ? "start offset" : "max length");
				return 1;
			}
			*(c == 's' ? &start : &max) = v;
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
	return map(argv[optind], fmt, json, start, max, flags);
}
img_command("map", img_map)
