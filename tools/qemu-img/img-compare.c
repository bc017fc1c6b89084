// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img compare [-f fmt] [-F fmt] [-p] [-q] [-s] [-U] filename1 filename2: whether two
 * images show the guest the same bytes, by sectors as QEMU reports them: the first differing
 * 512-byte sector, and with images of different sizes the larger one's extra part must read
 * as zeroes (in strict mode a size difference is itself a mismatch). Exit status 0 identical,
 * 1 different, 2 an image could not be opened, 3 a read failed.
 */
#include "qemu/osdep.h"
#include <getopt.h>
#include "qemu-img.h"

#define CHUNK (1 << 20)

static int64_t first_difference(const uint8_t *a, const uint8_t *b, int64_t n)
{
	for (int64_t i = 0; i < n; i += BDRV_SECTOR_SIZE)
		if (memcmp(a + i, b + i, MIN(BDRV_SECTOR_SIZE, n - i)))
			return i;
	return -1;
}

/* Reads n bytes of both (zeroes past the end of the shorter); 0 or 3 for a failed read. */
static int read_both(BlockDriverState *bs1, BlockDriverState *bs2, int64_t off, int64_t n,
		     uint8_t *a, uint8_t *b)
{
	BlockDriverState *bs[2] = { bs1, bs2 };
	uint8_t *buf[2] = { a, b };

	for (int i = 0; i < 2; i++) {
		if (bdrv_pread_padded(bs[i], off, buf[i], n) < 0) {
			error_report("Error while reading offset %" PRId64 " of %s: %s", off,
				     bs[i]->filename, g_strerror(EIO));
			return 3;
		}
	}
	return 0;
}

/* Runs alike in allocation in both images (strict mode compares that too). */
static int64_t status_run(BlockDriverState *bs1, BlockDriverState *bs2, int64_t off, int64_t n,
			  bool *mismatch)
{
	int64_t p1 = n, p2 = n;
	int a1 = off < img_length(bs1) ? bdrv_is_allocated_above(bs1, off, n, &p1) : 0;
	int a2 = off < img_length(bs2) ? bdrv_is_allocated_above(bs2, off, n, &p2) : 0;

	if (a1 < 0 || a2 < 0)
		return -1;
	*mismatch = a1 != a2;
	return MAX(MIN(p1, p2), 1);
}

static int compare(BlockDriverState *bs1, BlockDriverState *bs2, bool strict, bool quiet)
{
	int64_t total = MAX(img_length(bs1), img_length(bs2));
	uint8_t *a = g_malloc(CHUNK), *b = g_malloc(CHUNK);
	int ret = 0;

	for (int64_t off = 0, n; off < total && !ret; off += n) {
		bool mismatch = false;
		int64_t diff;
		n = MIN(CHUNK, total - off);
		if (strict && (n = status_run(bs1, bs2, off, n, &mismatch)) < 0) {
			ret = 3;
			break;
		}
		if (mismatch) {
			if (!quiet)
				printf("Strict mode: Offset %" PRId64 " block status mismatch!\n",
				       off);
			ret = 1;
			break;
		}
		ret = read_both(bs1, bs2, off, n, a, b);
		diff = ret ? -1 : first_difference(a, b, n);
		if (diff >= 0) {
			if (!quiet)
				printf("Content mismatch at offset %" PRId64 "!\n", off + diff);
			ret = 1;
		}
	}
	if (!ret && !quiet)
		printf("Images are identical.\n");
	g_free(a);
	g_free(b);
	return ret;
}

static int img_compare(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "force-share", no_argument, NULL, 'U' },
		{ NULL },
	};
	const char *fmt1 = NULL, *fmt2 = NULL;
	bool quiet = false, strict = false;
	int c, flags = 0, ret;
	BlockDriverState *bs1, *bs2;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":hf:F:T:pqsU", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			fmt1 = optarg;
			break;
		case 'F':
			fmt2 = optarg;
			break;
		case 'q':
			quiet = true;
			break;
		case 's':
			strict = true;
			break;
		case 'U':
			flags |= BDRV_O_FORCE_SHARE;
			break;
		case 'T':
		case 'p':
			break; /* cache mode; progress of a short run */
		default:
			return img_bad_option(c, argv);
		}
	}
	if (optind != argc - 2)
		return img_usage_error("Expecting two image file names");
	bs1 = img_open(argv[optind], fmt1, flags);
	if (!bs1)
		return 2;
	bs2 = img_open(argv[optind + 1], fmt2 ? fmt2 : fmt1, flags);
	if (!bs2) {
		bdrv_unref(bs1);
		return 2;
	}
	if (img_length(bs1) != img_length(bs2)) {
		if (!quiet)
			printf(strict ? "Strict mode: Image size mismatch!\n"
				      : "Warning: Image size mismatch!\n");
		ret = strict ? 1 : compare(bs1, bs2, false, quiet);
	} else {
		ret = compare(bs1, bs2, strict, quiet);
	}
	bdrv_unref(bs1);
	bdrv_unref(bs2);
	return ret;
}
img_command("compare", img_compare)
