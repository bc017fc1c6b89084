// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The inside of the block layer: a BlockDriverState (a "node") is one driver instance, a format
 * such as raw stacked on a protocol such as file. Each driver is one table of plain function
 * pointers that its own file registers (block_init); the bdrv_* wrappers in
 * block/block-backend.c check every request (read-only, discard policy, zero detection) before
 * calling into a driver, so drivers only do the I/O.
 * Offsets are bytes; calls are synchronous and return 0 or a negative errno.
 */
#ifndef BLOCK_BLOCK_INT_H
#define BLOCK_BLOCK_INT_H

#include "sysemu/block-backend.h"
#include "qemu/option.h"
#include "qom/qvalue.h"

#define BDRV_SECTOR_SIZE 512

/* Node open flags, inherited by a node's children unless they set their own. */
enum {
	BDRV_O_RDWR = 1 << 0,	     /* open for writing */
	BDRV_O_NOCACHE = 1 << 1,     /* cache.direct=on: bypass the host page cache */
	BDRV_O_NO_FLUSH = 1 << 2,    /* cache.no-flush=on: flushes succeed without syncing */
	BDRV_O_UNMAP = 1 << 3,	     /* discard=unmap: pass discards down instead of ignoring */
	BDRV_O_NO_BACKING = 1 << 4,  /* leave the backing file closed (qemu-img info, create) */
	BDRV_O_FORCE_SHARE = 1 << 5, /* read-only, and let others write (qemu-img -U) */
	BDRV_O_NO_LOCK = 1 << 6,     /* locking=off: take no image locks */
	BDRV_O_COPY_ON_READ =
	    1 << 7, /* copy-on-read=on: what is read from the backing file stays */
};

typedef enum {
	DETECT_ZEROES_OFF,
	DETECT_ZEROES_ON,    /* all-zero writes become write-zeroes */
	DETECT_ZEROES_UNMAP, /* ... and may unmap */
} DetectZeroes;

typedef struct BlockDriverState BlockDriverState;

/* Everything an open needs; each driver reads the fields that concern it. */
typedef struct BlockOpenArgs {
	int flags;
	const char *filename;	/* file: the host path */
	BlockDriverState *file; /* raw: the node it reads through */
	uint64_t offset;	/* raw: start of the window in the file */
	uint64_t size;		/* raw: window length when has_size */
	bool has_size;
	bool probed; /* raw: the format was guessed, so block 0 is guarded */
	DetectZeroes detect_zeroes;
	const char *aio; /* file: the aio= engine ("threads" or NULL: the I/O workers) */
	BlockDriverState
	    *backing;	 /* formats with backing files: this node instead of the header's */
	bool no_backing; /* ... or none at all (backing=null) */
	const char *backing_format; /* the header's backing file, opened with this format */
	uint64_t l2_cache_size, refcount_cache_size, cache_size; /* qcow2; 0: default */
	uint64_t cache_clean_interval; /* qcow2: seconds (0: never) when has_cache_clean_interval */
	bool has_cache_clean_interval;
	bool lazy_refcounts, has_lazy_refcounts; /* qcow2: else as the header says */
} BlockOpenArgs;

/* What qemu-img info and check show of a format node (the driver fills what it has). */
typedef struct BlockFormatInfo {
	uint64_t cluster_size; /* 0: the format has none */
	char *backing_file, *backing_format;
	bool dirty;
	QValue specific;  /* QV_DICT: "Format specific information", in QEMU's order */
	QValue snapshots; /* QV_LIST of QEMU's SnapshotInfo dicts, or QV_NONE */
} BlockFormatInfo;

typedef struct BlockCheckResult {
	int corruptions, leaks, check_errors;
	int corruptions_fixed, leaks_fixed;
	uint64_t image_end_offset;
	uint64_t allocated_clusters, total_clusters, fragmented_clusters, compressed_clusters;
} BlockCheckResult;
enum { BDRV_FIX_LEAKS = 1, BDRV_FIX_ERRORS = 2 };

