// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The temporary overlay of -snapshot and -drive snapshot=on: the guest's writes go to an
 * unlinked file in $TMPDIR (else /var/tmp), 64 KiB clusters copied up from the image on their
 * first write, and reads come from the overlay where a cluster was written, else from the
 * image, which is opened read-only and never changed. The overlay dies with the process
 * unless it is committed (Ctrl-A s on the console): its clusters are then written to the
 * image, made writable for that.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include "block/block_int.h"

#define BITS_PER_LONG (8 * sizeof(unsigned long))
#define CLUSTER_BITS  16
#define CLUSTER_SIZE  (1 << CLUSTER_BITS)

typedef struct OverlayState {
	int fd;
	int64_t length;
	unsigned long *map; /* one bit per cluster: written to the overlay */
} OverlayState;

static bool written(OverlayState *s, int64_t cluster)
{
	return s->map[cluster / BITS_PER_LONG] >> (cluster % BITS_PER_LONG) & 1;
}

static bool overlay_open(BlockDriverState *bs, const BlockOpenArgs *args, Error **errp)
{
	OverlayState *s = bs->opaque;
	const char *dir = g_getenv("TMPDIR");
	char *path = g_build_filename(dir && *dir ? dir : "/var/tmp", "vl.XXXXXX", NULL);
	int64_t clusters;

	s->length = bdrv_getlength(args->file);
	if (s->length < 0) {
		error_setg_errno(errp, -s->length, "Could not get the size of '%s'",
				 args->file->filename);
		g_free(path);
		return false;
	}
	s->fd = mkostemp(path, O_CLOEXEC);
	if (s->fd < 0) {
		error_setg_errno(errp, errno, "Could not create temporary overlay '%s'", path);
		g_free(path);
		return false;
	}
	unlink(path); /* nothing is left behind, whatever ends the process */
	g_free(path);
	clusters = (s->length + CLUSTER_SIZE - 1) >> CLUSTER_BITS;
	s->map = g_new0(unsigned long, clusters / BITS_PER_LONG + 1);
	return true;
}

static void overlay_close(BlockDriverState *bs)
{
	OverlayState *s = bs->opaque;

	close(s->fd);
	g_free(s->map);
}

static int64_t overlay_getlength(BlockDriverState *bs)
{
	return ((OverlayState *)bs->opaque)->length;
}

static int io(int fd, bool write, void *buf, int64_t len, int64_t off)
{
	while (len > 0) {
		ssize_t n = write ? pwrite(fd, buf, len, off) : pread(fd, buf, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0) /* a hole past the end of the sparse overlay reads as zeroes */
			return write ? -EIO : (memset(buf, 0, len), 0);
		buf = (uint8_t *)buf + n;
		off += n;
		len -= n;
	}
	return 0;
}

static int overlay_pread(BlockDriverState *bs, int64_t offset, void *buf, int64_t bytes)
{
	OverlayState *s = bs->opaque;

	while (bytes > 0) {
		int64_t cluster = offset >> CLUSTER_BITS;
		int64_t n = MIN(bytes, ((cluster + 1) << CLUSTER_BITS) - offset);
		int ret = written(s, cluster) ? io(s->fd, false, buf, n, offset)
					      : bdrv_pread(bs->file, offset, buf, n);

		if (ret < 0)
			return ret;
		buf = (uint8_t *)buf + n;
		offset += n;
		bytes -= n;
	}
	return 0;
}

/* The first write to a cluster copies it up from the image (the part inside the disk). */
static int copy_up(BlockDriverState *bs, int64_t cluster)
{
	OverlayState *s = bs->opaque;
	int64_t start = cluster << CLUSTER_BITS, len = MIN(CLUSTER_SIZE, s->length - start);
	uint8_t *tmp = g_malloc(CLUSTER_SIZE);
	int ret = bdrv_pread(bs->file, start, tmp, len);

	if (ret >= 0)
		ret = io(s->fd, true, tmp, len, start);
	if (ret >= 0)
		s->map[cluster / BITS_PER_LONG] |= 1ul << (cluster % BITS_PER_LONG);
	g_free(tmp);
	return ret;
}

static int overlay_pwrite(BlockDriverState *bs, int64_t offset, const void *buf, int64_t bytes)
{
	OverlayState *s = bs->opaque;

	while (bytes > 0) {
		int64_t cluster = offset >> CLUSTER_BITS;
		int64_t n = MIN(bytes, ((cluster + 1) << CLUSTER_BITS) - offset);
		int ret = 0;

		if (!written(s, cluster) && (n < CLUSTER_SIZE || offset & (CLUSTER_SIZE - 1)))
			ret = copy_up(bs, cluster);
		if (ret >= 0)
			ret = io(s->fd, true, (void *)buf, n, offset);
		if (ret < 0)
			return ret;
		s->map[cluster / BITS_PER_LONG] |= 1ul << (cluster % BITS_PER_LONG);
		buf = (const uint8_t *)buf + n;
		offset += n;
		bytes -= n;
	}
	return 0;
}

/* The overlay is thrown away at exit: a guest flush has nothing to make durable. */
static int overlay_flush(BlockDriverState *bs)
{
	return 0;
}

const BlockDriver bdrv_temp_overlay = {
	.name = "temp-overlay",
	.state_size = sizeof(OverlayState),
	.open = overlay_open,
	.close = overlay_close,
	.getlength = overlay_getlength,
	.pread = overlay_pread,
	.pwrite = overlay_pwrite,
	.flush = overlay_flush,
};

int bdrv_commit_overlay(BlockDriverState *bs)
{
	OverlayState *s = bs->opaque;
	int64_t clusters = (s->length + CLUSTER_SIZE - 1) >> CLUSTER_BITS;
	uint8_t *tmp;
	int ret = bdrv_make_writable(bs->file);

	if (ret < 0)
		return ret;
	tmp = g_malloc(CLUSTER_SIZE);
	for (int64_t c = 0; ret >= 0 && c < clusters; c++) {
		int64_t start = c << CLUSTER_BITS, len = MIN(CLUSTER_SIZE, s->length - start);

		if (!written(s, c))
			continue;
		ret = io(s->fd, false, tmp, len, start);
		if (ret >= 0)
			ret = bdrv_pwrite(bs->file, start, tmp, len);
	}
	if (ret >= 0)
		ret = bdrv_flush(bs->file);
	g_free(tmp);
	return ret;
}
