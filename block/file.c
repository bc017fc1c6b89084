// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The "file" protocol driver, a host regular file accessed with pread/pwrite, and its twin
 * "host_device" for block and character devices (what -drive picks for /dev paths).
 * Transfers loop over short counts and EINTR; reads past the end of the file return zeroes,
 * because the backend above rounds lengths up to whole sectors as QEMU does. flush is
 * fdatasync (skipped for cache.no-flush=on), discard punches a hole, write-zeroes prefers
 * fallocate and falls back to writing zeroes. cache.direct=on opens a second descriptor with
 * O_DIRECT and uses it for every request aligned to the host's direct-I/O granularity,
 * through an aligned bounce buffer when the caller's buffer is not; unaligned requests use
 * the buffered descriptor, which Linux keeps coherent with direct I/O. Requests may run on
 * several I/O workers at once: the only state they change, the length, is updated atomically.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <linux/falloc.h>
#include "block/block_int.h"
#include "block/aio-engine.h"

#define BOUNCE_SIZE	 (1 << 20)
#define MAX_DIRECT_ALIGN 4096

typedef struct FileState {
	int fd;	 /* buffered */
	int dfd; /* O_DIRECT, or -1 */
	int64_t dalign;
	int64_t length;
	bool flush_failed;
	const AioEngine *engine;			       /* aio=io_uring|native, or NULL */
	uint64_t discard_ok, discard_failed, discard_bytes_ok; /* query-blockstats */
} FileState;

/* A read or write through the engine, resumed where a short transfer stopped. */
typedef struct FileAioReq {
	BlockDriverState *bs;
	int fd;
	bool write;
	int64_t offset, left;
	struct iovec *iov_start; /* our copy of the caller's iovec */
	struct iovec *iov;	 /* ... advanced past what is done */
	int niov;
	BlockCompletionFunc *cb;
	void *opaque;
} FileAioReq;

/* Zeroes for the explicit write-zeroes fallback, aligned for O_DIRECT. */
static uint8_t zero_buf[BOUNCE_SIZE] __attribute__((aligned(MAX_DIRECT_ALIGN)));

static int open_fd(const char *filename, int flags, bool direct, Error **errp)
{
	int fd = open(filename, flags | O_CLOEXEC | (direct ? O_DIRECT : 0));

	if (fd < 0)
		error_setg_errno(errp, errno, "Could not open '%s'", filename);
	return fd;
}

/* The smallest size an O_DIRECT read accepts; 4096 when the file is too short to tell. */
static int64_t probe_direct_align(int dfd)
{
	void *buf;
	int64_t align = MAX_DIRECT_ALIGN;

	if (posix_memalign(&buf, MAX_DIRECT_ALIGN, MAX_DIRECT_ALIGN))
		return align;
	for (int64_t a = 512; a < MAX_DIRECT_ALIGN; a *= 2) {
		ssize_t r = pread(dfd, buf, a, 0);
		if (r == a) {
			align = a;
			break;
		}
		if (r >= 0 || errno != EINVAL)
			break;
	}
	free(buf);
	return align;
}

/* The file driver takes regular files; host_device takes block and character devices. */
static bool check_file_type(const BlockDriverState *bs, const char *filename, mode_t mode,
			    Error **errp)
{
	if (bs->drv == &bdrv_file && !S_ISREG(mode)) {
		error_setg(errp, "'file' driver requires '%s' to be a regular file", filename);
		return false;
	}
	if (bs->drv == &bdrv_host_device && !S_ISBLK(mode) && !S_ISCHR(mode)) {
		error_setg(errp,
			   "'host_device' driver requires '%s' to be either a character "
			   "or block device",
			   filename);
		return false;
	}
	return true;
}

