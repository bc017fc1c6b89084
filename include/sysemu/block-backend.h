// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The block layer as devices see it: a BlockBackend is a named disk (the -drive id= or
 * -blockdev node-name) with byte-addressed reads and writes. Formats (raw now, qcow2 later)
 * and protocols (file) live below it in block/. All calls are synchronous and return 0 or a
 * negative errno; offsets and lengths from guests are checked here as well as by devices.
 */
#ifndef SYSEMU_BLOCK_BACKEND_H
#define SYSEMU_BLOCK_BACKEND_H

typedef struct BlockBackend BlockBackend;

/* -drive if=none,id=X / -blockdev ...,node-name=X; NULL when there is none. */
BlockBackend *blk_by_name(const char *name);
const char *blk_name(const BlockBackend *blk);
/*
 * The next -drive if=virtio, in command-line order, that has not been handed out yet (the
 * board makes a virtio-blk device for each); NULL when all are. A drive a -device already
 * uses is still handed out, so that the board's blk_attach_dev() reports the clash.
 */
BlockBackend *blk_next_if_virtio(void);
bool blk_is_if_virtio(const BlockBackend *blk);
/* The -drive if=pflash,unit=N, if any (the board attaches it to flash bank N). */
BlockBackend *blk_by_pflash_unit(int unit);
/* How many if=pflash units the machine has; other units are refused as QEMU refuses them. */
void drive_set_board_pflash_units(int n);

/* Ctrl-A s: writes every -snapshot overlay into its image (errors reported). */
void blk_commit_all(void);

/* A device takes the backend for itself; a second attach fails ("in use"). */
bool blk_attach_dev(BlockBackend *blk, void *dev, Error **errp);
void blk_detach_dev(BlockBackend *blk, void *dev);

/*
 * The medium goes (flushed, closed, its image locks released): an empty drive remains.
 * The caller drains the backend first.
 */
void blk_eject(BlockBackend *blk);
/* The device attached (blk_attach_dev), or NULL. */
void *blk_get_attached_dev(const BlockBackend *blk);
/* What the attached device wants to hear of: resize_cb when the medium changed size. */
typedef struct BlockDevOps {
	void (*resize_cb)(void *opaque);
} BlockDevOps;
void blk_set_dev_ops(BlockBackend *blk, const BlockDevOps *ops, void *opaque);
/* The medium changed size (block_resize): tells the device. */
void blk_resized(BlockBackend *blk);
/* Requests' statistics (block/accounting.h), for query-blockstats. */
typedef struct BlockAcctStats BlockAcctStats;
BlockAcctStats *blk_get_stats(BlockBackend *blk);
/*
 * The I/O status QEMU keeps for devices that can stop the VM on errors (virtio-blk enables
 * it): "failed" or "nospace" after a request stopped the VM, "ok" again once it runs.
 */
typedef enum { BLOCK_IOSTATUS_OK, BLOCK_IOSTATUS_FAILED, BLOCK_IOSTATUS_NOSPACE } BlockIOStatus;
void blk_iostatus_enable(BlockBackend *blk);
bool blk_iostatus_is_enabled(const BlockBackend *blk);
BlockIOStatus blk_iostatus(const BlockBackend *blk);
void blk_iostatus_set_err(BlockBackend *blk, int error);
void blk_iostatus_reset(BlockBackend *blk);

/* False for an empty drive (-drive if=none without file=); its I/O fails with -ENOMEDIUM. */
bool blk_is_inserted(const BlockBackend *blk);
/* Bytes, rounded up to whole 512-byte sectors as QEMU does. */
int64_t blk_getlength(BlockBackend *blk);
bool blk_is_read_only(const BlockBackend *blk);
/* cache=writeback (the default) reports a volatile write cache that flush empties. */
bool blk_enable_write_cache(const BlockBackend *blk);
/* The guest turns its write cache on or off; off makes every write a flushed one. */
void blk_set_enable_write_cache(BlockBackend *blk, bool wce);
/*
 * Requests beyond the end fail with -EIO, negative or overflowing ones with -EINVAL, writes
 * (and discards, write-zeroes) to a read-only backend with -EACCES.
 */