/* One -o option of qemu-img create; the table's order is the "Formatting" line's. */
typedef enum { BLOCK_OPT_STRING, BLOCK_OPT_SIZE, BLOCK_OPT_BOOL, BLOCK_OPT_NUMBER } BlockOptType;
typedef struct BlockCreateOpt {
	const char *name;
	BlockOptType type;
	const char *help;
	const char *def;  /* shown on the "Formatting" line even when not given */
	bool create_only; /* in an amend table: QEMU takes it only when creating an image */
	bool protocol; /* QEMU's file protocol takes it, not the format: listed with a file name */
} BlockCreateOpt;

/* qemu-img amend -p: done of total units of the current step. */
typedef void BlockAmendProgress(void *opaque, uint64_t done, uint64_t total);

/* What savevm records in a snapshot beside the disk (NULL for a disk-only snapshot). */
typedef struct BlockSnapshotVM {
	uint64_t vm_state_size; /* bytes of VM state stored with it */
	uint64_t vm_clock_nsec; /* the guest's virtual clock when it was taken */
	int64_t icount;		/* instructions under -icount, else -1 */
} BlockSnapshotVM;

typedef struct BlockDriver {
	const char *name;
	bool is_protocol;
	/* Requests may run on several I/O workers at once; else the node serialises them. */
	bool thread_safe;
	size_t state_size; /* bytes of bs->opaque, zeroed before open */
	bool (*open)(BlockDriverState *bs, const BlockOpenArgs *args, Error **errp);
	void (*close)(BlockDriverState *bs);
	int64_t (*getlength)(BlockDriverState *bs);
	int (*pread)(BlockDriverState *bs, int64_t offset, void *buf, int64_t bytes);
	int (*pwrite)(BlockDriverState *bs, int64_t offset, const void *buf, int64_t bytes);
	int (*flush)(BlockDriverState *bs);
	/*
	 * Optional, for thread_safe drivers: starts a read or write of an iovec from the main
	 * thread without blocking (a host I/O engine) and returns true, cb then running on the
	 * main thread; false when it cannot, and the request goes to an I/O worker instead.
	 */
	bool (*aio_rw)(BlockDriverState *bs, bool write, int64_t offset, const struct iovec *iov,
		       int niov, BlockCompletionFunc *cb, void *opaque);
	/* Optional; NULL means -ENOTSUP. */
	int (*pdiscard)(BlockDriverState *bs, int64_t offset, int64_t bytes);
	/* Optional; NULL means explicit zero writes. */
	int (*pwrite_zeroes)(BlockDriverState *bs, int64_t offset, int64_t bytes, bool may_unmap);
	/* Optional: from read-only to read-write (committing a -snapshot overlay into it). */
	int (*reopen_rw)(BlockDriverState *bs);
	/* qemu-img: image creation with options from create_opts (NULL-name terminated) */
	const BlockCreateOpt *create_opts;
	bool (*create)(const char *filename, QemuOpts *opts, Error **errp);
	/* qemu-img amend: its options (NULL-name terminated), and changing them in place */
	const BlockCreateOpt *amend_opts;
	bool (*amend)(BlockDriverState *bs, QemuOpts *opts, BlockAmendProgress *progress,
		      void *opaque, Error **errp);
	void (*get_info)(BlockDriverState *bs, BlockFormatInfo *info);
	/* qemu-img check; fix is a mask of BDRV_FIX_*. 0 or a negative errno. */
	int (*check)(BlockDriverState *bs, BlockCheckResult *res, int fix);
	/*
	 * BDRV_BLOCK_* flags of [offset, +*pnum) in this node alone (map, compare, commit), with the host
	 * offset and the node holding the data when BDRV_BLOCK_OFFSET_VALID; NULL: data, mapped
	 * at the same offset in bs->file.
	 */
	int (*block_status)(BlockDriverState *bs, int64_t offset, int64_t bytes, int64_t *pnum,
			    int64_t *map, BlockDriverState **file);
	/* qemu-img resize: the guest-visible size, growing or (already confirmed) shrinking */
	bool (*truncate)(BlockDriverState *bs, int64_t size, Error **errp);
	/*
	 * qemu-img measure: the file size an image of this format with these create options
	 * needs for size guest bytes holding what src holds (NULL: nothing), and fully allocated.
	 */
	bool (*measure)(QemuOpts *opts, uint64_t size, BlockDriverState *src, uint64_t *required,
			uint64_t *fully_allocated, Error **errp);
	/* qemu-img rebase: the backing file named in the header (NULL: none); no data moves */
	bool (*change_backing)(BlockDriverState *bs, const char *name, const char *format,
			       Error **errp);
	/* qemu-img commit: every cluster unallocated again, showing the backing file */
	int (*make_empty)(BlockDriverState *bs);
	/* qemu-img snapshot: internal snapshots, by name (create) or by id or name */
	int (*snapshot_create)(BlockDriverState *bs, const char *name, const BlockSnapshotVM *vm,
			       Error **errp);
	int (*snapshot_goto)(BlockDriverState *bs, const char *id_or_name, Error **errp);
	int (*snapshot_delete)(BlockDriverState *bs, const char *id_or_name, Error **errp);
	/* savevm: the VM state area, past the guest's disk */
	int (*save_vmstate)(BlockDriverState *bs, const void *buf, int64_t pos, int64_t size);
	int (*load_vmstate)(BlockDriverState *bs, void *buf, int64_t pos, int64_t size);
	/* About once a second, under the node's lock, from the emulator's main loop (not qemu-img). */
	void (*periodic)(BlockDriverState *bs, int64_t now_ns);
	/* Protocols: host bytes the open file occupies (qemu-img info's disk size), or -errno. */
	int64_t (*allocated_size)(BlockDriverState *bs);
	/* query-blockstats: the driver's own counters ("driver-specific"), into a dict */
	void (*specific_stats)(BlockDriverState *bs, QValue *out);
	/* qemu-img convert -c: one whole cluster (zero-padded at the end) onto an empty one */
	int (*pwrite_compressed)(BlockDriverState *bs, int64_t offset, const void *buf);
} BlockDriver;

