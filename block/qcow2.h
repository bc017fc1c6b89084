// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The qcow2 format's on-disk layout (QEMU's docs/interop/qcow2.txt) and the driver's state,
 * shared by the qcow2 files in block/: the header and its extensions (qcow2.c), the metadata
 * table cache (qcow2-cache.c), refcounts and cluster allocation (qcow2-refcount.c), guest
 * offset mapping through L1/L2 (qcow2-cluster.c), compressed clusters (qcow2-compress.c) and
 * the consistency check behind qemu-img check (qcow2-check.c).
 */
#ifndef BLOCK_QCOW2_H
#define BLOCK_QCOW2_H

#include "block/block_int.h"
#include "qemu/bswap.h"

#define be64_to_cpu GUINT64_FROM_BE
#define cpu_to_be64 GUINT64_TO_BE
#define be32_to_cpu GUINT32_FROM_BE
#define cpu_to_be32 GUINT32_TO_BE
#define be16_to_cpu GUINT16_FROM_BE
#define cpu_to_be16 GUINT16_TO_BE

#define QCOW2_MAGIC		 0x514649fbu /* "QFI\xfb" */
#define QCOW2_MIN_CLUSTER_BITS	 9
#define QCOW2_MAX_CLUSTER_BITS	 21
#define QCOW2_MAX_L1_BYTES	 (32 * 1024 * 1024)
#define QCOW2_MAX_REFTABLE_BYTES (8 * 1024 * 1024)
#define QCOW2_MAX_SNAPSHOTS	 65536
#define QCOW2_MAX_BACKING_NAME	 1023

/* Header field offsets, for the in-place updates that leave extensions untouched. */
#define QCOW2_HDR_L1_SIZE	  36
#define QCOW2_HDR_L1_OFFSET	  40
#define QCOW2_HDR_REFTABLE_OFFSET 48
#define QCOW2_HDR_SNAPSHOTS	  60
#define QCOW2_HDR_INCOMPAT	  72
#define QCOW2_HDR_AUTOCLEAR	  88
#define QCOW2_HDR_V2_LENGTH	  72
#define QCOW2_HDR_V3_LENGTH	  104
#define QCOW2_HDR_V3_WRITTEN	  112 /* with the compression type, padded: what QEMU 7.2 writes */

enum {
	QCOW2_INCOMPAT_DIRTY = 1 << 0,
	QCOW2_INCOMPAT_CORRUPT = 1 << 1,
	QCOW2_INCOMPAT_DATA_FILE = 1 << 2,
	QCOW2_INCOMPAT_COMPRESSION = 1 << 3,
	QCOW2_INCOMPAT_EXTL2 = 1 << 4,
	QCOW2_INCOMPAT_KNOWN = 0x1f,
	QCOW2_COMPAT_LAZY_REFCOUNTS = 1 << 0,
	QCOW2_AUTOCLEAR_BITMAPS = 1 << 0,
	QCOW2_AUTOCLEAR_DATA_FILE_RAW = 1 << 1,
};

enum {
	QCOW2_EXT_END = 0,
	QCOW2_EXT_BACKING_FORMAT = 0xe2792aca,
	QCOW2_EXT_FEATURE_TABLE = 0x6803f857,
	QCOW2_EXT_BITMAPS = 0x23852875,
	QCOW2_EXT_CRYPTO = 0x0537be77,
	QCOW2_EXT_DATA_FILE = 0x44415441,
};

enum { QCOW2_COMPRESSION_ZLIB = 0, QCOW2_COMPRESSION_ZSTD = 1 };

#define QCOW_OFLAG_COPIED     (1ULL << 63) /* refcount is exactly 1: writable in place */
#define QCOW_OFLAG_COMPRESSED (1ULL << 62) /* L2 entry describes compressed data */
#define QCOW_OFLAG_ZERO	      1ULL	   /* v3 L2 entry reads as zeroes */
#define L1E_OFFSET_MASK	      0x00fffffffffffe00ULL
#define L2E_OFFSET_MASK	      0x00fffffffffffe00ULL
#define L1E_RESERVED_MASK     0x7f000000000001ffULL
#define L2E_RESERVED_MASK     0x3f000000000001feULL
#define REFT_OFFSET_MASK      0xfffffffffffffe00ULL
#define REFT_RESERVED_MASK    0x1ffULL

/* How one (sub)cluster of the guest's view is backed. */
typedef enum Qcow2Kind {
	QCOW2_UNALLOCATED, /* reads from the backing file, else zeroes */
	QCOW2_ZERO,	   /* reads zeroes */
	QCOW2_NORMAL,	   /* data at host_offset */
	QCOW2_COMPRESSED,  /* the whole cluster, compressed */
} Qcow2Kind;

