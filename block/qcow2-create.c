// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Creating qcow2 images (qemu-img create) and growing them, laid out as QEMU 7.2 lays them
 * out: the header with its extensions and backing file name in cluster 0, the refcount table
 * in cluster 1, the first refcount block in cluster 2, the L1 table after them. The image is
 * first written with size 0 and then grown, so growing (qemu-img resize) is the same code.
 * Also what qemu-img info shows of an image.
 */
#include "qemu/osdep.h"
#include <fcntl.h>
#include "qcow2.h"

const BlockCreateOpt qcow2_create_opts[] = {
	{ "cluster_size", BLOCK_OPT_SIZE, "qcow2 cluster size", "65536" },
	{ "extended_l2", BLOCK_OPT_BOOL, "Extended L2 tables", "off" },
	{ "preallocation", BLOCK_OPT_STRING,
	  "Preallocation mode (allowed values: off, metadata, falloc, full)", NULL },
	{ "compression_type", BLOCK_OPT_STRING,
	  "Compression method used for image cluster compression", "zlib" },
	{ "size", BLOCK_OPT_SIZE, "Virtual disk size", NULL },
	{ "compat", BLOCK_OPT_STRING, "Compatibility level (v2 [0.10] or v3 [1.1])", NULL },
	{ "backing_file", BLOCK_OPT_STRING, "File name of a base image", NULL },
	{ "backing_fmt", BLOCK_OPT_STRING, "Image format of the base image", NULL },
	{ "lazy_refcounts", BLOCK_OPT_BOOL, "Postpone refcount updates", "off" },
	{ "refcount_bits", BLOCK_OPT_NUMBER, "Width of a reference count entry in bits", "16" },
	{ NULL },
};

typedef struct CreateParams {
	uint64_t size;
	int cluster_bits;
	int version;
	int refcount_order;
	bool lazy_refcounts, extl2;
	int compression_type;
	const char *backing_file, *backing_fmt;
	int prealloc; /* PREALLOC_* */
} CreateParams;

enum { PREALLOC_OFF, PREALLOC_METADATA, PREALLOC_FALLOC, PREALLOC_FULL };

static bool parse_version(const char *compat, int *version, Error **errp)
{
	if (!compat || !strcmp(compat, "1.1") || !strcmp(compat, "v3")) {
		*version = 3;
	} else if (!strcmp(compat, "0.10") || !strcmp(compat, "v2")) {
		*version = 2;
	} else {
		error_setg(errp, "Parameter 'version' does not accept value '%s'", compat);
		return false;
	}
	return true;
}

static bool parse_compression(const char *name, int *type, Error **errp)
{
	if (!name || !strcmp(name, "zlib")) {
		*type = QCOW2_COMPRESSION_ZLIB;
	} else if (!strcmp(name, "zstd")) {
		*type = QCOW2_COMPRESSION_ZSTD;
	} else {
		error_setg(errp, "Parameter 'compression-type' does not accept value '%s'", name);
		return false;
	}
	return true;
}

static bool check_params(CreateParams *p, const char *prealloc, Error **errp)
{
	static const char *const modes[] = { "off", "metadata", "falloc", "full" };
	const char *v3 = "compatibility level 1.1 and above (use version=v3 or greater)";

	for (p->prealloc = 0; prealloc && p->prealloc < (int)ARRAY_SIZE(modes); p->prealloc++)
		if (!strcmp(prealloc, modes[p->prealloc]))
			break;
	if (p->prealloc == (int)ARRAY_SIZE(modes)) {
		error_setg(errp, "Parameter 'preallocation' does not accept value '%s'", prealloc);
		return false;
	}
	if (p->prealloc && p->backing_file && !p->extl2) {
		error_setg(errp, "Backing file and preallocation can only be used at the same time "
				 "if extended_l2 is on");
		return false;
	}
	if (p->backing_fmt && !p->backing_file) {
		error_setg(errp, "Backing format cannot be used without backing file");
		return false;
	}
	if (p->version < 3 && p->refcount_order != 4) {
		error_setg(errp,
			   "Different refcount widths than 16 bits require compatibility level "
			   "1.1 or above (use version=v3 or greater)");
		return false;
	}
	if (p->version < 3 && p->lazy_refcounts) {
		error_setg(errp, "Lazy refcounts only supported with %s", v3);
		return false;
	}
	if (p->version < 3 && p->compression_type != QCOW2_COMPRESSION_ZLIB) {
		error_setg(errp, "Non-zlib compression type is only supported with %s", v3);
		return false;
	}
	if (p->extl2 && p->cluster_bits < 14) {
		error_setg(errp, "Extended L2 entries are only supported with cluster sizes of at "
				 "least 16384 bytes");
		return false;
	}
	if (p->version < 3 && p->extl2) {
		error_setg(errp, "Extended L2 entries are only supported with %s", v3);
		return false;
	}
	return true;
}

