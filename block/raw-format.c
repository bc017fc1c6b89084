// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The "raw" format: the guest sees the bytes of the node below as they are, optionally only
 * the window offset= .. offset+size= of it, as QEMU's raw driver offers. Every request is
 * checked against the window before it goes down, so a guest can never touch the host file
 * outside it. When the format was guessed rather than given, writes that would make sector 0
 * look like another image format are refused, because a later probe would then trust a
 * header the guest wrote. This file also holds that probe for foreign image headers.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include "block/block_int.h"

typedef struct RawState {
	uint64_t offset;
	uint64_t size;
	bool has_size;
	bool probed;
} RawState;

typedef struct ImageMagic {
	const char *format;
	size_t at;
	size_t len;
	const char *magic;
} ImageMagic;

/* Headers of the image formats QEMU opens; qcow and qcow2 share one and differ in version. */
static const ImageMagic magics[] = {
	{ "qcow2", 0, 4, "QFI\xfb" },
	{ "qed", 0, 4, "QED\0" },
	{ "vmdk", 0, 4, "KDMV" },
	{ "vmdk", 0, 21, "# Disk DescriptorFile" },
	{ "vpc", 0, 8, "conectix" },
	{ "vhdx", 0, 8, "vhdxfile" },
	{ "vdi", 64, 4, "\x7f\x10\xda\xbe" },
	{ "luks", 0, 6, "LUKS\xba\xbe" },
	{ "parallels", 0, 16, "WithoutFreeSpace" },
	{ "parallels", 0, 16, "WithouFreSpacExt" },
	{ "bochs", 0, 22, "Bochs Virtual HD Image" },
};

const char *raw_probe_foreign(const uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(magics); i++) {
		const ImageMagic *m = &magics[i];
		if (m->at + m->len > len || memcmp(buf + m->at, m->magic, m->len))
			continue;
		if (!strcmp(m->format, "qcow2") && len >= 8 && buf[7] == 1 && !buf[4] && !buf[5] &&
		    !buf[6])
			return "qcow";
		return m->format;
	}
	return NULL;
}

void raw_warn_probed(const char *filename)
{
	error_printf("WARNING: Image format was not specified for '%s' and probing guessed raw.\n"
		     "         Automatically detecting the format is dangerous for raw images, "
		     "write operations on block 0 will be restricted.\n"
		     "         Specify the 'raw' format explicitly to remove the restrictions.\n",
		     filename);
}

static int64_t raw_window_length(BlockDriverState *bs)
{
	RawState *s = bs->opaque;
	int64_t len;

	if (s->has_size)
		return s->size;
	len = bdrv_getlength(bs->file);
	if (len < 0)
		return len;
	return len > (int64_t)s->offset ? len - (int64_t)s->offset : 0;
}

static bool raw_open(BlockDriverState *bs, const BlockOpenArgs *args, Error **errp)
{
	RawState *s = bs->opaque;
	int64_t real = bdrv_getlength(args->file);

	if (real < 0) {
		error_setg_errno(errp, -real, "Could not get the size of the file");
		return false;
	}
	if (args->offset > (uint64_t)real) {
		error_setg(errp,
			   "Offset (%" PRIu64 ") cannot be greater than size of the "
			   "containing file (%" PRId64 ")",
			   args->offset, real);
		return false;
	}
	if (args->has_size && args->size > (uint64_t)real - args->offset) {
		error_setg(errp,
			   "The sum of offset (%" PRIu64 ") and size (%" PRIu64 ") has to be "
			   "smaller or equal to the  actual size of the containing file (%" PRId64
			   ")",
			   args->offset, args->size, real);
		return false;
	}
	if (args->has_size && !QEMU_IS_ALIGNED(args->size, BDRV_SECTOR_SIZE)) {
		error_setg(errp, "Specified size is not multiple of %d", BDRV_SECTOR_SIZE);
		return false;
	}
	s->offset = args->offset;
	s->size = args->size;
	s->has_size = args->has_size;
	s->probed = args->probed;
	return true;
}