typedef struct Qcow2Snapshot {
	uint64_t l1_table_offset;
	uint32_t l1_size;
	char *id_str;
	char *name;
	uint32_t date_sec, date_nsec;
	uint64_t vm_clock_nsec;
	uint64_t vm_state_size; /* the 64-bit extra field when present, else the 32-bit one */
	uint64_t disk_size;	/* from extra data; the image size when absent */
	int64_t icount;		/* -1 when absent */
	uint32_t extra_size;
	uint8_t *extra; /* extra_size bytes as read */
} Qcow2Snapshot;

/* A small write-back cache of cluster-sized metadata tables (L2 tables or refcount blocks). */
typedef struct Qcow2Cache Qcow2Cache;

typedef struct Qcow2State {
	/* geometry */
	int cluster_bits;
	uint32_t cluster_size;
	int l2_bits; /* log2 of L2 entries per table */
	uint32_t l2_entries;
	bool extl2; /* 16-byte L2 entries with 32 subclusters each */
	int subcluster_bits;
	uint32_t subcluster_size;
	int refcount_order;
	int refblock_bits; /* log2 of refcount entries per block */
	uint64_t refcount_max;
	int csize_shift;
	uint64_t csize_mask, coffset_mask;

	/* header */
	int version;
	uint32_t header_length;
	uint64_t size; /* guest-visible bytes */
	uint64_t incompat, compat, autoclear;
	int compression_type;
	char *backing_file, *backing_format;

	uint64_t *l1_table; /* host order */
	uint32_t l1_size;
	uint64_t l1_table_offset;

	uint64_t *reftable;	/* host order */
	uint32_t reftable_size; /* entries */
	uint64_t reftable_offset;

	Qcow2Snapshot *snapshots;
	int nb_snapshots;
	uint64_t snapshots_offset;
	uint64_t snapshots_size; /* bytes of the table */

	Qcow2Cache *l2_cache, *refblock_cache;
	uint64_t clean_interval_ns;	   /* cache-clean-interval; 0: never */
	int64_t last_clean_ns;		   /* when the caches were last cleaned (0: not yet) */
	uint64_t free_cluster_index;	   /* allocation searches from here */
	uint64_t free_byte_offset;	   /* where the next compressed cluster may go; 0: none */
	GArray *pending_frees;		   /* uint64_t host offsets, one per reference dropped */
	uint32_t l1_dirty_lo, l1_dirty_hi; /* the L1 entries to write back: [lo, hi) */
	bool writable;
	bool lazy_refcounts;   /* refcounts may reach the disk after the tables: dirty meanwhile */
	bool corrupt;	       /* found inconsistent: all I/O fails from then on */
	uint8_t *cbuf;	       /* the last decompressed cluster, for reads of its parts */
	GHashTable *metadata;  /* host offsets of refcount blocks and active L2 tables */
	uint64_t *repair_refs; /* during repair: references counted per cluster */
	uint64_t repair_n;
	uint64_t cbuf_entry;
	bool in_flush; /* evicting a dirty table now writes just that table */
	bool in_cor;   /* inside a copy-on-read write */
} Qcow2State;

/* qcow2-amend.c */
extern const BlockCreateOpt qcow2_amend_opts[];
bool qcow2_amend(BlockDriverState *bs, QemuOpts *opts, BlockAmendProgress *progress, void *opaque,
		 Error **errp);

/* qcow2-header.c */
/*
 * The extensions QEMU 7.2 writes after a header ending at *at (the backing format, the feature
 * name table) and the end marker; false when they do not fit in the cluster.
 */
bool qcow2_put_extensions(uint8_t *cl, uint32_t cs, uint32_t *at, int version, int cluster_bits,
			  const char *backing_fmt);
/* Rewrites cluster 0 from the state (and flushes); -ENOSPC when it does not fit. */
int qcow2_update_header(BlockDriverState *bs);
bool qcow2_change_backing(BlockDriverState *bs, const char *name, const char *format, Error **errp);

/* qcow2.c */
int qcow2_mark_corrupt(BlockDriverState *bs, const char *fmt, ...) G_GNUC_PRINTF(2, 3);
int qcow2_write_header_field(BlockDriverState *bs, int offset, const void *be_value, int len);
/*
 * Does [offset, offset+len) of the file hold the header, L1 or refcount table, a refcount
 * block, the snapshot table or (unless l2_ok) an active L2 table?
 */