static bool file_open(BlockDriverState *bs, const BlockOpenArgs *args, Error **errp)
{
	FileState *s = bs->opaque;
	int flags = (args->flags & BDRV_O_RDWR) ? O_RDWR : O_RDONLY;
	struct stat st;
	Error *err = NULL;

	s->dfd = -1;
	s->fd = open_fd(args->filename, flags, false, errp);
	if (s->fd < 0)
		return false;
	if (!g_strcmp0(args->aio, "native") && !(args->flags & BDRV_O_NOCACHE)) {
		error_setg(errp, "aio=native was specified, but it requires cache.direct=on, which "
				 "was not specified.");
		goto fail;
	}
	if (fstat(s->fd, &st) < 0) {
		error_setg_errno(errp, errno, "Could not stat '%s'", args->filename);
		goto fail;
	}
	if (!check_file_type(bs, args->filename, st.st_mode, errp))
		goto fail;
	/* character devices have no size to seek to */
	s->length = S_ISCHR(st.st_mode) ? 0 : lseek(s->fd, 0, SEEK_END);
	if (s->length < 0) {
		error_setg_errno(errp, errno, "Could not get the size of '%s'", args->filename);
		goto fail;
	}
	if (!S_ISCHR(st.st_mode) && !(args->flags & BDRV_O_NO_LOCK) &&
	    !file_lock_image(s->fd, args->filename, args->flags & BDRV_O_RDWR,
			     args->flags & BDRV_O_FORCE_SHARE, errp))
		goto fail;
	if (args->flags & BDRV_O_NOCACHE) {
		s->dfd = open_fd(args->filename, flags, true, errp);
		if (s->dfd < 0)
			goto fail;
		s->dalign = probe_direct_align(s->dfd);
	}
	s->engine = aio_engine_get(args->aio, &err);
	if (err) {
		error_propagate(errp, err);
		goto fail;
	}
	return true;
fail:
	if (s->dfd >= 0)
		close(s->dfd);
	close(s->fd);
	return false;
}

static void file_close(BlockDriverState *bs)
{
	FileState *s = bs->opaque;

	close(s->fd);
	if (s->dfd >= 0)
		close(s->dfd);
}

static int64_t file_getlength(BlockDriverState *bs)
{
	FileState *s = bs->opaque;

	return __atomic_load_n(&s->length, __ATOMIC_RELAXED);
}