int blk_pread(BlockBackend *blk, int64_t offset, void *buf, int64_t bytes);
int blk_pwrite(BlockBackend *blk, int64_t offset, const void *buf, int64_t bytes);
int blk_flush(BlockBackend *blk);
/* Scatter-gather (writes: blk_pwritev_flush, block_int.h): the request's length is the vector's. */
int blk_preadv(BlockBackend *blk, int64_t offset, const struct iovec *iov, int niov);
/* Both may be refused with -ENOTSUP; discard is a hint, write-zeroes must zero. */
int blk_pdiscard(BlockBackend *blk, int64_t offset, int64_t bytes);
int blk_pwrite_zeroes(BlockBackend *blk, int64_t offset, int64_t bytes, bool may_unmap);

/* werror= / rerror=: what a device does when a request fails with error (a negative errno). */
typedef enum {
	BLOCKDEV_ON_ERROR_REPORT,
	BLOCKDEV_ON_ERROR_IGNORE,
	BLOCKDEV_ON_ERROR_ENOSPC, /* stop on -ENOSPC, report anything else */
	BLOCKDEV_ON_ERROR_STOP,
} BlockdevOnError;

typedef enum {
	BLOCK_ERROR_ACTION_REPORT, /* fail the request towards the guest */
	BLOCK_ERROR_ACTION_IGNORE, /* complete it as if it had worked */
	BLOCK_ERROR_ACTION_STOP,   /* pause the VM */
} BlockErrorAction;

BlockErrorAction blk_get_error_action(const BlockBackend *blk, bool is_read, int error);
/* Whether some error makes this backend stop the VM (werror=enospc|stop or rerror=stop). */
bool blk_may_stop(const BlockBackend *blk);
/*
 * What a device does after choosing action for a failed request: the BLOCK_IO_ERROR event
 * (for every action, as QEMU), and for STOP a request to pause the VM in the io-error state;
 * the device keeps the request and retries it when the VM runs again.
 */
void blk_error_action(BlockBackend *blk, BlockErrorAction action, bool is_read, int error);

/*
 * Asynchronous requests (block/block-aio.c): the request runs on an I/O worker and
 * cb(opaque, 0 or -errno) runs on the main thread. The vector and the buffers stay the
 * caller's and must live until cb. Flags, write_through: flush before completing (the cache
 * mode as it was when the request was made).
 */
typedef void BlockCompletionFunc(void *opaque, int ret);
void blk_aio_preadv(BlockBackend *blk, int64_t offset, const struct iovec *iov, int niov,
		    BlockCompletionFunc *cb, void *opaque);
void blk_aio_pwritev(BlockBackend *blk, int64_t offset, const struct iovec *iov, int niov,
		     BlockCompletionFunc *cb, void *opaque);
void blk_aio_flush(BlockBackend *blk, BlockCompletionFunc *cb, void *opaque);
void blk_aio_pdiscard(BlockBackend *blk, int64_t offset, int64_t bytes, BlockCompletionFunc *cb,
		      void *opaque);
void blk_aio_pwrite_zeroes(BlockBackend *blk, int64_t offset, int64_t bytes, bool may_unmap,
			   BlockCompletionFunc *cb, void *opaque);
/* Waits for every request of blk (or of all backends) and runs their completions. */
void blk_drain(BlockBackend *blk);
void blk_drain_all(void);

/*
 * Command-line parsing (softmmu/vl.c calls these, with the option as error location); errors
 * in QEMU's texts. "-drive format=help" prints the formats and exits, as QEMU does. An if=virtio
 * drive without file= is an empty drive: the device must refuse it ("Device needs media, but
 * drive is empty"). blockdev_new returns the backend devices get for that node-name.
 */
BlockBackend *drive_new(const char *optstr, Error **errp); /* -drive */
/* -snapshot: snapshot=on is every -drive's default (a -drive may still say off). */
extern bool drive_snapshot_default;
BlockBackend *blockdev_new(const char *optstr, Error **errp); /* -blockdev */
/*
 * Flushes and closes every backend and node (exit path); every BlockBackend pointer is stale
 * afterwards. A failed flush is reported as a warning.
 */
void blk_close_all(void);

#endif