static bool parse_params(QemuOpts *opts, CreateParams *p, Error **errp)
{
	uint64_t cluster, bits;
	Error *err = NULL;

	p->size = QEMU_ALIGN_UP(qemu_opt_get_size(opts, "size", 0, &err), BDRV_SECTOR_SIZE);
	if (!err)
		cluster = qemu_opt_get_size(opts, "cluster_size", 65536, &err);
	if (!err)
		bits = qemu_opt_get_number(opts, "refcount_bits", 16, &err);
	if (!err)
		p->lazy_refcounts = qemu_opt_get_bool(opts, "lazy_refcounts", false, &err);
	if (!err)
		p->extl2 = qemu_opt_get_bool(opts, "extended_l2", false, &err);
	if (err) {
		error_propagate(errp, err);
		return false;
	}
	if (cluster < 512 || cluster > 2 * 1024 * 1024 || (cluster & (cluster - 1))) {
		error_setg(errp, "Cluster size must be a power of two between 512 and 2048k");
		return false;
	}
	if (!bits || bits > 64 || (bits & (bits - 1))) {
		error_setg(errp,
			   "Refcount width must be a power of two and may not exceed 64 bits");
		return false;
	}
	p->cluster_bits = __builtin_ctzll(cluster);
	p->refcount_order = __builtin_ctzll(bits);
	p->backing_file = qemu_opt_get(opts, "backing_file");
	p->backing_fmt = qemu_opt_get(opts, "backing_fmt");
	return parse_version(qemu_opt_get(opts, "compat"), &p->version, errp) &&
	       parse_compression(qemu_opt_get(opts, "compression_type"), &p->compression_type,
				 errp) &&
	       check_params(p, qemu_opt_get(opts, "preallocation"), errp);
}

/* Cluster 0 (header), 1 (refcount table) and 2 (refcount block) of an empty image. */
static uint8_t *initial_clusters(const CreateParams *p, Error **errp)
{
	uint32_t cs = 1u << p->cluster_bits, at;
	uint8_t *img = g_malloc0(3 * (size_t)cs), *hdr = img;
	Qcow2State s = { .refcount_order = p->refcount_order };

	stl_be_p(hdr, QCOW2_MAGIC);
	stl_be_p(hdr + 4, p->version);
	stl_be_p(hdr + 20, p->cluster_bits);
	stq_be_p(hdr + 48, cs); /* refcount table in cluster 1 ... */
	stl_be_p(hdr + 56, 1);
	if (p->version >= 3) {
		stq_be_p(hdr + 72, (p->compression_type ? QCOW2_INCOMPAT_COMPRESSION : 0) |
				       (p->extl2 ? QCOW2_INCOMPAT_EXTL2 : 0));
		stq_be_p(hdr + 80, p->lazy_refcounts ? QCOW2_COMPAT_LAZY_REFCOUNTS : 0);
		stl_be_p(hdr + 96, p->refcount_order);
		stl_be_p(hdr + 100, QCOW2_HDR_V3_WRITTEN);
		hdr[104] = p->compression_type;
	}
	at = p->version >= 3 ? QCOW2_HDR_V3_WRITTEN : QCOW2_HDR_V2_LENGTH;
	if (!qcow2_put_extensions(hdr, cs, &at, p->version, p->cluster_bits, p->backing_fmt) ||
	    (p->backing_file && at + strlen(p->backing_file) > cs)) {
		error_setg(errp, "Header extensions and backing file name do not fit in a cluster");
		g_free(img);
		return NULL;
	}
	if (p->backing_file) {
		stq_be_p(hdr + 8, at);
		stl_be_p(hdr + 16, strlen(p->backing_file));
		memcpy(hdr + at, p->backing_file, strlen(p->backing_file));
	}
	stq_be_p(img + cs, 2ULL * cs); /* ... whose first block is cluster 2 */
	for (int c = 0; c < 3; c++)
		qcow2_refcount_set_entry(&s, img + 2 * cs, c, 1);
	return img;
}