struct BlockDriverState {
	const BlockDriver *drv;
	void *opaque;
	char *node_name; /* user-given, or "#blockNNN" */
	char *filename;	 /* for messages */
	BlockDriverState *file;
	BlockDriverState *backing; /* a format's backing file; the node holds a reference */
	int flags;
	bool read_only;
	DetectZeroes detect_zeroes;
	int refcnt;
	BlockBackend *blk;	    /* the backend this node is the root of, if any */
	bool temp_overlay;	    /* -snapshot's: committed by Ctrl-A s */
	GRecMutex lock;		    /* held around each request unless the driver is thread_safe */
	uint64_t wr_highest_offset; /* query-blockstats: the end of the furthest write */
};

/*
 * QEMU's image locks on an open image file (block/file-lock.c): write or read permission,
 * refusing to share write unless force_share (read-only). False, with QEMU's message, when
 * another opener conflicts.
 */
bool file_lock_image(int fd, const char *filename, bool write, bool force_share, Error **errp);

extern const BlockDriver bdrv_file;
extern const BlockDriver bdrv_host_device;
extern const BlockDriver bdrv_raw;
extern const BlockDriver bdrv_qcow2;
/* -snapshot's overlay over a read-only image (block/temp-overlay.c); not a user format. */
/*
 * -snapshot's overlay (block/temp-overlay.c): an unlinked temporary qcow2 image over base,
 * which stays read-only; the overlay holds a reference of its own to base.
 */
BlockDriverState *bdrv_temp_overlay_new(BlockDriverState *base, int flags,
					DetectZeroes detect_zeroes, Error **errp);
/*
 * Writes what bs itself holds into its backing node (block/commit.c), then, with empty, makes
 * bs show its backing file again: qemu-img commit, and Ctrl-A s for -snapshot drives.
 */
int bdrv_commit(BlockDriverState *bs, bool empty, Error **errp);
/* Makes a read-only node and its children writable; -ENOTSUP where a driver cannot. */
int bdrv_make_writable(BlockDriverState *bs);

