// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qcow2 metadata fuzzing: seed images made by Debian's qemu-img and qemu-io (data, compressed
 * clusters, extended L2, an internal snapshot, small clusters, a backing file) get random
 * mutations where the metadata lives (header and extensions, L1 and L2 tables, refcount table
 * and blocks, snapshot table), with values chosen to hurt: zero, offsets beyond the file or
 * into the header, unaligned, huge, flags flipped. Each mutant is opened read-only and
 * read-write, read, written, discarded, flushed, checked and repaired; it may be refused or
 * fail requests, but never crash, hang or leak (run under ASan+UBSan by make check-asan).
 * QS_FUZZ_CASES (default 1200) and QS_FUZZ_FIRST choose the slice of the endless sequence.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include "block/block_int.h"
#include "qemu/bswap.h"

static char *dir;
static unsigned cases = 1200, first;

typedef struct Seed {
	const char *name;
	const char *make; /* shell commands run in dir, making seed.qcow2 */
	uint8_t *bytes;
	size_t len;
	GArray *hot; /* uint64_t offsets of metadata worth mutating */
} Seed;

static Seed seeds[] = {
	{ "data", "qemu-img create -q -f qcow2 seed.qcow2 4M && qemu-io -f qcow2 -c 'write -P 1 0 "
		  "300k' -c 'write -z 1M 128k' -c 'write -P 2 3M 64k' seed.qcow2" },
	{ "compressed", "head -c 1M /dev/urandom > r && yes text | head -c 2M >> r && qemu-img "
			"convert -c -O qcow2 -o cluster_size=4k r seed.qcow2" },
	{ "extl2-zstd", "qemu-img create -q -f qcow2 -o extended_l2=on,compression_type=zstd "
			"seed.qcow2 2M && qemu-io -f qcow2 -c 'write -P 3 1k 5k' -c 'write -P 4 "
			"700k 90k' seed.qcow2" },
	{ "snapshot",
	  "qemu-img create -q -f qcow2 -o cluster_size=1k,refcount_bits=8 seed.qcow2 1M "
	  "&& qemu-io -f qcow2 -c 'write -P 5 0 20k' seed.qcow2 && qemu-img snapshot "
	  "-c s seed.qcow2 && qemu-io -f qcow2 -c 'write -P 6 4k 8k' seed.qcow2" },
	{ "backing", "qemu-img create -q -f raw base.raw 1M && qemu-img create -q -f qcow2 -b "
		     "base.raw -F raw -o compat=0.10 seed.qcow2 && qemu-io -f qcow2 -c 'write -P 7 "
		     "64k 64k' seed.qcow2" },
};

static void add_range(GArray *hot, size_t len, uint64_t at, uint64_t bytes)
{
	for (uint64_t o = at; o < at + bytes && o + 8 <= len; o += 8)
		g_array_append_val(hot, o);
}

/* Where the metadata of a well-formed image is: header, tables, and the L2 tables. */
static void find_metadata(Seed *s)
{
	uint64_t cs = 1ULL << ldl_be_p(s->bytes + 20), l1 = ldq_be_p(s->bytes + 40);
	uint32_t l1_size = ldl_be_p(s->bytes + 36);

	s->hot = g_array_new(FALSE, FALSE, sizeof(uint64_t));
	add_range(s->hot, s->len, 0, MIN(cs, 1024));
	add_range(s->hot, s->len, l1, l1_size * 8ULL);
	add_range(s->hot, s->len, ldq_be_p(s->bytes + 48), 64);
	add_range(s->hot, s->len, ldq_be_p(s->bytes + 64), 128);
	for (uint32_t i = 0; i < l1_size && l1 + i * 8 + 8 <= s->len; i++) {
		uint64_t l2 = ldq_be_p(s->bytes + l1 + i * 8) & 0x00fffffffffffe00ULL;
		if (l2)
			add_range(s->hot, s->len, l2, MIN(cs, 512));
	}
	/* the first refcount block */
	if (ldq_be_p(s->bytes + 48) + 8 <= s->len)
		add_range(s->hot, s->len, ldq_be_p(s->bytes + ldq_be_p(s->bytes + 48)) & ~511ULL,
			  64);
}

static void make_seed(Seed *s)
{
	g_autofree char *cmd =
	    g_strdup_printf("cd %s && rm -f seed.qcow2 && (%s) >/dev/null", dir, s->make);
	g_autofree char *path = g_build_filename(dir, "seed.qcow2", NULL);
	gsize len;

	g_assert_cmpint(system(cmd), ==, 0);
	g_assert_true(g_file_get_contents(path, (char **)&s->bytes, &len, NULL));
	s->len = len;
	find_metadata(s);
}

static uint64_t hostile_value(GRand *r, const Seed *s)
{
	uint64_t cs = 1ULL << ldl_be_p(s->bytes + 20);
	static const uint64_t fixed[] = { 0,
					  1,
					  0x200,
					  0x8000000000000000ULL,
					  0x4000000000000000ULL,
					  UINT64_MAX,
					  0x00fffffffffffe00ULL,
					  0x7fffffff,
					  0xffffffff };

	switch (g_rand_int_range(r, 0, 6)) {
	case 0:
		return fixed[g_rand_int_range(r, 0, G_N_ELEMENTS(fixed))];
	case 1: /* a cluster of the file, maybe flagged as ours alone */
		return (g_rand_int_range(r, 0, s->len / cs + 3) * cs) |
		       (g_rand_boolean(r) ? 0x8000000000000000ULL : 0);
	case 2: /* unaligned */
		return g_rand_int_range(r, 1, s->len + 4096);
	case 3:
		return (uint64_t)g_rand_int(r) << 32 | g_rand_int(r);
	default: /* a nearby value */
		return g_rand_int_range(r, 0, 64);
	}
}