/* Reads until done or EOF; returns the bytes read or -errno. */
static int64_t read_loop(int fd, int64_t offset, uint8_t *buf, int64_t bytes)
{
	int64_t done = 0;

	while (done < bytes) {
		ssize_t r = pread(fd, buf + done, bytes - done, offset + done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			break;
		done += r;
	}
	return done;
}

static int write_loop(int fd, int64_t offset, const uint8_t *buf, int64_t bytes)
{
	int64_t done = 0;

	while (done < bytes) {
		ssize_t r = pwrite(fd, buf + done, bytes - done, offset + done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			return -EIO; /* no progress and no error: give up rather than spin */
		done += r;
	}
	return 0;
}

static bool is_aligned_req(FileState *s, int64_t offset, int64_t bytes)
{
	return s->dfd >= 0 && QEMU_IS_ALIGNED(offset, s->dalign) &&
	       QEMU_IS_ALIGNED(bytes, s->dalign);
}

static bool is_aligned_buf(FileState *s, const void *buf)
{
	return QEMU_IS_ALIGNED((uintptr_t)buf, s->dalign);
}

/* Room for bytes (already aligned), at most BOUNCE_SIZE; requests larger go in chunks. */
static uint8_t *bounce_alloc(int64_t bytes)
{
	void *p;

	if (posix_memalign(&p, MAX_DIRECT_ALIGN, MIN(bytes, BOUNCE_SIZE)))
		return NULL;
	return p;
}

/* Direct read of an aligned request; a short read means EOF and the rest is read buffered. */
static int64_t direct_read(FileState *s, int64_t offset, uint8_t *buf, int64_t bytes)
{
	uint8_t *bounce = NULL;
	int64_t done = 0;

	if (!is_aligned_buf(s, buf) && !(bounce = bounce_alloc(bytes)))
		return -ENOMEM;
	while (done < bytes) {
		int64_t chunk = bounce ? MIN(bytes - done, BOUNCE_SIZE) : bytes - done;
		uint8_t *dst = bounce ? bounce : buf + done;
		ssize_t r = pread(s->dfd, dst, chunk, offset + done);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(bounce);
			return -errno;
		}
		if (bounce)
			memcpy(buf + done, bounce, r);
		done += r;
		if (r < chunk)
			break;
	}
	free(bounce);
	if (done < bytes) {
		int64_t rest = read_loop(s->fd, offset + done, buf + done, bytes - done);
		return rest < 0 ? rest : done + rest;
	}
	return done;
}

static int direct_write(FileState *s, int64_t offset, const uint8_t *buf, int64_t bytes)
{
	uint8_t *bounce;
	int ret = 0;

	if (is_aligned_buf(s, buf))
		return write_loop(s->dfd, offset, buf, bytes);
	bounce = bounce_alloc(bytes);
	if (!bounce)
		return -ENOMEM;
	for (int64_t done = 0; done < bytes && !ret;) {
		int64_t chunk = MIN(bytes - done, BOUNCE_SIZE);
		memcpy(bounce, buf + done, chunk);
		ret = write_loop(s->dfd, offset + done, bounce, chunk);
		done += chunk;
	}
	free(bounce);
	return ret;
}

static int file_pread(BlockDriverState *bs, int64_t offset, void *buf, int64_t bytes)
{
	FileState *s = bs->opaque;
	int64_t got;

	if (is_aligned_req(s, offset, bytes))
		got = direct_read(s, offset, buf, bytes);
	else
		got = read_loop(s->fd, offset, buf, bytes);
	if (got < 0)
		return got;
	memset((uint8_t *)buf + got, 0, bytes - got); /* past EOF reads as zeroes */
	return 0;
}

/* Writers on several workers may extend the file at once: the largest end wins. */
static void grow_length(FileState *s, int64_t end)
{
	int64_t cur = __atomic_load_n(&s->length, __ATOMIC_RELAXED);

	while (end > cur && !__atomic_compare_exchange_n(&s->length, &cur, end, false,
							 __ATOMIC_RELAXED, __ATOMIC_RELAXED))
		;
}

static int file_pwrite(BlockDriverState *bs, int64_t offset, const void *buf, int64_t bytes)
{
	FileState *s = bs->opaque;
	int ret;

	if (is_aligned_req(s, offset, bytes))
		ret = direct_write(s, offset, buf, bytes);
	else
		ret = write_loop(s->fd, offset, buf, bytes);
	if (ret == 0)
		grow_length(s, offset + bytes);
	return ret;
}

static bool iov_aligned(FileState *s, const struct iovec *iov, int niov)
{
	for (int i = 0; i < niov; i++)
		if (!is_aligned_buf(s, iov[i].iov_base) ||
		    !QEMU_IS_ALIGNED(iov[i].iov_len, s->dalign))
			return false;
	return true;
}

static void file_aio_submit(FileAioReq *r);

/* Drops the first n bytes of the request's iovec. */
static void iov_skip(FileAioReq *r, int64_t n)
{
	while (n > 0 && (int64_t)r->iov->iov_len <= n) {
		n -= r->iov->iov_len;
		r->iov++;
		r->niov--;
	}
	if (n > 0) {
		r->iov->iov_base = (uint8_t *)r->iov->iov_base + n;
		r->iov->iov_len -= n;
	}
}

/* A write's end is the new length if it grew the file. */
static void file_aio_finish(FileAioReq *r, int ret)
{
	if (ret == 0 && r->write)
		grow_length(r->bs->opaque, r->offset);
	r->cb(r->opaque, ret);
	g_free(r->iov_start);
	g_free(r);
}

/*
 * A short transfer goes on with the rest on the buffered descriptor (its offsets need not be
 * aligned); a read that reaches the end of the file reads zeroes beyond it, as file_pread does.
 */
static void file_aio_done(void *opaque, int64_t ret)
{
	FileAioReq *r = opaque;

	if (ret < 0 || ret >= r->left) {
		r->offset += ret < 0 ? 0 : r->left;
		file_aio_finish(r, ret < 0 ? ret : 0);
		return;
	}
	if (ret == 0) {
		for (int i = 0; !r->write && i < r->niov; i++)
			memset(r->iov[i].iov_base, 0, r->iov[i].iov_len);
		file_aio_finish(r, r->write ? -EIO : 0); /* a write that makes no progress fails */
		return;
	}
	iov_skip(r, ret);
	r->offset += ret;
	r->left -= ret;
	r->fd = ((FileState *)r->bs->opaque)->fd;
	file_aio_submit(r);
}

static void file_aio_submit(FileAioReq *r)
{
	FileState *s = r->bs->opaque;

	s->engine->submit(r->fd, r->write, r->offset, r->iov, r->niov, file_aio_done, r);
}

/* Aligned requests use the O_DIRECT descriptor; native AIO takes no others, as it would block. */
static bool file_aio_rw(BlockDriverState *bs, bool write, int64_t offset, const struct iovec *iov,
			int niov, BlockCompletionFunc *cb, void *opaque)
{
	FileState *s = bs->opaque;
	int64_t bytes = 0;
	FileAioReq *r;
	int fd = s->fd;

	if (!s->engine)
		return false;
	for (int i = 0; i < niov; i++)
		bytes += iov[i].iov_len;
	if (is_aligned_req(s, offset, bytes) && iov_aligned(s, iov, niov))
		fd = s->dfd;
	else if (s->engine->needs_direct)
		return false;
	r = g_new(FileAioReq, 1);
	*r = (FileAioReq){ .bs = bs,
			   .fd = fd,
			   .write = write,
			   .offset = offset,
			   .left = bytes,
			   .iov = g_memdup2(iov, niov * sizeof(*iov)),
			   .niov = niov,
			   .cb = cb,
			   .opaque = opaque };
	r->iov_start = r->iov;
	file_aio_submit(r);
	return true;
}

static int file_flush(BlockDriverState *bs)
{
	FileState *s = bs->opaque;
	int r;

	if (bs->flags & BDRV_O_NO_FLUSH)
		return 0;
	/* After a failed sync the kernel may have dropped the dirty pages: keep failing. */
	if (__atomic_load_n(&s->flush_failed, __ATOMIC_RELAXED))
		return -EIO;
	do {
		r = fdatasync(s->fd);
	} while (r < 0 && errno == EINTR);
	if (r < 0 && errno != EINVAL) {
		__atomic_store_n(&s->flush_failed, true, __ATOMIC_RELAXED);
		return -errno;
	}
	return 0;
}

static int do_fallocate(FileState *s, int mode, int64_t offset, int64_t bytes)
{
	int r;

	do {
		r = fallocate(s->fd, mode, offset, bytes);
	} while (r < 0 && errno == EINTR);
	if (r == 0)
		return 0;
	if (errno == EOPNOTSUPP || errno == ENOSYS || errno == ENOTTY)
		return -ENOTSUP;
	return -errno;
}

static int file_pdiscard(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
	FileState *s = bs->opaque;
	int ret = do_fallocate(s, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, bytes);

	if (ret == 0) {
		__atomic_add_fetch(&s->discard_ok, 1, __ATOMIC_RELAXED);
		__atomic_add_fetch(&s->discard_bytes_ok, bytes, __ATOMIC_RELAXED);
	} else {
		__atomic_add_fetch(&s->discard_failed, 1, __ATOMIC_RELAXED);
	}
	return ret;
}

/* Of the open file, which a -snapshot overlay has already unlinked. */
static int64_t file_allocated_size(BlockDriverState *bs)
{
	FileState *s = bs->opaque;
	struct stat st;

	return fstat(s->fd, &st) == 0 ? (int64_t)st.st_blocks * 512 : -errno;
}

static void file_specific_stats(BlockDriverState *bs, QValue *out)
{
	FileState *s = bs->opaque;

	*out = qv_dict();
	qv_dict_put(out, "driver", qv_str(bs->drv->name));
	qv_dict_put(out, "discard-nb-ok",
		    qv_uint(__atomic_load_n(&s->discard_ok, __ATOMIC_RELAXED)));
	qv_dict_put(out, "discard-nb-failed",
		    qv_uint(__atomic_load_n(&s->discard_failed, __ATOMIC_RELAXED)));
	qv_dict_put(out, "discard-bytes-ok",
		    qv_uint(__atomic_load_n(&s->discard_bytes_ok, __ATOMIC_RELAXED)));
	qv_order_as_qdict(out);
}

static int write_zero_buffers(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
	for (int64_t done = 0; done < bytes;) {
		int64_t chunk = MIN(bytes - done, BOUNCE_SIZE);
		int ret = file_pwrite(bs, offset + done, zero_buf, chunk);
		if (ret < 0)
			return ret;
		done += chunk;
	}
	return 0;
}

/* A punched hole reads back as zeroes on Linux, so it may stand in when unmapping is allowed. */
static int file_pwrite_zeroes(BlockDriverState *bs, int64_t offset, int64_t bytes, bool may_unmap)
{
	FileState *s = bs->opaque;
	int ret = -ENOTSUP;

	if (may_unmap && offset + bytes <= file_getlength(bs))
		ret = do_fallocate(s, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, bytes);
	if (ret < 0)
		ret = do_fallocate(s, FALLOC_FL_ZERO_RANGE, offset, bytes);
	if (ret == 0) {
		grow_length(s, offset + bytes);
		return 0;
	}
	return write_zero_buffers(bs, offset, bytes);
}

static int file_reopen_rw(BlockDriverState *bs)
{
	FileState *s = bs->opaque;
	int fd = open_fd(bs->filename, O_RDWR, false, NULL), dfd = -1;

	if (fd < 0)
		return -errno;
	if (s->dfd >= 0 && (dfd = open_fd(bs->filename, O_RDWR, true, NULL)) < 0) {
		close(fd);
		return -errno;
	}
	dup2(fd, s->fd); /* the read-only descriptor and its locks go */
	close(fd);
	if (dfd >= 0) {
		dup2(dfd, s->dfd);
		close(dfd);
	}
	if (!(bs->flags & BDRV_O_NO_LOCK)) {
		Error *err = NULL;
		if (!file_lock_image(s->fd, bs->filename, true, false, &err)) {
			error_report_err(err);
			file_lock_image(s->fd, bs->filename, false, false, NULL);
			return -EBUSY;
		}
	}
	return 0;
}

/* Holes read as zeroes: what SEEK_DATA and SEEK_HOLE tell of the host file. */
static int file_block_status(BlockDriverState *bs, int64_t offset, int64_t bytes, int64_t *pnum,
			     int64_t *map, BlockDriverState **file)
{
	FileState *s = bs->opaque;
	off_t data = lseek(s->fd, offset, SEEK_DATA), hole;
	int flags = BDRV_BLOCK_OFFSET_VALID | BDRV_BLOCK_ALLOCATED;

	*map = offset;
	*file = bs;
	*pnum = bytes;
	if (data < 0 && errno != ENXIO)
		return flags | BDRV_BLOCK_DATA; /* no answer: call it data */
	if (data < 0 || data > offset) {
		/* a hole up to the next data, or to the end of the file */
		if (data > offset)
			*pnum = MIN(bytes, data - offset);
		return flags | BDRV_BLOCK_ZERO;
	}
	hole = lseek(s->fd, offset, SEEK_HOLE);
	if (hole > offset)
		*pnum = MIN(bytes, hole - offset);
	return flags | BDRV_BLOCK_DATA;
}

static bool file_truncate(BlockDriverState *bs, int64_t size, Error **errp)
{
	FileState *s = bs->opaque;

	if (ftruncate(s->fd, size) < 0) {
		error_setg_errno(errp, errno, "Failed to resize file");
		return false;
	}
	__atomic_store_n(&s->length, size, __ATOMIC_RELAXED);
	return true;
}

const BlockDriver bdrv_file = {
	.name = "file",
	.is_protocol = true,
	.thread_safe = true,
	.state_size = sizeof(FileState),
	.open = file_open,
	.close = file_close,
	.getlength = file_getlength,
	.pread = file_pread,
	.pwrite = file_pwrite,
	.aio_rw = file_aio_rw,
	.flush = file_flush,
	.pdiscard = file_pdiscard,
	.pwrite_zeroes = file_pwrite_zeroes,
	.specific_stats = file_specific_stats,
	.allocated_size = file_allocated_size,
	.reopen_rw = file_reopen_rw,
	.truncate = file_truncate,
	.block_status = file_block_status,
};

const BlockDriver bdrv_host_device = {
	.name = "host_device",
	.is_protocol = true,
	.thread_safe = true,
	.state_size = sizeof(FileState),
	.open = file_open,
	.close = file_close,
	.getlength = file_getlength,
	.pread = file_pread,
	.pwrite = file_pwrite,
	.aio_rw = file_aio_rw,
	.flush = file_flush,
	.pdiscard = file_pdiscard,
	.pwrite_zeroes = file_pwrite_zeroes,
	.specific_stats = file_specific_stats,
	.allocated_size = file_allocated_size,
	.reopen_rw = file_reopen_rw,
};

static void file_register(void)
{
	bdrv_register(&bdrv_file);
	bdrv_register(&bdrv_host_device);
}
block_init(file_register)