static bool write_initial(const char *filename, const CreateParams *p, Error **errp)
{
	uint32_t cs = 1u << p->cluster_bits;
	uint8_t *img = initial_clusters(p, errp);
	int fd;
	bool ok;

	if (!img)
		return false;
	fd = open(filename, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0) {
		error_setg_errno(errp, errno, "Could not create '%s'", filename);
		g_free(img);
		return false;
	}
	ok = pwrite(fd, img, 3 * (size_t)cs, 0) == 3 * (ssize_t)cs;
	if (!ok)
		error_setg_errno(errp, errno, "Could not write qcow2 header");
	close(fd);
	g_free(img);
	return ok;
}

int qcow2_grow_l1(BlockDriverState *bs, uint64_t need)
{
	Qcow2State *s = bs->opaque;
	uint64_t *table;
	uint8_t hdr[12];
	int64_t new;
	int ret;

	if (need * 8 > QCOW2_MAX_L1_BYTES)
		return -EFBIG;
	if (need > s->l1_size) {
		ret = qcow2_flush_metadata(bs);
		new = ret < 0 ? ret
			      : qcow2_alloc_clusters(bs, QEMU_ALIGN_UP(need * 8, s->cluster_size) /
							     s->cluster_size);
		if (new < 0)
			return new;
		table = g_new0(uint64_t, need);
		for (uint32_t i = 0; i < s->l1_size; i++)
			table[i] = cpu_to_be64(s->l1_table[i]);
		ret = bdrv_pwrite(bs->file, new, table, need * 8);
		g_free(table);
		/* the new table's refcounts and contents are on disk before the header names it */
		if (ret == 0)
			ret = qcow2_flush_metadata(bs);
		if (ret == 0)
			ret = bdrv_flush(bs->file);
		stl_be_p(hdr, need);
		stq_be_p(hdr + 4, new);
		if (ret == 0)
			ret = qcow2_write_header_field(bs, QCOW2_HDR_L1_SIZE, hdr, 12);
		if (ret == 0)
			ret = bdrv_flush(bs->file);
		if (ret < 0)
			return ret;
		if (s->l1_size)
			qcow2_free_clusters(bs, s->l1_table_offset, (uint64_t)s->l1_size * 8);
		s->l1_table = g_renew(uint64_t, s->l1_table, need);
		memset(s->l1_table + s->l1_size, 0, (need - s->l1_size) * 8);
		s->l1_size = need;
		s->l1_table_offset = new;
	}
	return 0;
}

int qcow2_grow(BlockDriverState *bs, uint64_t size)
{
	Qcow2State *s = bs->opaque;
	uint64_t span = (uint64_t)s->l2_entries << s->cluster_bits;
	uint8_t hdr[8];
	int ret = qcow2_grow_l1(bs, size / span + (size % span != 0));

	if (ret < 0)
		return ret;
	stq_be_p(hdr, size);
	ret = qcow2_write_header_field(bs, 24, hdr, 8);
	if (ret == 0)
		s->size = size;
	return ret;
}

bool qcow2_create(const char *filename, QemuOpts *opts, Error **errp)
{
	CreateParams p = { 0 };
	BlockDriverState *bs;
	int ret;

	if (!parse_params(opts, &p, errp) || !write_initial(filename, &p, errp))
		return false;
	bs = bdrv_open_image(filename, "qcow2", BDRV_O_RDWR | BDRV_O_NO_BACKING, errp);
	if (!bs)
		return false;
	/* the backing file stays closed: creating an image must not need it */
	ret = qcow2_grow(bs, p.size);
	if (ret == 0 && p.prealloc)
		ret = qcow2_preallocate(bs, p.prealloc >= PREALLOC_FALLOC,
					p.prealloc == PREALLOC_FULL);
	if (ret == 0)
		ret = bdrv_flush(bs);
	bdrv_unref(bs);
	if (ret < 0)
		error_setg_errno(errp, -ret, "Could not resize image");
	return ret == 0;
}

