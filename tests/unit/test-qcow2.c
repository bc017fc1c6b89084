// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The qcow2 driver against QEMU's own tools: images made by Debian's qemu-img (every
 * layout: v2, v3, small and large clusters, extended L2, refcount widths, zstd, compressed
 * backing files, internal snapshots) take thousands of random writes, zero writes, discards
 * and flushes through our driver while a plain buffer mirrors what the guest must see. After
 * each run QEMU's qemu-img check must find the image clean and qemu-img convert must read
 * back exactly the mirror; a snapshot taken before must still read as it was. Also the open
 * path's refusals (corrupt bit, malformed headers), the repair of a dirty image, and -drive
 * backing.* choosing another backing file or format than the header's.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/wait.h>
#include "block/block_int.h"
#include "block/qcow2.h"

#define SIZE (6 * 1024 * 1024)

static char *dir;

static int run(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static int run(const char *fmt, ...)
{
	g_autofree char *cmd = NULL, *out = NULL, *err = NULL;
	GError *gerr = NULL;
	va_list ap;
	int status;

	va_start(ap, fmt);
	cmd = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	g_assert_true(g_spawn_command_line_sync(cmd, &out, &err, &status, &gerr));
	if (!g_spawn_check_wait_status(status, NULL))
		g_test_message("%s:\n%s%s", cmd, out, err);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static char *path(const char *name)
{
	return g_build_filename(dir, name, NULL);
}

static uint8_t *read_raw(const char *image)
{
	g_autofree char *raw = path("view.raw");
	uint8_t *buf = g_malloc(SIZE);
	int fd;

	g_assert_cmpint(run("qemu-img convert -O raw %s %s", image, raw), ==, 0);
	fd = open(raw, O_RDONLY);
	g_assert_cmpint(read(fd, buf, SIZE), ==, SIZE);
	close(fd);
	return buf;
}

typedef struct Layout {
	const char *name;
	const char *opts; /* qemu-img create -o */
	bool backing;	  /* on a compressed qcow2 base with random data */
	bool snapshot;	  /* data written and an internal snapshot taken first */
	uint32_t cluster;
} Layout;

static const Layout layouts[] = {
	{ "v3", "", false, false, 65536 },
	{ "v2", "compat=0.10", false, false, 65536 },
	{ "4k", "cluster_size=4k", false, false, 4096 },
	{ "512-refcount1", "cluster_size=512,refcount_bits=1", false, false, 512 },
	{ "1k-refcount64", "cluster_size=1k,refcount_bits=64", false, false, 1024 },
	{ "extl2", "extended_l2=on,cluster_size=32k", false, false, 32768 },
	{ "backing", "", true, false, 65536 },
	{ "backing-v2", "compat=0.10", true, false, 65536 },
	{ "backing-extl2", "extended_l2=on", true, false, 65536 },
	{ "backing-zstd-4k", "compression_type=zstd,cluster_size=4k", true, false, 4096 },
	{ "snapshot", "", false, true, 65536 },
	{ "snapshot-extl2-backing", "extended_l2=on,cluster_size=16k", true, true, 16384 },
};

static void make_image(const Layout *l, const char *img)
{
	g_autofree char *base = path("base.qcow2"), *seed = path("seed.raw");
	g_autofree uint8_t *data = g_malloc(SIZE);
	GRand *r = g_rand_new_with_seed(7);
	int fd;

	if (l->backing) {
		/* half random, half repetitive (compressible), some zero */
		for (int i = 0; i < SIZE; i += 4) {
			uint32_t v = i < SIZE / 2 ? g_rand_int(r) : (uint32_t)(i / 4096);
			memcpy(data + i, &v, 4);
		}
		memset(data + SIZE / 4, 0, 256 * 1024);
		fd = open(seed, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		g_assert_cmpint(write(fd, data, SIZE), ==, SIZE);
		close(fd);
		g_assert_cmpint(run("qemu-img convert -c -O qcow2 -o %s%s %s %s", l->opts,
				    *l->opts ? "" : "cluster_size=64k", seed, base),
				==, 0);
		g_assert_cmpint(run("qemu-img create -q -f qcow2 -o %s%s -b %s -F qcow2 %s",
				    l->opts, *l->opts ? "" : "cluster_size=64k", base, img),
				==, 0);
	} else {
		g_assert_cmpint(run("qemu-img create -q -f qcow2 -o %s%s %s %d", l->opts,
				    *l->opts ? "" : "cluster_size=64k", img, SIZE),
				==, 0);
	}
	if (l->snapshot) {
		g_assert_cmpint(
		    run("qemu-io -f qcow2 -c 'write -P 0x3c 0 1M' -c 'write -P 0x4d 3M 64k' "
			"-c 'write -z 2M 128k' %s",
			img),
		    ==, 0);
		g_assert_cmpint(run("qemu-img snapshot -c before %s", img), ==, 0);
	}
	g_rand_free(r);
}

/* One random request; mirror follows what the guest must read afterwards. */
static void random_op(BlockDriverState *bs, GRand *r, uint8_t *mirror, uint32_t cluster)
{
	int kind = g_rand_int_range(r, 0, 100);
	uint64_t off = g_rand_int_range(r, 0, SIZE);
	uint64_t want = g_rand_int_range(r, 1, 3 * cluster + 2); /* MIN() evaluates twice */
	uint64_t len = MIN(want, SIZE - off);
	uint8_t *buf;

	if (g_rand_boolean(r)) { /* aligned requests, as guests mostly make */
		off = QEMU_ALIGN_DOWN(off, 512);
		len = MIN(QEMU_ALIGN_UP(len, 512), SIZE - off);
	}
	if (kind < 60) {
		buf = g_malloc(len);
		for (uint64_t i = 0; i < len; i++)
			buf[i] = g_rand_int(r);
		g_assert_cmpint(bdrv_pwrite(bs, off, buf, len), ==, 0);
		memcpy(mirror + off, buf, len);
		g_free(buf);
	} else if (kind < 75) {
		g_assert_cmpint(bdrv_pwrite_zeroes(bs, off, len, g_rand_boolean(r)), ==, 0);
		memset(mirror + off, 0, len);
	} else if (kind < 85) {
		/* a discarded range reads as zeroes or as the backing file: take what we read */
		g_assert_cmpint(bdrv_pdiscard(bs, off, len), ==, 0);
		g_assert_cmpint(bdrv_pread(bs, off, mirror + off, len), ==, 0);
	} else if (kind < 90) {
		/* a compressed cluster, taken only where the cluster is still unallocated */
		uint64_t c = QEMU_ALIGN_DOWN(off, cluster);
		int ret;
		len = MIN(cluster, SIZE - c);
		buf = g_malloc0(cluster);
		for (uint64_t i = 0; i < len; i++)
			buf[i] = i % 97 < 60 ? 'a' + i % 7 : g_rand_int(r); /* compressible */
		ret = bs->drv->pwrite_compressed(bs, c, buf);
		g_assert_true(ret == 0 || ret == -EINVAL);
		if (ret == 0)
			memcpy(mirror + c, buf, len);
		g_free(buf);
	} else if (kind < 97) {
		buf = g_malloc(len);
		g_assert_cmpint(bdrv_pread(bs, off, buf, len), ==, 0);
		g_assert_cmpmem(buf, len, mirror + off, len);
		g_free(buf);
	} else {
		g_assert_cmpint(bdrv_flush(bs), ==, 0);
	}
}

static void check_whole(BlockDriverState *bs, const uint8_t *mirror)
{
	g_autofree uint8_t *buf = g_malloc(SIZE);

	g_assert_cmpint(bdrv_pread(bs, 0, buf, SIZE), ==, 0);
	for (int i = 0; i < SIZE; i += 4096)
		if (memcmp(buf + i, mirror + i, 4096))
			g_error("differs from the mirror in [%d, %d)", i, i + 4096);
}

static void test_random_writes(gconstpointer opaque)
{
	const Layout *l = opaque;
	g_autofree char *img = path("img.qcow2"), *snap_raw = path("snap.raw");
	g_autofree uint8_t *mirror = NULL, *before = NULL, *after = NULL;
	GRand *r = g_rand_new_with_seed(g_str_hash(l->name));
	BlockDriverState *bs;
	Error *err = NULL;

	make_image(l, img);
	mirror = read_raw(img);
	before = g_memdup2(mirror, SIZE);
	bs = bdrv_open_image(img, "qcow2", BDRV_O_RDWR | BDRV_O_UNMAP, &err);
	if (!bs)
		g_error("%s", error_get_pretty(err));
	for (int i = 0; i < 1500; i++) {
		random_op(bs, r, mirror, l->cluster);
		if (i % 500 == 499)
			check_whole(bs, mirror);
	}
	bdrv_unref(bs);
	g_rand_free(r);
	/* QEMU finds the image clean and reads exactly what we mirrored */
	g_assert_cmpint(run("qemu-img check %s", img), ==, 0);
	after = read_raw(img);
	check_whole(bs = bdrv_open_image(img, NULL, 0, &err), mirror);
	bdrv_unref(bs);
	g_assert_cmpmem(after, SIZE, mirror, SIZE);
	if (l->snapshot) {
		/* the snapshot's clusters were shared: written around, never over */
		g_free(after);
		g_assert_cmpint(run("qemu-img snapshot -a before %s", img), ==, 0);
		after = read_raw(img);
		g_assert_cmpmem(after, SIZE, before, SIZE);
		g_assert_cmpint(run("qemu-img check %s", img), ==, 0);
	}
}

static void set_bytes(const char *img, off_t at, const void *bytes, size_t n)
{
	int fd = open(img, O_WRONLY);

	g_assert_cmpint(pwrite(fd, bytes, n, at), ==, (ssize_t)n);
	close(fd);
}

static void open_fails(const char *img, int flags, const char *msg)
{
	Error *err = NULL;
	BlockDriverState *bs = bdrv_open_image(img, "qcow2", flags, &err);

	g_assert_null(bs);
	g_assert_nonnull(err);
	g_assert_cmpstr(error_get_pretty(err), ==, msg);
	error_free(err);
}

static void test_refusals(void)
{
	g_autofree char *img = path("bad.qcow2");
	static const uint8_t corrupt[8] = { 0, 0, 0, 0, 0, 0, 0, 2 };
	static const uint8_t v4[4] = { 0, 0, 0, 4 }, cb30[4] = { 0, 0, 0, 30 };
	static const uint8_t unknown[8] = { 0, 0, 0, 0, 0, 0, 1, 0 };
	static const uint8_t huge_l1[4] = { 0x10, 0, 0, 0 };
	static const uint8_t bad_l1_off[8] = { 0, 0, 0, 0, 0, 0, 1, 0 };
	Error *err = NULL;
	BlockDriverState *bs;

	g_assert_cmpint(run("qemu-img create -q -f qcow2 %s 1M", img), ==, 0);
	set_bytes(img, 72, corrupt, 8);
	open_fails(img, BDRV_O_RDWR, "qcow2: Image is corrupt; cannot be opened read/write");
	bs = bdrv_open_image(img, "qcow2", 0, &err);
	g_assert_nonnull(bs); /* read-only is fine, as in QEMU */
	bdrv_unref(bs);

	g_assert_cmpint(run("qemu-img create -q -f qcow2 %s 1M", img), ==, 0);
	set_bytes(img, 72, unknown, 8);
	open_fails(img, 0, "Unsupported qcow2 feature(s): Unknown incompatible feature: 100");
	g_assert_cmpint(run("qemu-img create -q -f qcow2 %s 1M", img), ==, 0);
	set_bytes(img, 4, v4, 4);
	open_fails(img, 0, "Unsupported qcow2 version 4");
	g_assert_cmpint(run("qemu-img create -q -f qcow2 %s 1M", img), ==, 0);
	set_bytes(img, 20, cb30, 4);
	open_fails(img, 0, "Unsupported cluster size: 2^30");
	g_assert_cmpint(run("qemu-img create -q -f qcow2 %s 1M", img), ==, 0);
	set_bytes(img, 36, huge_l1, 4);
	open_fails(img, 0, "Active L1 table too large");
	g_assert_cmpint(run("qemu-img create -q -f qcow2 %s 1M", img), ==, 0);
	set_bytes(img, 40, bad_l1_off, 8);
	open_fails(img, 0, "Invalid L1 table offset");
}

/* The corrupt bit matches QEMU's wording and QEMU then refuses the image too. */
static void test_mark_corrupt(void)
{
	g_autofree char *img = path("hostile.qcow2");
	/* an L2 entry pointing at the L1 table's cluster, marked as ours alone */
	static const uint8_t entry[8] = { 0x80, 0, 0, 0, 0, 3, 0, 0 };
	uint8_t buf[512] = { 1 };
	Error *err = NULL;
	BlockDriverState *bs;

	g_assert_cmpint(run("qemu-img create -q -f qcow2 %s 1M", img), ==, 0);
	g_assert_cmpint(run("qemu-io -f qcow2 -c 'write -P 1 0 512' %s", img), ==, 0);
	set_bytes(img, 0x40000, entry, 8); /* the first L2 table, made by the write above */
	bs = bdrv_open_image(img, "qcow2", BDRV_O_RDWR, &err);
	g_assert_nonnull(bs);
	g_assert_cmpint(bdrv_pwrite(bs, 0, buf, sizeof(buf)), ==, -EIO);
	g_assert_cmpint(bdrv_pread(bs, 0, buf, sizeof(buf)), ==, -EIO);
	bdrv_unref(bs);
	g_assert_cmpint(run("qemu-io -f qcow2 -c 'write -P 1 0 512' %s", img), !=, 0);
}

/* v2 has no corrupt bit: the mark stays in memory, and the header's extensions stay intact. */
static void test_mark_corrupt_v2(void)
{
	g_autofree char *img = path("hostile-v2.qcow2"), *base = path("hostile-base.qcow2");
	static const uint8_t entry[8] = { 0x80, 0, 0, 0, 0, 3, 0, 0 };
	uint8_t buf[512] = { 1 };
	Error *err = NULL;
	BlockDriverState *bs;

	g_assert_cmpint(run("qemu-img create -q -f qcow2 %s 1M", base), ==, 0);
	g_assert_cmpint(run("qemu-img create -q -f qcow2 -o compat=0.10 -b %s -F qcow2 %s", base,
			    img),
			==, 0);
	g_assert_cmpint(run("qemu-io -f qcow2 -c 'write -P 1 0 512' %s", img), ==, 0);
	set_bytes(img, 0x40000, entry, 8);
	bs = bdrv_open_image(img, "qcow2", BDRV_O_RDWR, &err);
	g_assert_nonnull(bs);
	g_assert_cmpint(bdrv_pwrite(bs, 0, buf, sizeof(buf)), ==, -EIO);
	bdrv_unref(bs);
	g_assert_cmpint(run("sh -c \"qemu-img info %s | grep -q 'backing file format: qcow2'\"", img),
			==, 0);
}

/* A dirty image (lazy refcounts left stale by a crash) is repaired when opened for writing. */
static void test_dirty_repair(void)
{
	g_autofree char *img = path("dirty.qcow2");
	static const uint8_t dirty[8] = { 0, 0, 0, 0, 0, 0, 0, 1 }, zero[2] = { 0 };
	g_autofree char *out = NULL;
	Error *err = NULL;
	BlockDriverState *bs;

	g_assert_cmpint(run("qemu-img create -q -f qcow2 -o lazy_refcounts=on %s 4M", img), ==, 0);
	g_assert_cmpint(run("qemu-io -f qcow2 -c 'write -P 9 0 256k' %s", img), ==, 0);
	set_bytes(img, 72, dirty, 8);
	set_bytes(img, 0x20000 + 2 * 5, zero, 2); /* cluster 5 in use, counted as free */
	g_assert_cmpint(run("qemu-img check %s", img), ==, 2);
	bs = bdrv_open_image(img, "qcow2", BDRV_O_RDWR, &err);
	g_assert_nonnull(bs);
	bdrv_unref(bs);
	g_assert_cmpint(run("qemu-img check %s", img), ==, 0);
}

/* copy-on-read: what the guest read from the backing file is in the image afterwards */
static void test_copy_on_read(void)
{
	g_autofree char *base = path("cor-base.qcow2"), *top = path("cor-top.qcow2");
	g_autofree uint8_t *buf = g_malloc(1 << 20), *view = NULL;
	Error *err = NULL;
	BlockDriverState *bs;

	g_assert_cmpint(run("qemu-img create -q -f qcow2 %s %d", base, SIZE), ==, 0);
	g_assert_cmpint(run("qemu-io -f qcow2 -c 'write -P 7 0 2M' %s", base), ==, 0);
	g_assert_cmpint(run("qemu-img create -q -f qcow2 -b %s -F qcow2 %s", base, top), ==, 0);
	bs = bdrv_open_image(top, "qcow2", BDRV_O_RDWR | BDRV_O_COPY_ON_READ, &err);
	g_assert_nonnull(bs);
	g_assert_cmpint(bdrv_pread(bs, 1000, buf, (1 << 20) - 1000), ==, 0);
	for (int i = 0; i < (1 << 20) - 1000; i++)
		g_assert_cmpint(buf[i], ==, 7);
	bdrv_unref(bs);
	/* without its backing file the image still holds what was read (whole clusters) */
	g_assert_cmpint(run("qemu-img rebase -u -b '' %s", top), ==, 0);
	g_assert_cmpint(run("qemu-img check %s", top), ==, 0);
	view = read_raw(top);
	for (int i = 0; i < SIZE; i++)
		if (view[i] != (i < (1 << 20) ? 7 : 0))
			g_error("byte %d is %d after copy-on-read", i, view[i]);
}

/* The first byte a -drive over top.qcow2 reads, with the given backing options. */
static int first_byte(const char *top, const char *opts)
{
	g_autofree char *spec =
	    g_strdup_printf("file=%s,format=qcow2,if=none,id=db%d%s%s", top,
			    g_random_int_range(0, 1 << 30), *opts ? "," : "", opts);
	BlockBackend *blk = drive_new(spec, &error_abort);
	uint8_t b;

	g_assert_cmpint(blk_pread(blk, 0, &b, 1), ==, 0);
	blk_close_all();
	return b;
}

/* -drive backing.*: another file than the header's, or the header's in another format. */
static void test_drive_backing(void)
{
	g_autofree char *a = path("ba.raw"), *b = path("bb.raw"), *top = path("btop.qcow2");
	g_autofree char *opts = NULL;

	g_assert_true(g_file_set_contents(a, "A", 1, NULL));
	g_assert_true(g_file_set_contents(b, "B", 1, NULL));
	g_assert_cmpint(truncate(a, 1 << 20), ==, 0);
	g_assert_cmpint(truncate(b, 1 << 20), ==, 0);
	g_assert_cmpint(run("qemu-img create -q -f qcow2 -b %s -F raw %s 1M", a, top), ==, 0);
	g_assert_cmpint(first_byte(top, ""), ==, 'A');
	g_assert_cmpint(first_byte(top, "backing.driver=raw"), ==, 'A');
	opts = g_strdup_printf("backing.driver=raw,backing.file.filename=%s", b);
	g_assert_cmpint(first_byte(top, opts), ==, 'B');
	g_free(opts);
	opts = g_strdup_printf(
	    "backing.driver=raw,backing.file.driver=file,backing.file.filename=%s", b);
	g_assert_cmpint(first_byte(top, opts), ==, 'B');
}

/* Reads a byte from each of n L2 tables' ranges, so the cache holds n tables. */
static void touch_tables(BlockBackend *blk, int n, uint64_t span)
{
	uint8_t b;

	for (int i = 0; i < n; i++)
		g_assert_cmpint(blk_pread(blk, i * span, &b, 1), ==, 0);
}

/* cache-clean-interval: tables unused for a whole interval are freed; 0 never frees. */
static void test_cache_clean(void)
{
	g_autofree char *img = path("clean.qcow2"), *spec = NULL;
	const int64_t s1 = 1000000000LL, t0 = 5 * s1;
	BlockBackend *blk;
	Qcow2State *s;
	uint64_t span;

	g_assert_cmpint(run("qemu-img create -q -f qcow2 -o cluster_size=4k %s 64M", img), ==, 0);
	g_assert_cmpint(run("qemu-io -c 'write -P 1 0 16M' %s", img), ==, 0);
	spec = g_strdup_printf("file=%s,format=qcow2,if=none,id=cc0,cache-clean-interval=1", img);
	blk = drive_new(spec, &error_abort);
	s = blk_root(blk)->opaque;
	span = (uint64_t)s->l2_entries << s->cluster_bits;
	touch_tables(blk, 6, span);
	g_assert_cmpint(qcow2_cache_tables(s->l2_cache), >=, 6);
	bdrv_periodic_all(t0);
	bdrv_periodic_all(t0 + s1 / 2); /* less than the interval: nothing */
	g_assert_cmpint(qcow2_cache_tables(s->l2_cache), >=, 6);
	bdrv_periodic_all(t0 + s1); /* the first interval: used in it, they stay */
	g_assert_cmpint(qcow2_cache_tables(s->l2_cache), >=, 6);
	touch_tables(blk, 2, span);
	bdrv_periodic_all(t0 + 2 * s1); /* unused for an interval: gone, the two used stay */
	g_assert_cmpint(qcow2_cache_tables(s->l2_cache), ==, 2);
	touch_tables(blk, 6, span); /* and come back when needed */
	g_assert_cmpint(qcow2_cache_tables(s->l2_cache), >=, 6);
	blk_close_all();
	g_free(spec);
	spec = g_strdup_printf("file=%s,format=qcow2,if=none,id=cc1,cache-clean-interval=0", img);
	blk = drive_new(spec, &error_abort);
	s = blk_root(blk)->opaque;
	touch_tables(blk, 6, span);
	for (int i = 0; i < 5; i++)
		bdrv_periodic_all(t0 + i * 1000 * s1);
	g_assert_cmpint(qcow2_cache_tables(s->l2_cache), >=, 6);
	blk_close_all();
}

static bool header_dirty(const char *img)
{
	uint8_t incompat[8];
	int fd = open(img, O_RDONLY);

	g_assert_cmpint(pread(fd, incompat, 8, 72), ==, 8);
	close(fd);
	return incompat[7] & 1;
}

/* Writes a cluster of 0x5a at each of n places and flushes, through a -drive of its own. */
static BlockBackend *lazy_drive(const char *img, const char *opts, int n)
{
	static int id;
	g_autofree char *spec =
	    g_strdup_printf("file=%s,format=qcow2,if=none,id=lazy%d%s", img, id++, opts);
	BlockBackend *blk = drive_new(spec, &error_abort);
	uint8_t buf[65536];

	memset(buf, 0x5a, sizeof(buf));
	for (int i = 0; i < n; i++)
		g_assert_cmpint(blk_pwrite(blk, i * 1048576, buf, sizeof(buf)), ==, 0);
	g_assert_cmpint(blk_flush(blk), ==, 0);
	return blk;
}

/*
 * Lazy refcounts: while tables may be ahead of their refcounts the image is marked dirty; a
 * clean close clears the mark, a crash leaves it and the next writer repairs the refcounts.
 */
static void test_lazy_refcounts(void)
{
	g_autofree char *img = path("lazy.qcow2"), *v2 = path("lazy-v2.qcow2");
	Error *err = NULL;
	pid_t pid;
	int status;

	g_assert_cmpint(run("qemu-img create -q -f qcow2 -o lazy_refcounts=on %s 16M", img), ==, 0);
	lazy_drive(img, "", 4);
	g_assert_true(header_dirty(img));
	blk_close_all();
	g_assert_false(header_dirty(img));
	g_assert_cmpint(run("qemu-img check %s", img), ==, 0);
	/* lazy-refcounts=off overrides the header: no dirty bit */
	lazy_drive(img, ",lazy-refcounts=off", 8);
	g_assert_false(header_dirty(img));
	blk_close_all();
	/* a crash while dirty: the next open for writing repairs it */
	pid = fork();
	if (pid == 0) {
		lazy_drive(img, "", 12);
		_exit(header_dirty(img) ? 0 : 1);
	}
	g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
	g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	g_assert_true(header_dirty(img));
	lazy_drive(img, ",lazy-refcounts=off", 0);
	g_assert_false(header_dirty(img));
	blk_close_all();
	g_assert_cmpint(run("qemu-img check %s", img), ==, 0);
	g_assert_cmpint(run("qemu-io -f qcow2 -c 'read -P 0x5a 11M 64k' %s", img), ==, 0);
	/* on by option on a v3 image without the feature; refused on v2, as QEMU does */
	g_assert_cmpint(run("qemu-img create -q -f qcow2 -o compat=0.10 %s 16M", v2), ==, 0);
	g_free(img);
	img = g_strdup_printf("file=%s,format=qcow2,if=none,id=lazyv2,lazy-refcounts=on", v2);
	g_assert_null(drive_new(img, &err));
	g_assert_cmpstr(error_get_pretty(err), ==,
			"Lazy refcounts require a qcow2 image with at least qemu 1.1 "
			"compatibility level");
	error_free(err);
}

int main(int argc, char **argv)
{
	int ret;

	g_test_init(&argc, &argv, NULL);
	dir = g_dir_make_tmp("qs-qcow2-XXXXXX", NULL);
	g_assert_nonnull(dir);
	for (size_t i = 0; i < ARRAY_SIZE(layouts); i++) {
		g_autofree char *name = g_strdup_printf("/qcow2/random-writes/%s", layouts[i].name);
		g_test_add_data_func(name, &layouts[i], test_random_writes);
	}
	g_test_add_func("/qcow2/open/refusals", test_refusals);
	g_test_add_func("/qcow2/corrupt/marked", test_mark_corrupt);
	g_test_add_func("/qcow2/corrupt/v2", test_mark_corrupt_v2);
	g_test_add_func("/qcow2/dirty/repaired", test_dirty_repair);
	g_test_add_func("/qcow2/copy-on-read", test_copy_on_read);
	g_test_add_func("/qcow2/drive-backing", test_drive_backing);
	g_test_add_func("/qcow2/cache-clean-interval", test_cache_clean);
	g_test_add_func("/qcow2/lazy-refcounts", test_lazy_refcounts);
	ret = g_test_run();
	run("rm -rf %s", dir);
	return ret;
}