/* Each driver's file registers it, from a constructor: block_init(fn) runs fn before main(). */
void bdrv_register(const BlockDriver *drv);
#define block_init(fn)                                                                             \
	static void __attribute__((constructor)) fn##_register_driver(void)                        \
	{                                                                                          \
		fn();                                                                              \
	}
/* What block_status says of a range, as QEMU's flags. */
enum {
	BDRV_BLOCK_DATA = 1 << 0,	  /* reads data */
	BDRV_BLOCK_ZERO = 1 << 1,	  /* reads zeroes */
	BDRV_BLOCK_OFFSET_VALID = 1 << 2, /* *map is where in *file */
	BDRV_BLOCK_ALLOCATED = 1 << 3,	  /* this node decides (else the backing file) */
};

/*
 * Every node's periodic work (block/block-aio.c calls it from a timer); false when no node has
 * any, so the timer stops. bdrv_periodic_wanted, when set (by the emulator, not qemu-img), is
 * called when a node with periodic work opens, to start that timer.
 */
bool bdrv_periodic_all(int64_t now_ns);
extern void (*bdrv_periodic_wanted)(void);

/*
 * A cache mode as -drive cache= and qemu-img -t spell it (none/off, writeback, writethrough,
 * directsync, unsafe): its BDRV_O_NOCACHE and BDRV_O_NO_FLUSH bits into *flags, and whether
 * writes are flushed as they complete; false for an unknown mode.
 */
bool bdrv_parse_cache_mode(const char *mode, int *flags, bool *writethrough);
/* Our drivers by name; NULL for anything else. */
const BlockDriver *bdrv_find_driver(const char *name);
/* True for driver names QEMU has but Quicksilver does not implement yet. */
bool bdrv_is_known_unsupported(const char *name);
/* "-drive format=help". */
void bdrv_format_help(FILE *out);

/*
 * Opens a node and registers it; node_name NULL picks an automatic one. The node takes its
 * own reference to args->file.
 */
BlockDriverState *bdrv_open_node(const BlockDriver *drv, const char *node_name,
				 const BlockOpenArgs *args, Error **errp);
/* QEMU's node-name rules: well-formed, unique, not a backend's name. */
bool bdrv_check_node_name(const char *node_name, Error **errp);
void bdrv_ref(BlockDriverState *bs);
void bdrv_unref(BlockDriverState *bs);
BlockDriverState *bdrv_find_node(const char *node_name);
/* Every node, in creation order. */
void bdrv_foreach_node(void (*fn)(BlockDriverState *bs, void *opaque), void *opaque);
/* A node that is, or whose children are, read-only. */
bool bdrv_chain_read_only(const BlockDriverState *bs);

int64_t bdrv_getlength(BlockDriverState *bs);
int bdrv_pread(BlockDriverState *bs, int64_t offset, void *buf, int64_t bytes);
/* The same, zeroes past the node's end (and everywhere for a NULL node): a backing file's view. */
int bdrv_pread_padded(BlockDriverState *bs, int64_t offset, void *buf, int64_t bytes);
int bdrv_pwrite(BlockDriverState *bs, int64_t offset, const void *buf, int64_t bytes);
/* The driver's aio_rw after the checks bdrv_pread/bdrv_pwrite make; false: use those instead. */
bool bdrv_aio_rw(BlockDriverState *bs, bool write, int64_t offset, const struct iovec *iov,
		 int niov, BlockCompletionFunc *cb, void *opaque);
int bdrv_flush(BlockDriverState *bs);
int bdrv_pdiscard(BlockDriverState *bs, int64_t offset, int64_t bytes);
int bdrv_pwrite_zeroes(BlockDriverState *bs, int64_t offset, int64_t bytes, bool may_unmap);
/* A write to bs ended at end (any thread): what query-blockstats calls wr_highest_offset. */
void bdrv_note_write_end(BlockDriverState *bs, uint64_t end);
/* Rejects negative or overflowing requests (-EINVAL). */
int bdrv_check_request(int64_t offset, int64_t bytes);
/* Allocated in bs itself (1) or not (0, the backing file shows); *pnum bytes alike. */
int bdrv_is_allocated(BlockDriverState *bs, int64_t offset, int64_t bytes, int64_t *pnum);
/* Allocated in bs or any backing file below it (1), or nowhere (0); *pnum bytes alike. */
int bdrv_is_allocated_above(BlockDriverState *bs, int64_t offset, int64_t bytes, int64_t *pnum);
/*
 * BDRV_BLOCK_* of [offset, +*pnum) as the guest sees it, from the first image of the chain
 * that decides it (*depth, the node holding the data in *file at *map when OFFSET_VALID);
 * unallocated all the way down reads as zeroes.
 */
