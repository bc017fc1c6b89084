// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests for the block layer: -drive and -blockdev parsing with QEMU's error texts, and
 * the request paths through raw and file to a temporary image (bounds, read-only, raw
 * windows, discard, write-zeroes, flush, O_DIRECT), attach rules and close-all.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/stat.h>
#include "block/block_int.h"

#define MIB (1024 * 1024)

static uint8_t pattern_at(int64_t pos)
{
	return (uint8_t)(pos ^ (pos >> 8) ^ 0x5a);
}

/* A temporary image of size bytes filled with pattern_at(). */
static char *tmp_image(int64_t size)
{
	GError *gerr = NULL;
	char *path;
	int fd = g_file_open_tmp("qs-block-XXXXXX.img", &path, &gerr);
	uint8_t *buf = g_malloc(size);

	g_assert_no_error(gerr);
	for (int64_t i = 0; i < size; i++)
		buf[i] = pattern_at(i);
	g_assert_cmpint(write(fd, buf, size), ==, size);
	close(fd);
	g_free(buf);
	return path;
}

static void drop_image(char *path)
{
	unlink(path);
	g_free(path);
}

static uint8_t *read_host(const char *path, gsize *len)
{
	char *data;
	GError *gerr = NULL;

	g_assert_true(g_file_get_contents(path, &data, len, &gerr));
	g_assert_no_error(gerr);
	return (uint8_t *)data;
}