bool qcow2_overlaps_metadata(BlockDriverState *bs, uint64_t offset, uint64_t len, bool l2_ok);
/* The set of refcount blocks and active L2 tables that in-place writes must not touch. */
enum { QCOW2_META_REFBLOCK = 1, QCOW2_META_L2 = 2 };
void qcow2_metadata_add(Qcow2State *s, uint64_t offset, int kind);
void qcow2_metadata_remove(Qcow2State *s, uint64_t offset);
void qcow2_metadata_rebuild(Qcow2State *s);
/* During a repair: does the recount say this cluster is referenced? */
static inline bool qcow2_repair_in_use(const Qcow2State *s, uint64_t cluster)
{
	return s->repair_refs && cluster < s->repair_n && s->repair_refs[cluster];
}

/* During a repair: clusters the repair itself allocated are references too. */
static inline void qcow2_repair_note(Qcow2State *s, uint64_t offset, uint64_t clusters)
{
	for (uint64_t c = offset >> s->cluster_bits; s->repair_refs && clusters--; c++)
		if (c < s->repair_n)
			s->repair_refs[c]++;
}

/* qcow2-cache.c */
Qcow2Cache *qcow2_cache_new(int entries, uint32_t table_size);
void qcow2_cache_free(Qcow2Cache *c);
/* The table at offset, read from the file unless fresh (then zero-filled); pinned until put. */
int qcow2_cache_get(BlockDriverState *bs, Qcow2Cache *c, uint64_t offset, bool fresh, void **table);
void qcow2_cache_put(Qcow2Cache *c, void *table);
void qcow2_cache_mark_dirty(Qcow2Cache *c, void *table);
int qcow2_cache_write(BlockDriverState *bs, Qcow2Cache *c);
bool qcow2_cache_is_dirty(const Qcow2Cache *c);
void qcow2_cache_discard(Qcow2Cache *c, uint64_t offset);
/* Frees the tables unused since the last call; how many. */
int qcow2_cache_clean_unused(Qcow2Cache *c);
/* Tables the cache holds memory for. */
int qcow2_cache_tables(const Qcow2Cache *c);

/* qcow2-refcount.c */
int qcow2_refcount_init(BlockDriverState *bs);
int qcow2_get_refcount(BlockDriverState *bs, uint64_t cluster, uint64_t *refcount);
/* Stores a refcount, creating the refcount block (and growing the table) when needed. */
int qcow2_set_refcount(BlockDriverState *bs, uint64_t cluster, uint64_t v);
/* n contiguous free clusters, each given refcount 1; the host offset or a negative errno. */
int64_t qcow2_alloc_clusters(BlockDriverState *bs, uint64_t n);
/* Adds one reference to each cluster of [offset, offset+len). */
int qcow2_ref_clusters(BlockDriverState *bs, uint64_t offset, uint64_t len);
/* Drops one reference from each cluster of [offset, offset+len) once the tables are on disk. */
void qcow2_free_clusters(BlockDriverState *bs, uint64_t offset, uint64_t len);
/* The crash-safe write-out: refcounts, sync, L2 tables, sync, L1, sync, then the frees. */
int qcow2_flush_metadata(BlockDriverState *bs);
/* Lazy refcounts: the dirty bit on disk before the first metadata write, and off again. */
int qcow2_mark_dirty(BlockDriverState *bs);
int qcow2_mark_clean(BlockDriverState *bs);
int64_t qcow2_refcount_get_entry(Qcow2State *s, const void *block, uint64_t i);
void qcow2_refcount_set_entry(Qcow2State *s, void *block, uint64_t i, uint64_t v);

/* qcow2-cluster.c */
typedef struct Qcow2Extent {
	Qcow2Kind kind;
	uint64_t host;	   /* host offset of the first byte, where host_valid */
	bool host_valid;   /* NORMAL, or a cluster allocated but zero or unallocated here */
	uint64_t bytes;	   /* how many guest bytes from the asked offset are alike */
	uint64_t l2_entry; /* COMPRESSED: the raw entry */
} Qcow2Extent;
int qcow2_get_extent(BlockDriverState *bs, uint64_t offset, uint64_t max_bytes, Qcow2Extent *e);
int qcow2_write_cluster(BlockDriverState *bs, uint64_t offset, const uint8_t *buf, uint64_t bytes);
/* Any range, split at cluster boundaries. */
int qcow2_write(BlockDriverState *bs, uint64_t offset, const uint8_t *buf, uint64_t bytes);
/* Whole clusters only: zero (with zero flags, v3) or drop them. */
int qcow2_zero_clusters(BlockDriverState *bs, uint64_t offset, uint64_t bytes, bool unmap);
int qcow2_discard_clusters(BlockDriverState *bs, uint64_t offset, uint64_t bytes);
/* Whole clusters only: unallocated again, so the backing file shows through. */
int qcow2_unmap_clusters(BlockDriverState *bs, uint64_t offset, uint64_t bytes);
void qcow2_mark_l1_dirty(Qcow2State *s, uint32_t i);
/* Drops the references an L2 entry holds, as it is replaced. */
void qcow2_release_entry(BlockDriverState *bs, uint64_t entry);
/* The pinned L2 table for writing at offset: allocated, or copied when shared. */
int qcow2_l2_for_write(BlockDriverState *bs, uint64_t offset, uint64_t **l2);
void qcow2_set_l2_entry(Qcow2State *s, uint64_t *l2, uint32_t i, uint64_t entry, uint64_t bitmap);
/* Reads the guest's view (used for copy-on-write too). */
int qcow2_read(BlockDriverState *bs, uint64_t offset, uint8_t *buf, uint64_t bytes);