static void raw_close(BlockDriverState *bs)
{
}

/* The window check; after it offset + s->offset cannot overflow (the file fits in int64). */
static int raw_check(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
	RawState *s = bs->opaque;
	int ret = bdrv_check_request(offset, bytes);

	if (ret < 0)
		return ret;
	if (s->has_size && (uint64_t)offset + bytes > s->size)
		return -EIO;
	if ((uint64_t)offset + bytes > INT64_MAX - s->offset)
		return -EIO;
	return 0;
}

static int64_t raw_getlength(BlockDriverState *bs)
{
	return raw_window_length(bs);
}

static int raw_pread(BlockDriverState *bs, int64_t offset, void *buf, int64_t bytes)
{
	RawState *s = bs->opaque;
	int ret = raw_check(bs, offset, bytes);

	return ret < 0 ? ret : bdrv_pread(bs->file, offset + s->offset, buf, bytes);
}

/* Would sector 0, after this write, probe as something other than raw? */
static bool raw_write_changes_format(BlockDriverState *bs, int64_t offset, const void *buf,
				     int64_t bytes)
{
	uint8_t sector[BDRV_SECTOR_SIZE];
	int64_t n = MIN(bytes, BDRV_SECTOR_SIZE - offset);

	if (raw_pread(bs, 0, sector, BDRV_SECTOR_SIZE) < 0)
		memset(sector, 0, sizeof(sector));
	memcpy(sector + offset, buf, n);
	return raw_probe_foreign(sector, sizeof(sector)) != NULL;
}

static int raw_pwrite(BlockDriverState *bs, int64_t offset, const void *buf, int64_t bytes)
{
	RawState *s = bs->opaque;
	int ret = raw_check(bs, offset, bytes);

	if (ret < 0)
		return ret;
	if (s->probed && offset < BDRV_SECTOR_SIZE &&
	    raw_write_changes_format(bs, offset, buf, bytes))
		return -EPERM;
	return bdrv_pwrite(bs->file, offset + s->offset, buf, bytes);
}

/* Straight to the file's engine; writes to a probed image's first sector take the checked path. */
static bool raw_aio_rw(BlockDriverState *bs, bool write, int64_t offset, const struct iovec *iov,
		       int niov, BlockCompletionFunc *cb, void *opaque)
{
	RawState *s = bs->opaque;
	int64_t bytes = 0;

	for (int i = 0; i < niov; i++)
		bytes += iov[i].iov_len;
	if (raw_check(bs, offset, bytes) < 0 || (write && s->probed && offset < BDRV_SECTOR_SIZE))
		return false;
	return bdrv_aio_rw(bs->file, write, offset + s->offset, iov, niov, cb, opaque);
}

static int raw_flush(BlockDriverState *bs)
{
	return bdrv_flush(bs->file);
}

static int raw_pdiscard(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
	RawState *s = bs->opaque;
	int ret = raw_check(bs, offset, bytes);

	return ret < 0 ? ret : bdrv_pdiscard(bs->file, offset + s->offset, bytes);
}

static int raw_pwrite_zeroes(BlockDriverState *bs, int64_t offset, int64_t bytes, bool may_unmap)
{
	RawState *s = bs->opaque;
	int ret = raw_check(bs, offset, bytes);

	if (ret < 0)
		return ret;
	/* Zeroing can complete a magic too ("QED" followed by a zeroed byte). */
	if (s->probed && offset < BDRV_SECTOR_SIZE) {
		static const uint8_t zeroes[BDRV_SECTOR_SIZE];
		if (raw_write_changes_format(bs, offset, zeroes, bytes))
			return -EPERM;
	}
	return bdrv_pwrite_zeroes(bs->file, offset + s->offset, bytes, may_unmap);
}

static const BlockCreateOpt raw_create_opts[] = {
	{ "size", BLOCK_OPT_SIZE, "Virtual disk size", NULL },
	{ "preallocation", BLOCK_OPT_STRING,
	  "Preallocation mode (allowed values: off, falloc, full)", NULL, .protocol = true },
	{ NULL },
};