static BlockBackend *drive_ok(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static BlockBackend *drive_ok(const char *fmt, ...)
{
	va_list ap;
	Error *err = NULL;
	char *opts;
	BlockBackend *blk;

	va_start(ap, fmt);
	opts = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	blk = drive_new(opts, &err);
	if (err)
		g_error("-drive %s: %s", opts, error_get_pretty(err));
	g_assert_nonnull(blk);
	g_free(opts);
	return blk;
}

static BlockBackend *blockdev_ok(const char *fmt, ...) G_GNUC_PRINTF(1, 2);
static BlockBackend *blockdev_ok(const char *fmt, ...)
{
	va_list ap;
	Error *err = NULL;
	char *opts;
	BlockBackend *blk;

	va_start(ap, fmt);
	opts = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	blk = blockdev_new(opts, &err);
	if (err)
		g_error("-blockdev %s: %s", opts, error_get_pretty(err));
	g_assert_nonnull(blk);
	g_free(opts);
	return blk;
}

/* Runs the parser and checks it fails with exactly this message. */
static void check_err(bool blockdev, const char *opts, const char *expected)
{
	Error *err = NULL;
	BlockBackend *blk = blockdev ? blockdev_new(opts, &err) : drive_new(opts, &err);

	if (blk)
		g_error("%s %s: unexpectedly accepted", blockdev ? "-blockdev" : "-drive", opts);
	g_assert_nonnull(err);
	if (strcmp(error_get_pretty(err), expected))
		g_error("%s %s:\n  got      '%s'\n  expected '%s'",
			blockdev ? "-blockdev" : "-drive", opts, error_get_pretty(err), expected);
	error_free(err);
}

static void drive_err(const char *expected, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void drive_err(const char *expected, const char *fmt, ...)
{
	va_list ap;
	char *opts;

	va_start(ap, fmt);
	opts = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	check_err(false, opts, expected);
	g_free(opts);
}

static void blockdev_err(const char *expected, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
static void blockdev_err(const char *expected, const char *fmt, ...)
{
	va_list ap;
	char *opts;

	va_start(ap, fmt);
	opts = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	check_err(true, opts, expected);
	g_free(opts);
}

/* Captures what the block layer prints (the probing warning) while f runs. */
static char *capture_output(BlockBackend *(*f)(const char *, Error **), const char *opts,
			    BlockBackend **blk, Error **errp)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);

	error_set_output(mem);
	*blk = f(opts, errp);
	error_set_output(NULL);
	fclose(mem);
	return text;
}

/* Parsing */

static void test_drive_basic(void)
{
	char *img = tmp_image(MIB);
	BlockBackend *blk = drive_ok("file=%s,file.locking=off,if=none,id=disk0,format=raw", img);

	g_assert_true(blk_by_name("disk0") == blk);
	g_assert_cmpstr(blk_name(blk), ==, "disk0");
	g_assert_true(blk_is_inserted(blk));
	g_assert_cmpint(blk_getlength(blk), ==, MIB);
	g_assert_false(blk_is_read_only(blk));
	g_assert_true(blk_enable_write_cache(blk));
	g_assert_null(blk_by_name("disk1"));
	g_assert_null(blk_by_name(NULL));
	blk_close_all();
	g_assert_null(blk_by_name("disk0"));
	drop_image(img);
}

static void test_drive_auto_names(void)
{
	char *img = tmp_image(MIB);

	/* QEMU: if=virtio drives are virtio<unit>, the first free unit unless index= */
	g_assert_cmpstr(
	    blk_name(drive_ok("file=%s,file.locking=off,if=virtio,format=raw,index=3", img)), ==,
	    "virtio3");
	g_assert_cmpstr(blk_name(drive_ok("file=%s,file.locking=off,if=virtio,format=raw", img)),
			==, "virtio0");
	g_assert_cmpstr(
	    blk_name(drive_ok("file=%s,file.locking=off,if=virtio,format=raw,unit=1", img)), ==,
	    "virtio1");
	g_assert_cmpstr(blk_name(drive_ok("file=%s,file.locking=off,if=virtio,format=raw", img)),
			==, "virtio2");
	/* if=none is the board's default and needs no id */
	g_assert_cmpstr(blk_name(drive_ok("file=%s,file.locking=off,format=raw", img)), ==,
			"none0");
	g_assert_cmpstr(blk_name(drive_ok("file=%s,file.locking=off,if=none,format=raw,id=x", img)),
			==, "x");
	g_assert_cmpstr(blk_name(drive_ok("file=%s,file.locking=off,if=none,format=raw", img)), ==,
			"none2");
	g_assert_cmpstr(
	    blk_name(drive_ok("file=%s,file.locking=off,if=none,format=raw,index=0x10", img)), ==,
	    "none16");
	drive_err("Device with id 'none2' already exists",
		  "file=%s,file.locking=off,if=none,format=raw,bus=1,"
		  "unit=2",
		  img);
	blk_close_all();
	drive_ok("file=%s,file.locking=off,if=none,format=raw,id=none1", img);
	drive_err("Device with id 'none1' already exists",
		  "file=%s,file.locking=off,if=none,format=raw", img);
	blk_close_all();
	drive_ok("file=%s,file.locking=off,if=none,format=raw", img);
	drive_err("Device with id 'none0' already exists",
		  "file=%s,file.locking=off,if=none,format=raw,id=none0", img);
	blk_close_all();
	drop_image(img);
}

/* QEMU's image locks: one writer, or any number of readers, unless locking=off */
static void test_drive_locks(void)
{
	char *img = tmp_image(MIB);

	drive_ok("file=%s,format=raw,if=none,id=w", img);
	drive_err("Failed to get \"write\" lock", "file=%s,format=raw,if=none,id=w2", img);
	drive_err("Failed to get shared \"write\" lock",
		  "file=%s,format=raw,if=none,id=r,readonly=on", img);
	drive_ok("file=%s,file.locking=off,format=raw,if=none,id=w3", img);
	blk_close_all();
	drive_ok("file=%s,format=raw,if=none,id=r1,readonly=on", img);
	drive_ok("file=%s,format=raw,if=none,id=r2,readonly=on", img);
	drive_err("Failed to get \"write\" lock", "file=%s,format=raw,if=none,id=w", img);
	blk_close_all();
	drive_ok("file=%s,format=raw,if=none,id=w", img); /* closing released them */
	/* force-share: a reader beside the writer, as qemu-img -U */
	drive_err("force-share=on can only be used with read-only images",
		  "file=%s,format=raw,if=none,id=r,force-share=on", img);
	drive_ok("file=%s,format=raw,if=none,id=r,force-share=on,readonly=on", img);
	blk_close_all();
	blockdev_err("force-share=on can only be used with read-only images",
		     "driver=file,filename=%s,node-name=f,force-share=on", img);
	drop_image(img);
}

static void test_drive_errors(void)
{
	char *img = tmp_image(MIB);
	char *dir = g_path_get_dirname(img);
	char *dir_msg = g_strdup_printf("'file' driver requires '%s' to be a regular file", dir);

	drive_err("Could not open 'nope': No such file or directory", "file=nope");
	drive_err("Could not open 'nope': No such file or directory", "file=nope,format=raw");
	drive_err("Unknown driver 'qcow9'", "file=%s,file.locking=off,format=qcow9", img);
	drive_err("Image is not in qcow2 format", "file=%s,file.locking=off,format=qcow2", img);
	drive_err("unsupported bus type 'bogus'", "file=%s,file.locking=off,if=bogus,format=raw",
		  img);
	drive_err("unsupported bus type 'NONE'", "file=%s,file.locking=off,if=NONE,format=raw",
		  img);
	drive_err("Block format 'raw' does not support the option 'foo'",
		  "file=%s,file.locking=off,format=raw,foo=bar", img);
	drive_err("Block protocol 'file' doesn't support the option 'foo'",
		  "file=%s,file.locking=off,format=raw,file.foo=bar", img);
	drive_err("Block protocol 'file' doesn't support the option 'offset'",
		  "driver=file,filename=%s,offset=5", img);
	drive_err("Parameter 'id' expects an identifier",
		  "file=%s,file.locking=off,format=raw,id=1bad", img);
	drive_err("invalid cache option", "file=%s,file.locking=off,format=raw,cache=bogus", img);
	drive_err("Invalid discard option", "file=%s,file.locking=off,format=raw,discard=bogus",
		  img);
	drive_err("Parameter 'read-only' expects 'on' or 'off'",
		  "file=%s,file.locking=off,format=raw,readonly=maybe", img);
	drive_err("'read-only' and its alias 'readonly' can't be used at the same time",
		  "file=%s,file.locking=off,format=raw,readonly=on,read-only=off", img);
	drive_err("'floppy' invalid media", "file=%s,file.locking=off,format=raw,media=floppy",
		  img);
	drive_err("Parameter 'index' expects a number",
		  "file=%s,file.locking=off,format=raw,index=x", img);
	drive_err("Parameter 'bus' expects a number", "file=%s,file.locking=off,bus=x,unit=y", img);
	drive_err("index cannot be used with bus and unit",
		  "file=%s,file.locking=off,index=1,unit=1", img);
	drive_err("Parameter 'snapshot' expects 'on' or 'off'",
		  "file=%s,file.locking=off,format=raw,snapshot=maybe", img);
	drive_err("invalid aio option", "file=%s,file.locking=off,format=raw,aio=bogus", img);
	drive_err("aio=native was specified, but it requires cache.direct=on, which was not "
		  "specified.",
		  "file=%s,file.locking=off,format=raw,aio=native", img);
	drive_err("'bogus' invalid write error action",
		  "file=%s,file.locking=off,format=raw,werror=bogus", img);
	drive_err("'enospc' invalid read error action",
		  "file=%s,file.locking=off,format=raw,rerror=enospc", img);
	drive_err("invalid parameter value: bogus",
		  "file=%s,file.locking=off,format=raw,detect-zeroes=bogus", img);
	drive_err("invalid parameter value: bogus",
		  "file=%s,file.locking=off,format=raw,file.locking=bogus", img);
	drive_err("Cannot specify both 'driver' and 'format'",
		  "file=%s,file.locking=off,format=raw,driver=raw", img);
	drive_err("Must specify either driver or file", "if=none,foo=bar");
	drive_err("Must specify either driver or file", "if=none,id=e,cache=none");
	drive_err("A block device must be specified for \"file\"", "if=none,format=raw");
	drive_err("Can't specify 'file' and 'filename' options at the same time",
		  "file=%s,file.locking=off,format=raw,file.filename=%s", img, img);
	drive_err("Offset (1048577) cannot be greater than size of the containing file "
		  "(1048576)",
		  "file=%s,file.locking=off,format=raw,offset=1048577", img);
	drive_err("The sum of offset (1048576) and size (1) has to be smaller or equal to the "
		  " actual size of the containing file (1048576)",
		  "file=%s,file.locking=off,format=raw,offset=1048576,size=1", img);
	drive_err("Specified size is not multiple of 512",
		  "file=%s,file.locking=off,format=raw,size=100", img);
	drive_err("Parameter 'offset' expects a non-negative number below 2^64",
		  "file=%s,file.locking=off,format=raw,offset=x", img);
	drive_err("machine type does not support if=ide,bus=0,unit=0",
		  "file=%s,file.locking=off,if=ide,format=raw", img);
	drive_err("machine type does not support if=scsi,bus=0,unit=3",
		  "file=%s,file.locking=off,if=scsi,format=raw,index=3", img);
	drive_err("Unknown protocol 'abc'", "file=abc:def,format=raw");
	drive_err("Could not open './abc:def': No such file or directory",
		  "file=./abc:def,format=raw");
	drive_err(dir_msg, "file=%s,file.locking=off,format=raw", dir);
	drive_err("Invalid node-name: '1x'", "file=%s,file.locking=off,format=raw,node-name=1x",
		  img);
	/* first error wins, in QEMU's order */
	drive_err("invalid cache option", "file=nope,cache=bogus,media=bogus");
	drive_err("'bogus' invalid media", "file=nope,media=bogus,if=bogus");
	drive_err("Could not open 'nope': No such file or directory", "file=nope,foo=bar");
	drive_err("Unknown driver 'bogus'", "file=nope,format=bogus,foo=bar");
	/* nothing failed half-way and left a drive behind */
	g_assert_null(blk_next_if_virtio());
	g_assert_null(blk_by_name("none0"));
	g_free(dir);
	g_free(dir_msg);
	blk_close_all();
	drop_image(img);
}

static void test_drive_duplicates(void)
{
	char *img = tmp_image(MIB);

	drive_ok("file=%s,file.locking=off,format=raw,id=a", img);
	drive_err("Duplicate ID 'a' for drive", "file=%s,file.locking=off,format=raw,id=a,if=none",
		  img);
	drive_ok("file=%s,file.locking=off,if=virtio,format=raw,index=0", img);
	drive_err("drive with bus=0, unit=0 (index=0) exists",
		  "file=nope,if=virtio,format=raw,index=0");
	/* ids are case-sensitive */
	drive_ok("file=%s,file.locking=off,format=raw,id=A", img);
	blockdev_ok("driver=file,filename=%s,locking=off,node-name=n", img);
	drive_err("Device name 'n' conflicts with an existing node name",
		  "file=%s,file.locking=off,format=raw,if=none,id=n", img);
	blockdev_err("node-name=a is conflicting with a device id",
		     "driver=file,filename=%s,locking=off,node-name=a", img);
	drive_err("Device name 'x' conflicts with an existing node name",
		  "file=%s,file.locking=off,format=raw,if=none,node-name=x,id=x", img);
	blk_close_all();
	drop_image(img);
}

static void test_drive_options(void)
{
	char *img = tmp_image(MIB);
	BlockBackend *blk;

	blk = drive_ok("file=%s,file.locking=off,format=raw,id=wt,cache=writethrough", img);
	g_assert_false(blk_enable_write_cache(blk));
	blk = drive_ok("file=%s,file.locking=off,format=raw,id=ds,cache=directsync", img);
	g_assert_false(blk_enable_write_cache(blk));
	g_assert_true(blk_root(blk)->flags & BDRV_O_NOCACHE);
	blk = drive_ok("file=%s,file.locking=off,format=raw,id=us,cache=unsafe", img);
	g_assert_true(blk_enable_write_cache(blk));
	g_assert_true(blk_root(blk)->flags & BDRV_O_NO_FLUSH);
	/* explicit cache.* win over cache=, whatever the order */
	blk = drive_ok("file=%s,file.locking=off,format=raw,id=o,cache.writeback=off,cache=unsafe",
		       img);
	g_assert_false(blk_enable_write_cache(blk));
	blk = drive_ok("file=%s,file.locking=off,format=raw,id=cd,media=cdrom,readonly=off", img);
	g_assert_true(blk_is_read_only(blk));
	blk = drive_ok(
	    "file=%s,file.locking=off,format=raw,id=ro,readonly=on,discard=unmap,media=disk", img);
	g_assert_true(blk_is_read_only(blk));
	g_assert_true(blk_root(blk)->flags & BDRV_O_UNMAP);
	g_assert_true(blk_root(blk)->file->read_only);
	blk = drive_ok(
	    "file=%s,file.locking=off,format=raw,id=nn,node-name=top,file.node-name=bottom", img);
	g_assert_true(blk_by_name("top") == blk);
	g_assert_cmpstr(blk_root(blk)->file->node_name, ==, "bottom");
	blk = drive_ok("file=file:%s,format=raw,id=fp,snapshot=off,aio=threads", img);
	g_assert_cmpint(blk_getlength(blk), ==, MIB);
	blk = drive_ok("file=%s,format=file,locking=off,id=proto", img);
	g_assert_true(blk_root(blk)->drv == &bdrv_file);
	blk = drive_ok("driver=file,filename=%s,locking=off,id=proto2", img);
	g_assert_true(blk_root(blk)->drv == &bdrv_file);
	blk = drive_ok("file.filename=%s,file.locking=off,format=raw,id=ff", img);
	g_assert_cmpint(blk_getlength(blk), ==, MIB);
	blk = drive_ok("file=/dev/null,format=raw,id=null");
	g_assert_true(blk_root(blk)->file->drv == &bdrv_host_device);
	g_assert_cmpint(blk_getlength(blk), ==, 0);
	blk = drive_ok("file=%s,file.locking=off,format=raw,id=err,werror=stop,rerror=ignore", img);
	g_assert_cmpint(blk_get_error_action(blk, false, -EIO), ==, BLOCK_ERROR_ACTION_STOP);
	g_assert_cmpint(blk_get_error_action(blk, true, -EIO), ==, BLOCK_ERROR_ACTION_IGNORE);
	blk = drive_ok("file=%s,file.locking=off,format=raw,id=def", img);
	g_assert_cmpint(blk_get_error_action(blk, false, -ENOSPC), ==, BLOCK_ERROR_ACTION_STOP);
	g_assert_cmpint(blk_get_error_action(blk, false, -EIO), ==, BLOCK_ERROR_ACTION_REPORT);
	g_assert_cmpint(blk_get_error_action(blk, true, -ENOSPC), ==, BLOCK_ERROR_ACTION_REPORT);
	blk_close_all();
	drop_image(img);
}

static void test_drive_empty(void)
{
	BlockBackend *blk = drive_ok("if=none,id=e,readonly=on,werror=report");
	uint8_t buf[512];

	g_assert_false(blk_is_inserted(blk));
	g_assert_cmpint(blk_getlength(blk), ==, -ENOMEDIUM);
	g_assert_cmpint(blk_pread(blk, 0, buf, sizeof(buf)), ==, -ENOMEDIUM);
	g_assert_cmpint(blk_pwrite(blk, 0, buf, sizeof(buf)), ==, -ENOMEDIUM);
	g_assert_cmpstr(blk_name(drive_ok("if=none,file=")), ==, "none1");
	blockdev_err("Device 'e' has no medium", "driver=raw,file=e,node-name=r");
	blk_close_all();
}

static void test_probe(void)
{
	char *img = tmp_image(MIB);
	g_autofree char *opts = g_strdup_printf("file=%s,if=none,id=p", img);
	g_autofree char *expected = g_strdup_printf(
	    "WARNING: Image format was not specified for '%s' and probing guessed raw.\n"
	    "         Automatically detecting the format is dangerous for raw images, write "
	    "operations on block 0 will be restricted.\n"
	    "         Specify the 'raw' format explicitly to remove the restrictions.\n",
	    img);
	Error *err = NULL;
	BlockBackend *blk;
	char *out = capture_output(drive_new, opts, &blk, &err);
	uint8_t sector[512];

	g_assert_null(err);
	g_assert_nonnull(blk);
	g_assert_cmpstr(out, ==, expected);
	free(out);
	/* block 0 may not become a qcow2 header, anything else is fine */
	memset(sector, 0xab, sizeof(sector));
	g_assert_cmpint(blk_pwrite(blk, 0, sector, sizeof(sector)), ==, 0);
	memcpy(sector, "QFI\xfb", 4);
	g_assert_cmpint(blk_pwrite(blk, 0, sector, sizeof(sector)), ==, -EPERM);
	g_assert_cmpint(blk_pwrite(blk, 2, "I\xfb", 2), ==, 0);
	g_assert_cmpint(blk_pwrite(blk, 0, "QF", 2), ==, -EPERM);
	g_assert_cmpint(blk_pwrite(blk, 512, sector, sizeof(sector)), ==, 0);
	g_assert_cmpint(blk_pread(blk, 0, sector, 4), ==, 0);
	g_assert_cmpmem(sector, 4,
			"\xab\xab"
			"I\xfb",
			4);
	blk_close_all();
	drop_image(img);
}

static void test_probe_qcow2(void)
{
	char *img = tmp_image(MIB);
	int fd = open(img, O_WRONLY);
	BlockBackend *blk;
	static const char hdr[32] = "QFI\xfb\0\0\0\3"; /* cluster_bits (at 20) left 0 */

	g_assert_cmpint(pwrite(fd, hdr, sizeof(hdr), 0), ==, sizeof(hdr));
	close(fd);
	/* probed as qcow2, and refused for its header as QEMU does */
	drive_err("Unsupported cluster size: 2^0", "file=%s,file.locking=off,if=none", img);
	/* an explicit format=raw shows the bytes as they are, as QEMU does */
	blk = drive_ok("file=%s,file.locking=off,if=none,format=raw", img);
	g_assert_cmpint(blk_getlength(blk), ==, MIB);
	g_assert_cmpstr(raw_probe_foreign((const uint8_t *)"QFI\xfb\0\0\0\1", 8), ==, "qcow");
	g_assert_cmpstr(raw_probe_foreign((const uint8_t *)"conectix", 8), ==, "vpc");
	g_assert_null(raw_probe_foreign((const uint8_t *)"QFI", 3));
	blk_close_all();
	drop_image(img);
}

static void test_blockdev(void)
{
	char *img = tmp_image(MIB);
	BlockBackend *f, *r, *r2;
	uint8_t buf[16];

	f = blockdev_ok("driver=file,filename=%s,locking=off,node-name=f", img);
	r = blockdev_ok("driver=raw,file=f,node-name=r,offset=0x200,size=1024");
	g_assert_true(blk_by_name("f") == f);
	g_assert_true(blk_by_name("r") == r);
	g_assert_cmpstr(blk_name(r), ==, "r");
	g_assert_true(blk_root(r)->file == blk_root(f));
	g_assert_cmpint(blk_getlength(r), ==, 1024);
	g_assert_cmpint(blk_pread(r, 0, buf, sizeof(buf)), ==, 0);
	for (int i = 0; i < 16; i++)
		g_assert_cmpint(buf[i], ==, pattern_at(512 + i));
	/* inline child, and a raw node on a -drive */
	r2 = blockdev_ok("driver=raw,file.driver=file,file.filename=%s,node-name=r2,"
			 "file.node-name=f2,read-only=on",
			 img);
	g_assert_true(blk_is_read_only(r2));
	g_assert_true(blk_root(r2)->file->read_only);
	g_assert_nonnull(blk_by_name("f2"));
	drive_ok("file=%s,file.locking=off,format=raw,id=d", img);
	blockdev_ok("driver=raw,file=d,node-name=on-drive");
	blockdev_ok(
	    "driver=file,filename=%s,locking=off,node-name=opts,cache.direct=off,cache.no-flush=on,"
	    "discard=unmap,detect-zeroes=unmap,locking=off,aio=threads,auto-read-only=on",
	    img);
	g_assert_true(blk_root(blk_by_name("opts"))->flags & BDRV_O_NO_FLUSH);
	blk_close_all();
	drop_image(img);
}

static void test_blockdev_errors(void)
{
	char *img = tmp_image(MIB);
	g_autofree char *hd_msg = g_strdup_printf("'host_device' driver requires '%s' to be "
						  "either a character or block device",
						  img);

	blockdev_ok("driver=file,filename=%s,locking=off,node-name=f", img);
	blockdev_err("'node-name' must be specified for the root node",
		     "driver=file,filename=%s,locking=off", img);
	blockdev_err("Could not open 'nope': No such file or directory",
		     "driver=file,filename=nope,node-name=g");
	blockdev_err("Parameter 'filename' is missing", "driver=file,node-name=g");
	blockdev_err("Parameter 'driver' is missing", "filename=%s,node-name=g", img);
	blockdev_err("Parameter 'driver' does not accept value 'bogus'", "driver=bogus");
	blockdev_err("Parameter 'driver' does not accept value 'foo'", "foo");
	blockdev_err("Image is not in qcow2 format", "driver=qcow2,file=f,node-name=q");
	blockdev_err("Cannot find device='g' nor node-name='g'", "driver=raw,file=g,node-name=r");
	blockdev_err("Duplicate nodes with node-name='f'", "driver=raw,file=f,node-name=f");
	blockdev_err("Duplicate nodes with node-name='f'", "driver=file,filename=nope,node-name=f");
	blockdev_err("Invalid node-name: '1f'", "driver=file,filename=nope,node-name=1f");
	blockdev_err("Invalid node-name: '#b'", "driver=file,filename=%s,locking=off,node-name=#b",
		     img);
	blockdev_err("Parameter 'foo' is unexpected", "driver=file,filename=nope,foo=bar");
	blockdev_err("Parameter 'id' is unexpected",
		     "driver=file,filename=%s,locking=off,node-name=g,id=x", img);
	blockdev_err("Parameter 'cache.foo' is unexpected",
		     "driver=file,filename=%s,locking=off,node-name=g,cache.foo=bar", img);
	blockdev_err("Parameter 'read-only' expects 'on' or 'off'",
		     "driver=file,node-name=g,read-only=maybe");
	blockdev_err(
	    "Parameter 'cache.direct' expects 'on' or 'off'",
	    "driver=file,filename=%s,locking=off,node-name=g,read-only=maybe,cache.direct=maybe",
	    img);
	blockdev_err(
	    "Parameter 'discard' does not accept value 'bogus'",
	    "driver=file,filename=%s,locking=off,node-name=g,discard=bogus,cache.direct=maybe",
	    img);
	blockdev_err("Parameter 'aio' does not accept value 'bogus'",
		     "driver=file,filename=%s,locking=off,node-name=g,aio=bogus", img);
	blockdev_err("Invalid parameter type for 'cache', expected: object",
		     "driver=file,filename=%s,locking=off,node-name=g,cache=none", img);
	blockdev_err("Parameter 'file' is missing", "driver=raw,node-name=r");
	blockdev_err("Parameter 'file' is missing", "driver=file,driver=raw");
	blockdev_err("Parameter 'file.driver' is missing",
		     "driver=raw,node-name=r,file.filename=%s", img);
	blockdev_err("Parameters 'file.*' used inconsistently",
		     "driver=raw,file=f,node-name=r,file.driver=file");
	blockdev_err("Parameter 'offset' expects integer",
		     "driver=raw,file=f,node-name=r,offset=2M");
	blockdev_err("Parameter 'size' expects integer",
		     "driver=raw,file=f,node-name=r,size=99999999999999999999");
	blockdev_err("Parameter 'offset' expects a non-negative number below 2^64",
		     "driver=raw,file=f,node-name=r,offset=-1");
	blockdev_err("Specified size is not multiple of 512",
		     "driver=raw,file=f,node-name=r,offset=512,size=511");
	blockdev_err("setting detect-zeroes to unmap is not allowed without setting discard "
		     "operation to unmap",
		     "driver=file,filename=%s,locking=off,node-name=g,detect-zeroes=unmap", img);
	blockdev_err("Help is not available for this option", "help");
	blockdev_err("'file' driver requires '/dev/null' to be a regular file",
		     "driver=file,filename=/dev/null,node-name=g");
	blockdev_err(hd_msg, "driver=host_device,filename=%s,node-name=g", img);
	g_assert_null(bdrv_find_node("g"));
	g_assert_null(bdrv_find_node("r"));
	blk_close_all();
	drop_image(img);
}

/* Attaching */

static void test_attach(void)
{
	char *img = tmp_image(MIB);
	BlockBackend *x = drive_ok("file=%s,file.locking=off,format=raw,if=none,id=x", img);
	BlockBackend *v = drive_ok("file=%s,file.locking=off,format=raw,if=virtio", img);
	Error *err = NULL;
	int dev1, dev2;

	g_assert_true(blk_attach_dev(x, &dev1, &error_abort));
	g_assert_false(blk_attach_dev(x, &dev2, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Drive 'x' is already in use by another device");
	error_free(err);
	err = NULL;
	blk_detach_dev(x, &dev2); /* not the owner: no effect */
	g_assert_false(blk_attach_dev(x, &dev2, NULL));
	blk_detach_dev(x, &dev1);
	g_assert_true(blk_attach_dev(x, &dev2, &error_abort));

	g_assert_true(blk_attach_dev(v, &dev1, &error_abort));
	g_assert_false(blk_attach_dev(v, &dev2, &err));
	g_assert_cmpstr(error_get_pretty(err), ==,
			"Drive 'virtio0' is already in use because it has been automatically "
			"connected to another device "
			"(did you need 'if=none' in the drive options?)");
	error_free(err);
	err = NULL;

	/* a writable raw node over a read-only file node cannot be given to a device */
	blockdev_ok("driver=file,filename=%s,locking=off,node-name=f,read-only=on", img);
	blockdev_ok("driver=raw,file=f,node-name=r");
	g_assert_false(blk_attach_dev(blk_by_name("r"), &dev1, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Block node is read-only");
	error_free(err);
	g_assert_true(blk_attach_dev(blk_by_name("f"), &dev1, &error_abort));
	blk_close_all();
	drop_image(img);
}

static void test_next_if_virtio(void)
{
	char *img = tmp_image(MIB);
	BlockBackend *a, *b, *c;

	a = drive_ok("file=%s,file.locking=off,format=raw,if=virtio,index=2", img);
	drive_ok("file=%s,file.locking=off,format=raw,if=none", img);
	b = drive_ok("file=%s,file.locking=off,format=raw,if=virtio", img);
	c = drive_ok("if=virtio");
	g_assert_true(blk_next_if_virtio() == a);
	g_assert_true(blk_next_if_virtio() == b);
	g_assert_true(blk_next_if_virtio() == c);
	g_assert_false(blk_is_inserted(c));
	g_assert_null(blk_next_if_virtio());
	blk_close_all();
	g_assert_null(blk_next_if_virtio());
	drop_image(img);
}

/* I/O */

static void test_rw_roundtrip(void)
{
	char *img = tmp_image(MIB);
	BlockBackend *blk = drive_ok("file=%s,file.locking=off,format=raw,if=none,id=d", img);
	uint8_t wbuf[4096 + 7], rbuf[sizeof(wbuf)];
	uint8_t *host;
	gsize len;

	for (size_t i = 0; i < sizeof(wbuf); i++)
		wbuf[i] = i * 13 + 1;
	g_assert_cmpint(blk_pwrite(blk, 12345, wbuf, sizeof(wbuf)), ==, 0);
	g_assert_cmpint(blk_pread(blk, 12345, rbuf, sizeof(rbuf)), ==, 0);
	g_assert_cmpmem(rbuf, sizeof(rbuf), wbuf, sizeof(wbuf));
	g_assert_cmpint(blk_pwrite(blk, 0, wbuf, 0), ==, 0);
	g_assert_cmpint(blk_flush(blk), ==, 0);
	host = read_host(img, &len);
	g_assert_cmpuint(len, ==, MIB);
	g_assert_cmpmem(host + 12345, sizeof(wbuf), wbuf, sizeof(wbuf));
	g_assert_cmpint(host[12344], ==, pattern_at(12344));
	g_assert_cmpint(host[12345 + sizeof(wbuf)], ==, pattern_at(12345 + sizeof(wbuf)));
	g_free(host);
	blk_close_all();
	drop_image(img);
}

/* A 1000-byte file is a 1024-byte disk; the tail reads as zeroes, as in QEMU. */
static void test_short_file(void)
{
	char *img = tmp_image(1000);
	BlockBackend *blk = drive_ok("file=%s,file.locking=off,format=raw,if=none,id=d", img);
	uint8_t buf[34], zero[24] = { 0 };
	gsize len;
	uint8_t *host;

	g_assert_cmpint(blk_getlength(blk), ==, 1024);
	g_assert_cmpint(blk_pread(blk, 990, buf, sizeof(buf)), ==, 0);
	for (int i = 0; i < 10; i++)
		g_assert_cmpint(buf[i], ==, pattern_at(990 + i));
	g_assert_cmpmem(buf + 10, 24, zero, 24);
	g_assert_cmpint(blk_pread(blk, 1000, buf, 25), ==, -EIO);
	/* writing the tail grows the file, never past the rounded length */
	memset(buf, 0x77, sizeof(buf));
	g_assert_cmpint(blk_pwrite(blk, 1000, buf, 24), ==, 0);
	g_assert_cmpint(blk_pwrite(blk, 1000, buf, 25), ==, -EIO);
	host = read_host(img, &len);
	g_assert_cmpuint(len, ==, 1024);
	g_assert_cmpint(host[1023], ==, 0x77);
	g_free(host);
	blk_close_all();
	drop_image(img);
}

static void test_bounds(void)
{
	char *img = tmp_image(MIB);
	BlockBackend *blk = drive_ok("file=%s,file.locking=off,format=raw,if=none,id=d", img);
	uint8_t buf[16] = { 0 };
	struct stat st;

	g_assert_cmpint(blk_pread(blk, -1, buf, 1), ==, -EINVAL);
	g_assert_cmpint(blk_pread(blk, 0, buf, -1), ==, -EINVAL);
	g_assert_cmpint(blk_pwrite(blk, INT64_MAX, buf, 2), ==, -EINVAL);
	g_assert_cmpint(blk_pwrite(blk, INT64_MAX - 2, buf, 2), ==, -EIO);
	g_assert_cmpint(blk_pdiscard(blk, INT64_MIN, 512), ==, -EINVAL);
	g_assert_cmpint(blk_pwrite_zeroes(blk, 512, INT64_MAX, false), ==, -EINVAL);
	g_assert_cmpint(blk_pread(blk, MIB, buf, 1), ==, -EIO);
	g_assert_cmpint(blk_pread(blk, MIB - 1, buf, 2), ==, -EIO);
	g_assert_cmpint(blk_pwrite(blk, MIB - 8, buf, 16), ==, -EIO);
	g_assert_cmpint(blk_pdiscard(blk, MIB, 512), ==, -EIO);
	g_assert_cmpint(blk_pwrite_zeroes(blk, MIB - 512, 1024, true), ==, -EIO);
	g_assert_cmpint(blk_pread(blk, MIB, buf, 0), ==, 0);
	g_assert_cmpint(blk_pread(blk, MIB + 1, buf, 0), ==, -EIO);
	g_assert_cmpint(blk_pread(blk, MIB - 16, buf, 16), ==, 0);
	/* node-level checks catch what the backend would not */
	g_assert_cmpint(bdrv_pread(blk_root(blk), -5, buf, 1), ==, -EINVAL);
	g_assert_cmpint(bdrv_pwrite(blk_root(blk), 1, buf, INT64_MAX), ==, -EINVAL);
	blk_close_all();
	/* the file did not grow */
	g_assert_cmpint(stat(img, &st), ==, 0);
	g_assert_cmpint(st.st_size, ==, MIB);
	drop_image(img);
}

static void test_raw_window(void)
{
	char *img = tmp_image(8192);
	BlockBackend *blk =
	    drive_ok("file=%s,file.locking=off,format=raw,if=none,id=w,offset=512,size=1024", img);
	BlockBackend *tail =
	    drive_ok("file=%s,file.locking=off,format=raw,if=none,id=t,offset=7000", img);
	uint8_t buf[2048];
	uint8_t *host;
	gsize len;

	g_assert_cmpint(blk_getlength(blk), ==, 1024);
	g_assert_cmpint(blk_pread(blk, 0, buf, 1024), ==, 0);
	for (int i = 0; i < 1024; i++)
		g_assert_cmpint(buf[i], ==, pattern_at(512 + i));
	memset(buf, 0xee, sizeof(buf));
	g_assert_cmpint(blk_pwrite(blk, 0, buf, 1024), ==, 0);
	g_assert_cmpint(blk_pwrite(blk, 1, buf, 1024), ==, -EIO);
	g_assert_cmpint(blk_pwrite(blk, 1024, buf, 1), ==, -EIO);
	g_assert_cmpint(blk_pwrite_zeroes(blk, 512, 1024, false), ==, -EIO);
	g_assert_cmpint(blk_pdiscard(blk, 1020, 8), ==, -EIO);
	/* the raw node refuses on its own, too */
	g_assert_cmpint(bdrv_pwrite(blk_root(blk), 1000, buf, 100), ==, -EIO);
	g_assert_cmpint(bdrv_pread(blk_root(blk), 1024, buf, 1), ==, -EIO);
	/* without size=, the window runs to the end of the file (rounded up to a sector) */
	g_assert_cmpint(blk_getlength(tail), ==, 1536);
	g_assert_cmpint(blk_pread(tail, 0, buf, 1536), ==, 0);
	g_assert_cmpint(buf[0], ==, pattern_at(7000));
	g_assert_cmpint(buf[1191], ==, pattern_at(8191));
	g_assert_cmpint(buf[1192], ==, 0);
	blk_close_all();
	host = read_host(img, &len);
	g_assert_cmpuint(len, ==, 8192);
	for (int i = 0; i < 8192; i++) {
		bool inside = i >= 512 && i < 1536;
		g_assert_cmpint(host[i], ==, inside ? 0xee : pattern_at(i));
	}
	g_free(host);
	drop_image(img);
}

static void test_readonly(void)
{
	char *img = tmp_image(MIB);
	BlockBackend *blk = drive_ok(
	    "file=%s,file.locking=off,format=raw,if=none,id=ro,readonly=on,discard=unmap", img);
	uint8_t buf[512];
	uint8_t *host;
	gsize len;
	int fd;

	memset(buf, 0x11, sizeof(buf));
	g_assert_true(blk_is_read_only(blk));
	g_assert_cmpint(blk_pwrite(blk, 0, buf, sizeof(buf)), ==, -EACCES);
	g_assert_cmpint(blk_pdiscard(blk, 0, 4096), ==, -EACCES);
	g_assert_cmpint(blk_pwrite_zeroes(blk, 0, 4096, true), ==, -EACCES);
	g_assert_cmpint(bdrv_pwrite(blk_root(blk), 0, buf, sizeof(buf)), ==, -EACCES);
	g_assert_cmpint(bdrv_pwrite(blk_root(blk)->file, 0, buf, sizeof(buf)), ==, -EACCES);
	g_assert_cmpint(blk_pread(blk, 0, buf, sizeof(buf)), ==, 0);
	g_assert_cmpint(buf[5], ==, pattern_at(5));
	g_assert_cmpint(blk_flush(blk), ==, 0);
	blk_close_all();
	host = read_host(img, &len);
	g_assert_cmpint(host[0], ==, pattern_at(0));
	g_free(host);
	/* read-only opens need no write permission on the host file */
	chmod(img, 0444);
	fd = open(img, O_RDWR);
	if (fd < 0) { /* not root: the permission bits hold */
		g_autofree char *msg =
		    g_strdup_printf("Could not open '%s': Permission denied", img);
		drive_err(msg, "file=%s,file.locking=off,format=raw,if=none", img);
		blk =
		    drive_ok("file=%s,file.locking=off,format=raw,if=none,auto-read-only=on", img);
		g_assert_true(blk_is_read_only(blk));
	} else {
		close(fd);
	}
	drive_ok("file=%s,file.locking=off,format=raw,if=none,id=ro2,readonly=on", img);
	blk_close_all();
	drop_image(img);
}

static bool is_zero(const uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (buf[i])
			return false;
	}
	return true;
}

static void test_discard(void)
{
	char *img = tmp_image(MIB);
	BlockBackend *on =
	    drive_ok("file=%s,file.locking=off,format=raw,if=none,id=on,discard=unmap", img);
	BlockBackend *off = drive_ok("file=%s,file.locking=off,format=raw,if=none,id=off", img);
	uint8_t *buf = g_malloc(65536);
	int ret;

	/* discard=ignore (the default) drops the request and keeps the data */
	g_assert_cmpint(blk_pdiscard(off, 65536, 65536), ==, 0);
	g_assert_cmpint(blk_pread(off, 65536, buf, 65536), ==, 0);
	g_assert_cmpint(buf[0], ==, pattern_at(65536));
	g_assert_cmpint(blk_pdiscard(on, 0, 0), ==, 0);
	ret = blk_pdiscard(on, 65536, 65536);
	if (ret == -ENOTSUP) {
		g_test_message("host file system cannot punch holes");
	} else {
		g_assert_cmpint(ret, ==, 0);
		g_assert_cmpint(blk_pread(on, 65536, buf, 65536), ==, 0);
		g_assert_true(is_zero(buf, 65536));
		g_assert_cmpint(blk_pread(on, 131072, buf, 1), ==, 0);
		g_assert_cmpint(buf[0], ==, pattern_at(131072));
		g_assert_cmpint(blk_getlength(on), ==, MIB);
	}
	g_free(buf);
	blk_close_all();
	drop_image(img);
}

static void test_write_zeroes(void)
{
	char *img = tmp_image(MIB);
	BlockBackend *blk =
	    drive_ok("file=%s,file.locking=off,format=raw,if=none,id=z,discard=unmap", img);
	BlockBackend *plain = drive_ok("file=%s,file.locking=off,format=raw,if=none,id=p", img);
	BlockBackend *dz =
	    drive_ok("file=%s,file.locking=off,format=raw,if=none,id=dz,detect-zeroes=on", img);
	uint8_t *buf = g_malloc0(300002);

	g_assert_cmpint(blk_pwrite_zeroes(blk, 1000, 5000, false), ==, 0);
	g_assert_cmpint(blk_pwrite_zeroes(blk, 65536, 65536, true), ==, 0);
	g_assert_cmpint(blk_pwrite_zeroes(plain, 200000, 70000, true), ==, 0);
	g_assert_cmpint(blk_pread(blk, 1000, buf, 5000), ==, 0);
	g_assert_true(is_zero(buf, 5000));
	g_assert_cmpint(blk_pread(blk, 65536, buf, 65536), ==, 0);
	g_assert_true(is_zero(buf, 65536));
	g_assert_cmpint(blk_pread(blk, 200000, buf, 70000), ==, 0);
	g_assert_true(is_zero(buf, 70000));
	g_assert_cmpint(blk_pread(blk, 999, buf, 1), ==, 0);
	g_assert_cmpint(buf[0], ==, pattern_at(999));
	g_assert_cmpint(blk_pread(blk, 6000, buf, 1), ==, 0);
	g_assert_cmpint(buf[0], ==, pattern_at(6000));
	/* detect-zeroes turns an all-zero write into write-zeroes; the result is the same */
	memset(buf, 0, 300000);
	g_assert_cmpint(blk_pwrite(dz, 400000, buf, 300000), ==, 0);
	g_assert_cmpint(blk_pread(dz, 399999, buf, 300002), ==, 0);
	g_assert_cmpint(buf[0], ==, pattern_at(399999));
	g_assert_true(is_zero(buf + 1, 300000));
	g_assert_cmpint(buf[300001], ==, pattern_at(700000));
	g_assert_cmpint(blk_getlength(blk), ==, MIB);
	g_free(buf);
	blk_close_all();
	drop_image(img);
}

static void test_flush_and_writethrough(void)
{
	char *img = tmp_image(MIB);
	BlockBackend *wb = drive_ok("file=%s,file.locking=off,format=raw,if=none,id=wb", img);
	BlockBackend *us =
	    drive_ok("file=%s,file.locking=off,format=raw,if=none,id=us,cache=unsafe", img);
	uint8_t buf[512];

	memset(buf, 0x42, sizeof(buf));
	g_assert_cmpint(blk_flush(wb), ==, 0);
	g_assert_cmpint(blk_flush(us), ==, 0);
	blk_set_enable_write_cache(wb, false);
	g_assert_false(blk_enable_write_cache(wb));
	g_assert_cmpint(blk_pwrite(wb, 0, buf, sizeof(buf)), ==, 0);
	g_assert_cmpint(blk_pwrite_zeroes(wb, 512, 512, false), ==, 0);
	blk_set_enable_write_cache(wb, true);
	g_assert_cmpint(blk_pwrite(us, 1024, buf, sizeof(buf)), ==, 0);
	blk_close_all();
	drop_image(img);
}

/* cache=none: O_DIRECT with aligned and unaligned requests and buffers. */
static void test_direct(void)
{
	char *img = tmp_image(MIB);
	g_autofree char *opts =
	    g_strdup_printf("file=%s,format=raw,if=none,id=dio,cache=none", img);
	Error *err = NULL;
	BlockBackend *blk = drive_new(opts, &err);
	uint8_t *mem = g_malloc(3 * 65536 + 1), *rbuf = g_malloc(3 * 65536 + 1);
	uint8_t *host;
	gsize len;

	if (!blk) {
		g_test_skip(error_get_pretty(err));
		error_free(err);
		goto out;
	}
	for (int i = 0; i < 3 * 65536 + 1; i++)
		mem[i] = i % 251;
	g_assert_true(blk_root(blk)->file->flags & BDRV_O_NOCACHE);
	/* aligned request, unaligned buffer: through the bounce buffer */
	g_assert_cmpint(blk_pwrite(blk, 65536, mem + 1, 65536), ==, 0);
	/* unaligned request: the buffered descriptor */
	g_assert_cmpint(blk_pwrite(blk, 3, mem, 700), ==, 0);
	g_assert_cmpint(blk_pread(blk, 65536, rbuf + 1, 65536), ==, 0);
	g_assert_cmpmem(rbuf + 1, 65536, mem + 1, 65536);
	g_assert_cmpint(blk_pread(blk, 0, rbuf, 4096), ==, 0);
	g_assert_cmpint(rbuf[2], ==, pattern_at(2));
	g_assert_cmpmem(rbuf + 3, 700, mem, 700);
	g_assert_cmpint(rbuf[703], ==, pattern_at(703));
	g_assert_cmpint(blk_pwrite_zeroes(blk, 4096, 4096, false), ==, 0);
	g_assert_cmpint(blk_flush(blk), ==, 0);
	blk_close_all();
	host = read_host(img, &len);
	g_assert_cmpmem(host + 65536, 65536, mem + 1, 65536);
	g_assert_true(is_zero(host + 4096, 4096));
	g_free(host);
out:
	g_free(mem);
	g_free(rbuf);
	blk_close_all();
	drop_image(img);
}

static void test_close_all(void)
{
	char *img = tmp_image(MIB);
	BlockBackend *blk = drive_ok("file=%s,file.locking=off,format=raw,if=virtio", img);
	uint8_t buf[4096];
	uint8_t *host;
	gsize len;

	memset(buf, 0x3c, sizeof(buf));
	g_assert_cmpint(blk_pwrite(blk, 8192, buf, sizeof(buf)), ==, 0);
	blockdev_ok("driver=file,filename=%s,locking=off,node-name=f", img);
	g_assert_cmpint(blk_pwrite(blk_by_name("f"), 0, buf, 100), ==, 0);
	blk_close_all();
	g_assert_null(blk_by_name("virtio0"));
	g_assert_null(blk_by_name("f"));
	g_assert_null(bdrv_find_node("f"));
	host = read_host(img, &len);
	g_assert_cmpmem(host + 8192, sizeof(buf), buf, sizeof(buf));
	g_assert_cmpmem(host, 100, buf, 100);
	g_free(host);
	/* the registry starts afresh */
	g_assert_cmpstr(blk_name(drive_ok("file=%s,file.locking=off,format=raw,if=virtio", img)),
			==, "virtio0");
	blk_close_all();
	blk_close_all();
	drop_image(img);
}

/*
 * snapshot=on: writes land in a temporary overlay (reads see them, across cluster edges and
 * the disk's odd-sized end), the image never changes, and blk_commit_all (Ctrl-A s) writes
 * them into the image.
 */
static void test_snapshot(void)
{
	const int64_t size = MIB + 1000; /* the last cluster is partial */
	char *img = tmp_image(size);
	BlockBackend *blk =
	    drive_ok("file=%s,file.locking=off,format=raw,if=none,id=d,snapshot=on", img);
	uint8_t wbuf[70000], rbuf[sizeof(wbuf) + 200], *host;
	const int64_t at = 65536 - 100, tail = size - 700;
	gsize len;

	g_assert_false(blk_is_read_only(blk));
	for (size_t i = 0; i < sizeof(wbuf); i++)
		wbuf[i] = i * 31 + 7;
	g_assert_cmpint(blk_pwrite(blk, at, wbuf, sizeof(wbuf)), ==, 0);
	g_assert_cmpint(blk_pwrite(blk, tail, wbuf, 600), ==, 0);
	g_assert_cmpint(blk_flush(blk), ==, 0);
	/* the guest sees its writes, and the image's bytes around them */
	g_assert_cmpint(blk_pread(blk, at - 100, rbuf, sizeof(rbuf)), ==, 0);
	for (int i = 0; i < 100; i++)
		g_assert_cmpint(rbuf[i], ==, pattern_at(at - 100 + i));
	g_assert_cmpmem(rbuf + 100, sizeof(wbuf), wbuf, sizeof(wbuf));
	g_assert_cmpint(rbuf[100 + sizeof(wbuf)], ==, pattern_at(at + sizeof(wbuf)));
	g_assert_cmpint(blk_pread(blk, tail - 10, rbuf, 710), ==, 0);
	g_assert_cmpint(rbuf[9], ==, pattern_at(tail - 1));
	g_assert_cmpmem(rbuf + 10, 600, wbuf, 600);
	g_assert_cmpint(rbuf[610], ==, pattern_at(tail + 600));
	/* the image is untouched */
	host = read_host(img, &len);
	g_assert_cmpuint(len, ==, size);
	for (int64_t i = 0; i < size; i++)
		if (host[i] != pattern_at(i))
			g_error("image changed at %" PRId64, i);
	g_free(host);
	/* Ctrl-A s: committed */
	blk_commit_all();
	host = read_host(img, &len);
	g_assert_cmpmem(host + at, sizeof(wbuf), wbuf, sizeof(wbuf));
	g_assert_cmpmem(host + tail, 600, wbuf, 600);
	g_assert_cmpint(host[at - 1], ==, pattern_at(at - 1));
	g_free(host);
	blk_close_all();
	/* -snapshot makes it every -drive's default; snapshot=off still writes through */
	drive_snapshot_default = true;
	blk = drive_ok("file=%s,file.locking=off,format=raw,if=none,id=d", img);
	g_assert_cmpint(blk_pwrite(blk, 0, wbuf, 16), ==, 0);
	blk_close_all();
	host = read_host(img, &len);
	g_assert_cmpint(host[0], ==, pattern_at(0));
	g_free(host);
	blk = drive_ok("file=%s,file.locking=off,format=raw,if=none,id=d,snapshot=off", img);
	g_assert_cmpint(blk_pwrite(blk, 0, wbuf, 16), ==, 0);
	blk_close_all();
	drive_snapshot_default = false;
	host = read_host(img, &len);
	g_assert_cmpmem(host, 16, wbuf, 16);
	g_free(host);
	drop_image(img);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/block/drive/basic", test_drive_basic);
	g_test_add_func("/block/drive/auto-names", test_drive_auto_names);
	g_test_add_func("/block/drive/errors", test_drive_errors);
	g_test_add_func("/block/drive/duplicates", test_drive_duplicates);
	g_test_add_func("/block/drive/options", test_drive_options);
	g_test_add_func("/block/drive/empty", test_drive_empty);
	g_test_add_func("/block/drive/probe", test_probe);
	g_test_add_func("/block/drive/probe-qcow2", test_probe_qcow2);
	g_test_add_func("/block/drive/locks", test_drive_locks);
	g_test_add_func("/block/blockdev/stacking", test_blockdev);
	g_test_add_func("/block/blockdev/errors", test_blockdev_errors);
	g_test_add_func("/block/attach", test_attach);
	g_test_add_func("/block/next-if-virtio", test_next_if_virtio);
	g_test_add_func("/block/io/roundtrip", test_rw_roundtrip);
	g_test_add_func("/block/io/short-file", test_short_file);
	g_test_add_func("/block/io/bounds", test_bounds);
	g_test_add_func("/block/io/raw-window", test_raw_window);
	g_test_add_func("/block/io/readonly", test_readonly);
	g_test_add_func("/block/io/discard", test_discard);
	g_test_add_func("/block/io/write-zeroes", test_write_zeroes);
	g_test_add_func("/block/io/flush-writethrough", test_flush_and_writethrough);
	g_test_add_func("/block/io/direct", test_direct);
	g_test_add_func("/block/close-all", test_close_all);
	g_test_add_func("/block/snapshot", test_snapshot);
	return g_test_run();
}
