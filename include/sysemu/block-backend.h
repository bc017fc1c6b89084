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
/* The next -drive if=virtio not yet claimed by a device (the board makes virtio-blk for it). */
BlockBackend *blk_next_if_virtio(void);

/* A device takes the backend for itself; a second attach fails ("in use"). */
bool blk_attach_dev(BlockBackend *blk, void *dev, Error **errp);
void blk_detach_dev(BlockBackend *blk, void *dev);

int64_t blk_getlength(BlockBackend *blk);
bool blk_is_read_only(const BlockBackend *blk);
/* cache=writeback (the default) reports a volatile write cache that flush empties. */
bool blk_enable_write_cache(const BlockBackend *blk);
int blk_pread(BlockBackend *blk, int64_t offset, void *buf, int64_t bytes);
int blk_pwrite(BlockBackend *blk, int64_t offset, const void *buf, int64_t bytes);
int blk_flush(BlockBackend *blk);
/* Both may be refused with -ENOTSUP; discard is a hint, write-zeroes must zero. */
int blk_pdiscard(BlockBackend *blk, int64_t offset, int64_t bytes);
int blk_pwrite_zeroes(BlockBackend *blk, int64_t offset, int64_t bytes, bool may_unmap);

/* Command-line parsing (softmmu/vl.c calls these); errors in QEMU's texts. */
BlockBackend *drive_new(const char *optstr, Error **errp);    /* -drive */
BlockBackend *blockdev_new(const char *optstr, Error **errp); /* -blockdev */
/* Flushes and closes every backend (exit path). */
void blk_close_all(void);

#endif