void qcow2_get_info(BlockDriverState *bs, BlockFormatInfo *info)
{
	Qcow2State *s = bs->opaque;
	QValue *d = &info->specific;

	info->cluster_size = s->cluster_size;
	info->backing_file = g_strdup(s->backing_file);
	info->backing_format = g_strdup(s->backing_format);
	info->dirty = s->incompat & QCOW2_INCOMPAT_DIRTY;
	if (s->nb_snapshots)
		info->snapshots = qcow2_snapshot_list(s);
	/* in QAPI's field order; printers order them as QEMU's QDict does */
	*d = qv_dict();
	qv_dict_put(d, "compat", qv_str(s->version >= 3 ? "1.1" : "0.10"));
	if (s->version >= 3) {
		qv_dict_put(d, "extended-l2", qv_bool(s->extl2));
		qv_dict_put(d, "lazy-refcounts", qv_bool(s->compat & QCOW2_COMPAT_LAZY_REFCOUNTS));
		qv_dict_put(d, "corrupt", qv_bool(s->incompat & QCOW2_INCOMPAT_CORRUPT));
	}
	qv_dict_put(d, "refcount-bits", qv_int(1 << s->refcount_order));
	qv_dict_put(d, "compression-type",
		    qv_str(s->compression_type == QCOW2_COMPRESSION_ZSTD ? "zstd" : "zlib"));
}

/* Drops the references an L2 table's entries hold (the table itself is freed by the caller). */
static int release_table(BlockDriverState *bs, uint64_t l2_offset)
{
	Qcow2State *s = bs->opaque;
	uint64_t *l2;
	int ret = qcow2_cache_get(bs, s->l2_cache, l2_offset, false, (void **)&l2);

	if (ret < 0)
		return ret;
	for (uint32_t j = 0; j < s->l2_entries; j++)
		qcow2_release_entry(bs, qcow2_l2_entry(s, l2, j));
	qcow2_cache_put(s->l2_cache, l2);
	return 0;
}

/* Drops the clusters from size on, and the L2 tables wholly past it. */
static int shrink(BlockDriverState *bs, uint64_t size)
{
	Qcow2State *s = bs->opaque;
	uint64_t span = (uint64_t)s->l2_entries << s->cluster_bits;
	uint64_t from = QEMU_ALIGN_UP(size, (uint64_t)s->cluster_size);
	uint64_t keep = QEMU_ALIGN_UP(size, span) / span;
	int ret = 0;

	if (from < keep * span)
		ret = qcow2_discard_clusters(bs, from, MIN(keep * span, s->size) - from);
	for (uint64_t i = keep; ret == 0 && i < s->l1_size; i++) {
		uint64_t l2 = s->l1_table[i] & L1E_OFFSET_MASK;
		if (!l2)
			continue;
		ret = release_table(bs, l2);
		qcow2_free_clusters(bs, l2, s->cluster_size);
		qcow2_metadata_remove(s, l2);
		s->l1_table[i] = 0;
		qcow2_mark_l1_dirty(s, i);
	}
	return ret;
}

bool qcow2_truncate(BlockDriverState *bs, int64_t size, Error **errp)
{
	Qcow2State *s = bs->opaque;
	uint64_t old = s->size, tail_end = QEMU_ALIGN_UP(old, (uint64_t)s->cluster_size);
	uint64_t be;
	int ret;

	if (size % BDRV_SECTOR_SIZE) {
		error_setg(errp, "The new size must be a multiple of %d", BDRV_SECTOR_SIZE);
		return false;
	}
	if ((uint64_t)size < old) {
		ret = shrink(bs, size);
		if (ret == 0) {
			be = cpu_to_be64(size);
			ret = qcow2_write_header_field(bs, 24, &be, 8);
		}
		if (ret == 0)
			s->size = size;
	} else {
		ret = qcow2_grow(bs, size);
		/* what a shrink left in the last cluster must not come back */
		if (ret == 0 && old < tail_end && old < (uint64_t)size)
			ret =
			    bdrv_pwrite_zeroes(bs, old, MIN(tail_end, (uint64_t)size) - old, false);
	}
	if (ret == 0)
		ret = bdrv_flush(bs);
	if (ret < 0)
		error_setg_errno(errp, -ret, "Could not resize image");
	return ret == 0;
}