static void mutate(GRand *r, const Seed *s, uint8_t *img)
{
	int n = g_rand_int_range(r, 1, 6);

	for (int i = 0; i < n; i++) {
		uint64_t at = g_array_index(s->hot, uint64_t, g_rand_int_range(r, 0, s->hot->len));
		uint64_t v = GUINT64_TO_BE(hostile_value(r, s));
		switch (g_rand_int_range(r, 0, 4)) {
		case 0:
			memcpy(img + at, &v, 8);
			break;
		case 1:
			memcpy(img + at + 4, (uint8_t *)&v + 4, 4); /* a 32-bit field */
			break;
		case 2:
			img[at + g_rand_int_range(r, 0, 8)] ^= 1 << g_rand_int_range(r, 0, 8);
			break;
		default:
			img[at + g_rand_int_range(r, 0, 8)] = g_rand_int(r);
			break;
		}
	}
}

static void exercise_read(BlockDriverState *bs, GRand *r)
{
	int64_t len = bdrv_getlength(bs);
	g_autofree uint8_t *buf = g_malloc(256 * 1024);

	for (int i = 0; len > 0 && i < 8; i++) {
		int64_t off = i < 4 ? i * 256 * 1024 : g_rand_double(r) * len;
		int64_t n = MIN(256 * 1024, len - off);
		if (n > 0)
			bdrv_pread(bs, off, buf, n); /* errors are fine, crashes are not */
	}
}

static void exercise_write(BlockDriverState *bs, GRand *r)
{
	int64_t len = bdrv_getlength(bs);
	g_autofree uint8_t *buf = g_malloc(70 * 1024);
	BlockCheckResult res;

	memset(buf, 0xa5, 70 * 1024);
	for (int i = 0; len > 0 && i < 12; i++) {
		int64_t off = g_rand_double(r) * len;
		int64_t n = MIN(g_rand_int_range(r, 1, 70 * 1024), len - off);
		switch (g_rand_int_range(r, 0, 4)) {
		case 0:
		case 1:
			bdrv_pwrite(bs, off, buf, n);
			break;
		case 2:
			bdrv_pwrite_zeroes(bs, off, n, g_rand_boolean(r));
			break;
		default:
			bdrv_pdiscard(bs, off, n);
			break;
		}
	}
	bdrv_flush(bs);
	if (bs->drv->check) {
		bs->drv->check(bs, &res, 0);
		bs->drv->check(bs, &res, BDRV_FIX_LEAKS | BDRV_FIX_ERRORS);
	}
	exercise_read(bs, r);
}

static void run_case(Seed *s, unsigned seed)
{
	g_autofree char *path = g_build_filename(dir, "mutant.qcow2", NULL);
	g_autofree uint8_t *img = g_memdup2(s->bytes, s->len);
	GRand *r = g_rand_new_with_seed(seed);
	BlockFormatInfo info = { 0 };
	BlockDriverState *bs;
	Error *err = NULL;

	mutate(r, s, img);
	g_assert_true(g_file_set_contents(path, (char *)img, s->len, NULL));
	bs = bdrv_open_image(path, NULL, 0, &err);
	if (bs) {
		exercise_read(bs, r);
		if (bs->drv->get_info)
			bs->drv->get_info(bs, &info);
		bdrv_unref(bs);
	}
	error_free(err);
	err = NULL;
	g_free(info.backing_file);
	g_free(info.backing_format);
	qv_clear(&info.specific);
	qv_clear(&info.snapshots);
	bs = bdrv_open_image(path, "qcow2", BDRV_O_RDWR | BDRV_O_UNMAP | BDRV_O_NO_FLUSH, &err);
	if (bs) {
		exercise_write(bs, r);
		bdrv_unref(bs);
	}
	error_free(err);
	g_rand_free(r);
}

static void test_seed(gconstpointer opaque)
{
	Seed *s = (Seed *)opaque;
	unsigned per_seed = cases / G_N_ELEMENTS(seeds);

	make_seed(s);
	for (unsigned i = 0; i < per_seed; i++)
		run_case(s, first + i * 7919 + (unsigned)(s - seeds));
	blk_close_all();
}

int main(int argc, char **argv)
{
	const char *n = g_getenv("QS_FUZZ_CASES"), *f = g_getenv("QS_FUZZ_FIRST");
	int ret;

	g_test_init(&argc, &argv, NULL);
	if (n)
		cases = atoi(n);
	if (f)
		first = atoi(f);
	error_set_output(fopen("/dev/null", "w")); /* the driver's complaints, by the thousand */
	dir = g_dir_make_tmp("qs-fuzz-qcow2-XXXXXX", NULL);
	g_assert_nonnull(dir);
	for (size_t i = 0; i < G_N_ELEMENTS(seeds); i++) {
		g_autofree char *name = g_strdup_printf("/fuzz/qcow2/%s", seeds[i].name);
		g_test_add_data_func(name, &seeds[i], test_seed);
	}
	ret = g_test_run();
	for (size_t i = 0; i < G_N_ELEMENTS(seeds); i++) {
		g_free(seeds[i].bytes);
		if (seeds[i].hot)
			g_array_free(seeds[i].hot, TRUE);
	}
	g_autofree char *rm = g_strdup_printf("rm -rf %s", dir);
	ret |= system(rm) != 0;
	return ret;
}