/* qcow2-check.c: what qemu-img check reports */
typedef BlockCheckResult Qcow2CheckResult;
#define QCOW2_FIX_LEAKS	 BDRV_FIX_LEAKS
#define QCOW2_FIX_ERRORS BDRV_FIX_ERRORS
/* Recounts every reference and compares; the per-cluster findings go to stderr as QEMU's. */
int qcow2_check(BlockDriverState *bs, Qcow2CheckResult *res, int fix);
/* Rebuilds the refcounts of an image left dirty (lazy refcounts) and clears the bit. */
int qcow2_repair_dirty(BlockDriverState *bs, Error **errp);

/* qcow2-create.c */
extern const BlockCreateOpt qcow2_create_opts[];
bool qcow2_create(const char *filename, QemuOpts *opts, Error **errp);
void qcow2_get_info(BlockDriverState *bs, BlockFormatInfo *info);
/* Grows the guest-visible size (and the L1 table with it). */
int qcow2_grow(BlockDriverState *bs, uint64_t size);
bool qcow2_truncate(BlockDriverState *bs, int64_t size, Error **errp);

int qcow2_make_empty(BlockDriverState *bs);
bool qcow2_measure(QemuOpts *opts, uint64_t size, BlockDriverState *src, uint64_t *required,
		   uint64_t *fully, Error **errp);
int qcow2_flush(BlockDriverState *bs);

/* qcow2-snapshot.c */
int qcow2_read_snapshots(BlockDriverState *bs, uint32_t count, Error **errp);
/* Writes the snapshot table to new clusters, points the header at it, frees the old one. */
int qcow2_write_snapshot_table(BlockDriverState *bs);
void qcow2_free_snapshots(Qcow2State *s);
/* qemu-img snapshot -c, -a, -d: 0 or a negative errno with QEMU's message in errp. */
int qcow2_snapshot_create(BlockDriverState *bs, const char *name, const BlockSnapshotVM *vm,
			  Error **errp);
/* The VM state area: from the first L1 entry past the disk on, as QEMU places it. */
int qcow2_save_vmstate(BlockDriverState *bs, const void *buf, int64_t pos, int64_t size);
int qcow2_load_vmstate(BlockDriverState *bs, void *buf, int64_t pos, int64_t size);
int qcow2_discard_vmstate(BlockDriverState *bs, uint64_t size);
/* An L1 table of at least entries entries (the disk size stays). */
int qcow2_grow_l1(BlockDriverState *bs, uint64_t entries);
/* A host cluster for every guest cluster; file_zeroes: zeroes in the file (full: written). */
int qcow2_preallocate(BlockDriverState *bs, bool file_zeroes, bool full);
int qcow2_snapshot_goto(BlockDriverState *bs, const char *id_or_name, Error **errp);
int qcow2_snapshot_delete(BlockDriverState *bs, const char *id_or_name, Error **errp);
/* The snapshots as qemu-img info lists them. */
QValue qcow2_snapshot_list(Qcow2State *s);

/* qcow2-compress.c */
int qcow2_decompress_cluster(BlockDriverState *bs, uint64_t l2_entry, uint8_t *out);
/* Compresses a cluster; the compressed length, or 0 when it does not get smaller. */
size_t qcow2_compress(int type, const uint8_t *in, size_t len, uint8_t *out, size_t out_len);
/* One whole cluster, compressed where that saves space, onto an unallocated cluster. */
int qcow2_write_compressed(BlockDriverState *bs, uint64_t offset, const uint8_t *buf);

static inline uint64_t qcow2_l2_entry(Qcow2State *s, const uint64_t *l2, uint32_t i)
{
	return be64_to_cpu(l2[i << s->extl2]);
}

static inline uint64_t qcow2_l2_bitmap(Qcow2State *s, const uint64_t *l2, uint32_t i)
{
	return s->extl2 ? be64_to_cpu(l2[(i << 1) + 1]) : 0;
}

static inline uint64_t qcow2_cluster_start(Qcow2State *s, uint64_t offset)
{
	return offset & ~((uint64_t)s->cluster_size - 1);
}

#endif