/* Writes zeroes over the whole file: preallocation=full. */
static bool write_zeroes(int fd, uint64_t size)
{
	const size_t chunk = 1 << 20;
	uint8_t *zero = g_malloc0(chunk);
	bool ok = true;

	for (uint64_t done = 0; ok && done < size; done += chunk) {
		size_t n = MIN(chunk, size - done);
		ok = pwrite(fd, zero, n, done) == (ssize_t)n;
	}
	g_free(zero);
	return ok;
}

static bool raw_create(const char *filename, QemuOpts *opts, Error **errp)
{
	const char *prealloc = qemu_opt_get(opts, "preallocation");
	Error *err = NULL;
	uint64_t size = qemu_opt_get_size(opts, "size", 0, &err);
	bool ok;
	int fd;

	if (err) {
		error_propagate(errp, err);
		return false;
	}
	size = QEMU_ALIGN_UP(size, BDRV_SECTOR_SIZE);
	if (prealloc && strcmp(prealloc, "off") && strcmp(prealloc, "falloc") &&
	    strcmp(prealloc, "full")) {
		error_setg(errp, "Parameter 'preallocation' does not accept value '%s'", prealloc);
		return false;
	}
	fd = open(filename, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		error_setg_errno(errp, errno, "Could not create '%s'", filename);
		return false;
	}
	if (prealloc && !strcmp(prealloc, "full"))
		ok = write_zeroes(fd, size);
	else if (prealloc && !strcmp(prealloc, "falloc"))
		ok = (errno = posix_fallocate(fd, 0, size)) == 0;
	else
		ok = ftruncate(fd, size) == 0;
	if (!ok)
		error_setg_errno(errp, errno, "Could not resize file");
	close(fd);
	return ok;
}

/* What the file below says, at the window's offset. */
static int raw_block_status(BlockDriverState *bs, int64_t offset, int64_t bytes, int64_t *pnum,
			    int64_t *map, BlockDriverState **file)
{
	RawState *s = bs->opaque;
	int ret = raw_check(bs, offset, bytes);

	if (ret < 0)
		return ret;
	if (!bs->file->drv->block_status) {
		*pnum = bytes;
		*map = offset + s->offset;
		*file = bs->file;
		return BDRV_BLOCK_DATA | BDRV_BLOCK_OFFSET_VALID | BDRV_BLOCK_ALLOCATED;
	}
	return bs->file->drv->block_status(bs->file, offset + s->offset, bytes, pnum, map, file);
}

static bool raw_truncate(BlockDriverState *bs, int64_t size, Error **errp)
{
	RawState *s = bs->opaque;

	if (s->offset || s->has_size) {
		error_setg(errp, "Cannot resize a raw image with offset= or size=");
		return false;
	}
	if (!bs->file->drv->truncate) {
		error_setg(errp, "Cannot resize a %s node", bs->file->drv->name);
		return false;
	}
	return bs->file->drv->truncate(bs->file, size, errp);
}

/* A raw image needs every byte, data or not. */
static bool raw_measure(QemuOpts *opts, uint64_t size, BlockDriverState *src, uint64_t *required,
			uint64_t *fully, Error **errp)
{
	*required = *fully = size;
	return true;
}

const BlockDriver bdrv_raw = {
	.name = "raw",
	.thread_safe = true, /* nothing changes after open */
	.state_size = sizeof(RawState),
	.open = raw_open,
	.close = raw_close,
	.getlength = raw_getlength,
	.pread = raw_pread,
	.pwrite = raw_pwrite,
	.aio_rw = raw_aio_rw,
	.flush = raw_flush,
	.pdiscard = raw_pdiscard,
	.pwrite_zeroes = raw_pwrite_zeroes,
	.create_opts = raw_create_opts,
	.create = raw_create,
	.truncate = raw_truncate,
	.block_status = raw_block_status,
	.measure = raw_measure,
};

static void raw_register(void)
{
	bdrv_register(&bdrv_raw);
}
block_init(raw_register)