int bdrv_block_status_above(BlockDriverState *bs, int64_t offset, int64_t bytes, int64_t *pnum,
			    int64_t *map, BlockDriverState **file, int *depth);

/*
 * Opens an image file (block/image.c): its protocol node, then the format named, or probed
 * from the header when format is NULL, on top. Used for backing files and by qemu-img.
 */
BlockDriverState *bdrv_open_image(const char *filename, const char *format, int flags,
				  Error **errp);
/* A backing file name relative to the image naming it, as QEMU combines them. */
char *bdrv_path_combine(const char *base, const char *name);
/* The format a header shows: "qcow2", another image format's name, or "raw". */
const char *bdrv_probe_format(const uint8_t *buf, size_t len);

/* QEMU's warning when a writable image was probed as raw (block 0 is then guarded). */
void raw_warn_probed(const char *filename);
/* The name of a non-raw image format whose header this is, or NULL (block/raw-format.c). */
const char *raw_probe_foreign(const uint8_t *buf, size_t len);

/*
 * Backends (block/block-backend.c), made by block/drive.c. root NULL is an empty drive.
 * The new backend is registered under name; it takes over the caller's reference to root.
 */
typedef enum {
	BLK_IF_NONE,
	BLK_IF_VIRTIO,
	BLK_IF_PFLASH,
} BlockInterfaceType;

typedef struct BlockBackendConf {
	BlockInterfaceType type;
	int bus, unit;
	bool legacy;  /* made by -drive (bus/unit/type mean something) */
	bool user_id; /* -drive id= given rather than made up from if= and unit */
	bool read_only;
	bool wce;
	BlockdevOnError on_read_error, on_write_error;
} BlockBackendConf;

BlockBackend *blk_new_named(const char *name, BlockDriverState *root, const BlockBackendConf *conf);
/* A -drive backend of this interface type on that bus and unit, if any. */
BlockBackend *blk_by_legacy_unit(BlockInterfaceType type, int bus, int unit);
/* The -drive whose id= is this (QEMU's "Duplicate ID" check). */
BlockBackend *blk_by_drive_id(const char *id);
/* The backend whose name is exactly this (no node-name lookup). */
BlockBackend *blk_by_backend_name(const char *name);
BlockDriverState *blk_root(BlockBackend *blk);
/* Made for a -blockdev node that a device uses directly (QEMU gives it no name). */
bool blk_is_node_backend(const BlockBackend *blk);
/* Requests of blk submitted to I/O workers and not completed yet (block/block-aio.c). */
void blk_inc_in_flight(BlockBackend *blk);
void blk_dec_in_flight(BlockBackend *blk);
int blk_in_flight(const BlockBackend *blk);
/* Every backend in creation order; fn may not add or remove backends. */
void blk_foreach(void (*fn)(BlockBackend *blk, void *opaque), void *opaque);
/*
 * A read or write of the backend's root through its host I/O engine (aio=io_uring|native),
 * after the backend's checks; false when the request must run on an I/O worker instead.
 */
bool blk_aio_rw_direct(BlockBackend *blk, bool write, int64_t offset, const struct iovec *iov,
		       int niov, BlockCompletionFunc *cb, void *opaque);
/* A write, flushed afterwards when write_through (what blk_aio_pwritev runs on a worker). */
int blk_pwritev_flush(BlockBackend *blk, int64_t offset, const struct iovec *iov, int niov,
		      bool write_through);
int blk_pwrite_zeroes_flush(BlockBackend *blk, int64_t offset, int64_t bytes, bool may_unmap,
			    bool write_through);

#endif