int qcow2_make_empty(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;
	uint64_t span = (uint64_t)s->l2_entries << s->cluster_bits;
	int ret = 0;

	/* only tables that exist have entries to clear */
	for (uint32_t i = 0; ret == 0 && i < s->l1_size; i++) {
		uint64_t start = i * span;
		if ((s->l1_table[i] & L1E_OFFSET_MASK) && start < s->size)
			ret = qcow2_unmap_clusters(
			    bs, start,
			    QEMU_ALIGN_UP(MIN(start + span, s->size), (uint64_t)s->cluster_size) -
				start);
	}
	return ret < 0 ? ret : qcow2_flush(bs);
}

/*
 * Refcount blocks and table for n clusters, counting themselves: grow both until they
 * cover everything including their own clusters (a fixed point, reached in a few rounds).
 */
static uint64_t refcount_metadata_clusters(uint64_t n, int cluster_bits, int refcount_order)
{
	uint64_t per_block = 1ULL << (cluster_bits + 3 - refcount_order);
	uint64_t per_table_cluster = 1ULL << (cluster_bits - 3);
	uint64_t blocks = 0, table = 0, prev;

	do {
		prev = blocks + table;
		blocks = (n + blocks + table + per_block - 1) / per_block;
		table = (blocks + per_table_cluster - 1) / per_table_cluster;
	} while (blocks + table != prev);
	return blocks + table;
}

/* Every byte a fully allocated image needs: header, L2 and L1 tables, refcounts, data. */
static uint64_t fully_allocated(uint64_t size, int cluster_bits, int refcount_order, bool extl2)
{
	uint64_t cs = 1ULL << cluster_bits, entry = extl2 ? 16 : 8;
	uint64_t data = QEMU_ALIGN_UP(size, cs);
	uint64_t l2_entries = QEMU_ALIGN_UP(data / cs, cs / entry);
	uint64_t l1_entries = QEMU_ALIGN_UP(l2_entries * entry / cs, cs / 8);
	uint64_t meta = cs + l2_entries * entry + l1_entries * 8;

	meta += refcount_metadata_clusters((meta + data) / cs, cluster_bits, refcount_order) * cs;
	return meta + data;
}

/* The source's data clusters as this cluster size would store them (zero regions need none). */
static int64_t data_bytes(BlockDriverState *src, uint64_t cs)
{
	int64_t len = bdrv_getlength(src), total = 0, pnum, map;
	BlockDriverState *file;
	int depth;

	for (int64_t off = 0; off < len; off += pnum) {
		int ret = bdrv_block_status_above(src, off, len - off, &pnum, &map, &file, &depth);
		if (ret < 0)
			return ret;
		if (!(ret & BDRV_BLOCK_ZERO) && (ret & BDRV_BLOCK_DATA)) {
			/* whole clusters, and the next status starts at a cluster edge */
			pnum = QEMU_ALIGN_UP(off + pnum, cs) - off;
			total += off % cs + pnum;
		}
	}
	return total;
}

bool qcow2_measure(QemuOpts *opts, uint64_t size, BlockDriverState *src, uint64_t *required,
		   uint64_t *fully, Error **errp)
{
	CreateParams p = { 0 };
	int64_t data = 0;

	qemu_opt_set(opts, "size", "0"); /* the size comes from the source or --size */
	if (!parse_params(opts, &p, errp))
		return false;
	if (src && (data = data_bytes(src, 1ULL << p.cluster_bits)) < 0) {
		error_setg_errno(errp, -data, "Unable to get block status");
		return false;
	}
	*fully = fully_allocated(size, p.cluster_bits, p.refcount_order, p.extl2);
	/* preallocated data takes its room in the file; metadata preallocation none more */
	*required = p.prealloc >= PREALLOC_FALLOC
			? *fully
			: *fully - QEMU_ALIGN_UP(size, 1ULL << p.cluster_bits) + data;
	return true;
}
