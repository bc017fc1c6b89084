// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The qcow2 format driver: opening an image (header, header extensions, backing file, L1 and
 * refcount tables, snapshot table, every size and offset checked with QEMU's messages), the
 * request entry points that split guest I/O at cluster boundaries, and closing. The header is
 * only ever updated field by field in place, so extensions we do not interpret survive.
 */
#include "qemu/osdep.h"
#include <stdarg.h>
#include <sys/stat.h>
#include "qemu/main-loop.h" /* NANOSECONDS_PER_SECOND */
#include "qcow2.h"

#define HDR_READ 112

int qcow2_write_header_field(BlockDriverState *bs, int offset, const void *be_value, int len)
{
	return bdrv_pwrite(bs->file, offset, be_value, len);
}

int qcow2_mark_corrupt(BlockDriverState *bs, const char *fmt, ...)
{
	Qcow2State *s = bs->opaque;
	g_autofree char *msg = NULL;
	va_list ap;

	va_start(ap, fmt);
	msg = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	if (s->corrupt)
		return -EIO;
	s->corrupt = true;
	if (s->writable) {
		uint64_t be = cpu_to_be64(s->incompat | QCOW2_INCOMPAT_CORRUPT);
		error_report("qcow2: Marking image as corrupt: %s; further corruption events will "
			     "be suppressed",
			     msg);
		/* v2 has no corrupt bit: there the mark lives only as long as this open */
		if (s->version >= 3 &&
		    qcow2_write_header_field(bs, QCOW2_HDR_INCOMPAT, &be, 8) == 0)
			bdrv_flush(bs->file);
		s->incompat |= QCOW2_INCOMPAT_CORRUPT;
	} else {
		error_report("qcow2: Image is corrupt: %s; further non-fatal corruption events "
			     "will be suppressed",
			     msg);
	}
	return -EIO;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

void qcow2_metadata_add(Qcow2State *s, uint64_t offset, int kind)
{
	if (offset)
		g_hash_table_insert(s->metadata, GSIZE_TO_POINTER(offset >> s->cluster_bits),
				    GINT_TO_POINTER(kind));
}

void qcow2_metadata_remove(Qcow2State *s, uint64_t offset)
{
	g_hash_table_remove(s->metadata, GSIZE_TO_POINTER(offset >> s->cluster_bits));
}

void qcow2_metadata_rebuild(Qcow2State *s)
{
	g_hash_table_remove_all(s->metadata);
	for (uint32_t i = 0; i < s->reftable_size; i++)
		qcow2_metadata_add(s, s->reftable[i] & REFT_OFFSET_MASK, QCOW2_META_REFBLOCK);
	for (uint32_t i = 0; i < s->l1_size; i++)
		qcow2_metadata_add(s, s->l1_table[i] & L1E_OFFSET_MASK, QCOW2_META_L2);
}

/* As QEMU's default overlap check: header, L1, refcount table and blocks, snapshot table, L2. */
bool qcow2_overlaps_metadata(BlockDriverState *bs, uint64_t offset, uint64_t len, bool l2_ok)
{
	Qcow2State *s = bs->opaque;

	for (uint64_t c = offset >> s->cluster_bits;
	     len && c <= (offset + len - 1) >> s->cluster_bits; c++) {
		int kind = GPOINTER_TO_INT(g_hash_table_lookup(s->metadata, GSIZE_TO_POINTER(c)));
		if (kind && !(l2_ok && kind == QCOW2_META_L2))
			return true;
	}
	return overlaps(offset, len, 0, s->cluster_size) ||
	       overlaps(offset, len, s->l1_table_offset, (uint64_t)s->l1_size * 8) ||
	       overlaps(offset, len, s->reftable_offset, (uint64_t)s->reftable_size * 8) ||
	       overlaps(offset, len, s->snapshots_offset, s->snapshots_size);
}

/* An offset the header gives for a table: cluster-aligned, and the table ends in range. */
static bool valid_table(Qcow2State *s, uint64_t offset, uint64_t bytes)
{
	return !(offset & (s->cluster_size - 1)) && offset <= INT64_MAX - bytes;
}

typedef struct FeatureName {
	uint8_t type, bit;
	char name[46];
} FeatureName;

/* "Unsupported qcow2 feature(s): ...", named by the image's own feature table when it has one. */
static void report_features(uint64_t unknown, const FeatureName *table, size_t n, Error **errp)
{
	GString *msg = g_string_new(NULL);

	for (int bit = 0; bit < 64; bit++) {
		const char *name = NULL;
		if (!(unknown >> bit & 1))
			continue;
		for (size_t i = 0; i < n; i++)
			if (table[i].type == 0 && table[i].bit == bit)
				name = table[i].name;
		if (msg->len)
			g_string_append(msg, ", ");
		if (name)
			g_string_append_printf(msg, "%.46s", name);
		else
			g_string_append_printf(msg, "Unknown incompatible feature: %" PRIx64,
					       (uint64_t)1 << bit);
	}
	error_setg(errp, "Unsupported qcow2 feature(s): %s", msg->str);
	g_string_free(msg, TRUE);
}

/* The header extensions between the header and end (the backing file name or cluster end). */
static bool read_extensions(BlockDriverState *bs, const uint8_t *cl, uint64_t end,
			    uint64_t *unknown_incompat, Error **errp)
{
	Qcow2State *s = bs->opaque;
	FeatureName *names = NULL;
	size_t n_names = 0;
	uint64_t at = s->header_length;

	while (at + 8 <= end) {
		uint32_t type = ldl_be_p(cl + at), len = ldl_be_p(cl + at + 4);
		const uint8_t *data = cl + at + 8;
		if (type == QCOW2_EXT_END)
			break;
		if (len > end - at - 8) {
			error_setg(errp, "Header extension too large");
			g_free(names);
			return false;
		}
		if (type == QCOW2_EXT_BACKING_FORMAT) {
			if (len > 15) {
				error_setg(errp, "ERROR: ext_backing_format: len=%u too large",
					   len);
				g_free(names);
				return false;
			}
			s->backing_format = g_strndup((const char *)data, len);
		} else if (type == QCOW2_EXT_FEATURE_TABLE) {
			n_names = len / sizeof(FeatureName);
			names = g_memdup2(data, n_names * sizeof(FeatureName));
		}
		at += 8 + QEMU_ALIGN_UP((uint64_t)len, 8);
	}
	if (*unknown_incompat) {
		report_features(*unknown_incompat, names, n_names, errp);
		g_free(names);
		return false;
	}
	g_free(names);
	return true;
}

static bool parse_geometry(Qcow2State *s, const uint8_t *h, Error **errp)
{
	s->version = ldl_be_p(h + 4);
	if (s->version < 2 || s->version > 3) {
		error_setg(errp, "Unsupported qcow2 version %d", s->version);
		return false;
	}
	s->cluster_bits = ldl_be_p(h + 20);
	if (s->cluster_bits < QCOW2_MIN_CLUSTER_BITS || s->cluster_bits > QCOW2_MAX_CLUSTER_BITS) {
		error_setg(errp, "Unsupported cluster size: 2^%d", s->cluster_bits);
		return false;
	}
	s->cluster_size = 1u << s->cluster_bits;
	s->size = ldq_be_p(h + 24);
	if (s->version == 2) {
		s->header_length = QCOW2_HDR_V2_LENGTH;
		s->refcount_order = 4;
		return true;
	}
	s->incompat = ldq_be_p(h + 72);
	s->compat = ldq_be_p(h + 80);
	s->autoclear = ldq_be_p(h + 88);
	s->refcount_order = ldl_be_p(h + 96);
	s->header_length = ldl_be_p(h + 100);
	if (s->header_length < QCOW2_HDR_V3_LENGTH) {
		error_setg(errp, "qcow2 header too short");
		return false;
	}
	if (s->header_length > s->cluster_size) {
		error_setg(errp, "qcow2 header exceeds cluster size");
		return false;
	}
	if ((uint32_t)s->refcount_order > 6) { /* read as 32 unsigned bits */
		error_setg(errp, "Reference count entry width too large; may not exceed 64 bits");
		return false;
	}
	if (s->header_length > QCOW2_HDR_V3_LENGTH)
		s->compression_type = h[104];
	return true;
}

static bool check_features(Qcow2State *s, const uint8_t *h, Error **errp)
{
	bool zstd = s->compression_type == QCOW2_COMPRESSION_ZSTD;

	switch (ldl_be_p(h + 32)) {
	case 0:
		break;
	case 1:
		error_setg(errp, "Use of AES-CBC encrypted qcow2 images is no longer supported in "
				 "system emulators");
		return false;
	default:
		error_setg(errp, "Encrypted qcow2 images are not supported");
		return false;
	}
	if (s->compression_type > QCOW2_COMPRESSION_ZSTD) {
		error_setg(errp, "qcow2: unknown compression type: %u", s->compression_type);
		return false;
	}
	if (zstd != !!(s->incompat & QCOW2_INCOMPAT_COMPRESSION)) {
		error_setg(errp,
			   zstd ? "qcow2: Compression type incompatible feature bit must be set"
				: "qcow2: Compression type incompatible feature bit must not be "
				  "set");
		return false;
	}
	if (s->incompat & QCOW2_INCOMPAT_DATA_FILE) {
		error_setg(errp, "qcow2 images with an external data file are not supported");
		return false;
	}
	s->extl2 = s->incompat & QCOW2_INCOMPAT_EXTL2;
	if (s->extl2 && s->cluster_bits < 14) {
		error_setg(errp, "Extended L2 entries are only supported with cluster sizes of at "
				 "least 16384 bytes");
		return false;
	}
	return true;
}

static void set_derived(Qcow2State *s)
{
	s->l2_bits = s->cluster_bits - 3 - s->extl2;
	s->l2_entries = 1u << s->l2_bits;
	s->subcluster_bits = s->cluster_bits - (s->extl2 ? 5 : 0);
	s->subcluster_size = 1u << s->subcluster_bits;
	s->refblock_bits = s->cluster_bits + 3 - s->refcount_order;
	s->refcount_max =
	    s->refcount_order == 6 ? UINT64_MAX : (1ULL << (1 << s->refcount_order)) - 1;
	s->csize_shift = 62 - (s->cluster_bits - 8);
	s->csize_mask = (1ULL << (s->cluster_bits - 8)) - 1;
	s->coffset_mask = (1ULL << s->csize_shift) - 1;
}

static bool read_l1(BlockDriverState *bs, const uint8_t *h, Error **errp)
{
	Qcow2State *s = bs->opaque;
	uint64_t span = (uint64_t)s->l2_entries << s->cluster_bits;
	uint64_t needed = s->size / span + (s->size % span != 0);
	int ret;

	s->l1_size = ldl_be_p(h + 36);
	s->l1_table_offset = ldq_be_p(h + 40);
	if ((uint64_t)s->l1_size * 8 > QCOW2_MAX_L1_BYTES) {
		error_setg(errp, "Active L1 table too large");
		return false;
	}
	if (needed > INT_MAX) {
		error_setg(errp, "Image is too big");
		return false;
	}
	if (s->l1_size < needed) {
		error_setg(errp, "L1 table is too small");
		return false;
	}
	if (s->l1_size && !valid_table(s, s->l1_table_offset, (uint64_t)s->l1_size * 8)) {
		error_setg(errp, "Invalid L1 table offset");
		return false;
	}
	s->l1_table = g_new0(uint64_t, MAX(s->l1_size, 1));
	ret = bdrv_pread(bs->file, s->l1_table_offset, s->l1_table, (uint64_t)s->l1_size * 8);
	if (ret < 0) {
		error_setg_errno(errp, -ret, "Could not read L1 table");
		return false;
	}
	for (uint32_t i = 0; i < s->l1_size; i++)
		s->l1_table[i] = be64_to_cpu(s->l1_table[i]);
	return true;
}

static bool read_refcounts(BlockDriverState *bs, const uint8_t *h, Error **errp)
{
	Qcow2State *s = bs->opaque;
	uint32_t clusters = ldl_be_p(h + 56);
	int ret;

	s->reftable_offset = ldq_be_p(h + 48);
	if ((uint64_t)clusters * s->cluster_size > QCOW2_MAX_REFTABLE_BYTES) {
		error_setg(errp, "Reference count table too large");
		return false;
	}
	s->reftable_size = (uint64_t)clusters * s->cluster_size / 8;
	if (!clusters) {
		error_setg(errp, "Image does not contain a reference count table");
		return false;
	}
	if (!valid_table(s, s->reftable_offset, (uint64_t)s->reftable_size * 8)) {
		error_setg(errp, "Invalid reference count table offset");
		return false;
	}
	ret = qcow2_refcount_init(bs);
	if (ret < 0) {
		error_setg_errno(errp, -ret, "Could not read refcount table");
		return false;
	}
	return true;
}

static bool read_snapshot_table(BlockDriverState *bs, const uint8_t *h, Error **errp)
{
	Qcow2State *s = bs->opaque;
	uint32_t count = ldl_be_p(h + 60);

	s->snapshots_offset = ldq_be_p(h + 64);
	if (count > QCOW2_MAX_SNAPSHOTS) {
		error_setg(errp, "Too many snapshots");
		return false;
	}
	if (count && !valid_table(s, s->snapshots_offset, 1)) {
		error_setg(errp, "Invalid snapshot table offset");
		return false;
	}
	return qcow2_read_snapshots(bs, count, errp) == 0;
}

static bool open_backing(BlockDriverState *bs, const BlockOpenArgs *args, Error **errp)
{
	Qcow2State *s = bs->opaque;
	g_autofree char *path = NULL;
	Error *err = NULL;

	if (args->backing) {
		bs->backing = args->backing;
		bdrv_ref(bs->backing);
		return true;
	}
	if (args->no_backing || (args->flags & BDRV_O_NO_BACKING) || !s->backing_file)
		return true;
	path = bdrv_path_combine(args->file->filename, s->backing_file);
	bs->backing =
	    bdrv_open_image(path, args->backing_format ? args->backing_format : s->backing_format,
			    args->flags & ~BDRV_O_RDWR, &err);
	if (!bs->backing) {
		error_prepend(&err, "Could not open backing file: ");
		error_propagate(errp, err);
		return false;
	}
	return true;
}

static bool read_backing_name(BlockDriverState *bs, const uint8_t *cl, const uint8_t *h,
			      Error **errp)
{
	Qcow2State *s = bs->opaque;
	uint64_t off = ldq_be_p(h + 8);
	uint32_t len = ldl_be_p(h + 16);

	if (!off)
		return true;
	if (len > QCOW2_MAX_BACKING_NAME) {
		error_setg(errp, "Backing file name too long");
		return false;
	}
	if (off > s->cluster_size || len > s->cluster_size - off) {
		error_setg(errp, "Invalid backing file offset");
		return false;
	}
	s->backing_file = g_strndup((const char *)cl + off, len);
	return true;
}

/*
 * The metadata caches: by default enough L2 tables to map the whole image (up to 32 MiB) and a
 * quarter of that for refcount blocks; l2-cache-size, refcount-cache-size or cache-size (the
 * two together) as QEMU reads them.
 */
static bool size_caches(Qcow2State *s, const BlockOpenArgs *args, Error **errp)
{
	uint64_t span = (uint64_t)s->l2_entries << s->cluster_bits;
	uint64_t cover = (s->size / span + 2) << s->cluster_bits;
	uint64_t l2 = MIN(cover, 32 * 1024 * 1024), ref = 0, interval;

	if (args->cache_size && args->l2_cache_size && args->refcount_cache_size) {
		error_setg(errp, "cache-size, l2-cache-size and refcount-cache-size may not be set "
				 "at the same time");
		return false;
	}
	if (args->cache_size) {
		l2 = args->l2_cache_size ? args->l2_cache_size
		     : args->refcount_cache_size
			 ? args->cache_size - MIN(args->cache_size, args->refcount_cache_size)
			 : MIN(cover, args->cache_size);
		ref = args->cache_size - MIN(args->cache_size, l2);
	} else {
		l2 = args->l2_cache_size ? args->l2_cache_size : l2;
		ref = args->refcount_cache_size;
	}
	l2 = MIN(l2, cover); /* as QEMU: never more than maps the whole image */
	if (!ref)
		ref = l2 / 4;
	ref = MIN(ref, 32 * 1024 * 1024);
	/* QEMU's default on Linux: ten minutes */
	interval = args->has_cache_clean_interval ? args->cache_clean_interval : 600;
	if (interval > UINT_MAX) {
		error_setg(errp, "Cache clean interval too big");
		return false;
	}
	s->clean_interval_ns = interval * NANOSECONDS_PER_SECOND;
	s->l2_cache = qcow2_cache_new(MAX(l2 >> s->cluster_bits, 4), s->cluster_size);
	s->refblock_cache = qcow2_cache_new(MAX(ref >> s->cluster_bits, 4), s->cluster_size);
	return true;
}

/* cache-clean-interval: tables unused for a whole interval give their memory back. */
static void qcow2_periodic(BlockDriverState *bs, int64_t now_ns)
{
	Qcow2State *s = bs->opaque;

	if (!s->clean_interval_ns)
		return;
	if (!s->last_clean_ns) {
		s->last_clean_ns = now_ns;
		return;
	}
	if ((uint64_t)(now_ns - s->last_clean_ns) < s->clean_interval_ns)
		return;
	qcow2_cache_clean_unused(s->l2_cache);
	qcow2_cache_clean_unused(s->refblock_cache);
	s->last_clean_ns = now_ns;
}

/* Read-write from here on: unknown autoclear bits (and bitmaps we do not keep) are cleared. */
static int make_writable(BlockDriverState *bs, Error **errp)
{
	Qcow2State *s = bs->opaque;
	uint64_t be = 0;
	int ret;

	if (s->incompat & QCOW2_INCOMPAT_CORRUPT) {
		error_setg(errp, "qcow2: Image is corrupt; cannot be opened read/write");
		return -EACCES;
	}
	if (s->incompat & QCOW2_INCOMPAT_DIRTY) {
		ret = qcow2_repair_dirty(bs, errp);
		if (ret < 0)
			return ret;
	}
	if (s->version >= 3 && s->autoclear) {
		ret = qcow2_write_header_field(bs, QCOW2_HDR_AUTOCLEAR, &be, 8);
		if (ret < 0) {
			error_setg_errno(errp, -ret, "Could not update qcow2 header");
			return ret;
		}
		s->autoclear = 0;
	}
	s->writable = true;
	return 0;
}

static bool open_image(BlockDriverState *bs, const BlockOpenArgs *args, Error **errp)
{
	Qcow2State *s = bs->opaque;
	uint8_t h[HDR_READ] = { 0 }, *cl;
	uint64_t unknown, end;
	bool ok;
	int ret = bdrv_pread(args->file, 0, h, sizeof(h));

	if (ret < 0) {
		error_setg_errno(errp, -ret, "Could not read qcow2 header");
		return false;
	}
	if (ldl_be_p(h) != QCOW2_MAGIC) {
		error_setg(errp, "Image is not in qcow2 format");
		return false;
	}
	if (!parse_geometry(s, h, errp) || !check_features(s, h, errp))
		return false;
	set_derived(s);
	cl = g_malloc0(s->cluster_size);
	ret = bdrv_pread(args->file, 0, cl, s->cluster_size);
	unknown = s->incompat & ~(uint64_t)QCOW2_INCOMPAT_KNOWN;
	end = ldq_be_p(h + 8) && ldq_be_p(h + 8) < s->cluster_size ? ldq_be_p(h + 8)
								   : s->cluster_size;
	ok = ret == 0 && read_extensions(bs, cl, end, &unknown, errp) &&
	     read_backing_name(bs, cl, h, errp);
	g_free(cl);
	if (ret < 0)
		error_setg_errno(errp, -ret, "Could not read qcow2 header");
	if (!ok || ret < 0)
		return false;
	if (!read_l1(bs, h, errp) || !read_refcounts(bs, h, errp) ||
	    !read_snapshot_table(bs, h, errp))
		return false;
	qcow2_metadata_rebuild(s);
	return true;
}

static void free_state(Qcow2State *s)
{
	g_free(s->l1_table);
	g_free(s->reftable);
	g_free(s->backing_file);
	g_free(s->backing_format);
	g_free(s->cbuf);
	qcow2_free_snapshots(s);
	qcow2_cache_free(s->l2_cache);
	qcow2_cache_free(s->refblock_cache);
	if (s->pending_frees)
		g_array_free(s->pending_frees, TRUE);
	if (s->metadata)
		g_hash_table_destroy(s->metadata);
	memset(s, 0, sizeof(*s));
}

/* lazy-refcounts=on|off, by default as the header's compatible feature says. */
static bool use_lazy_refcounts(Qcow2State *s, const BlockOpenArgs *args, Error **errp)
{
	s->lazy_refcounts = args->has_lazy_refcounts ? args->lazy_refcounts
						     : s->compat & QCOW2_COMPAT_LAZY_REFCOUNTS;
	if (s->lazy_refcounts && s->version < 3) {
		error_setg(errp, "Lazy refcounts require a qcow2 image with at least qemu 1.1 "
				 "compatibility level");
		return false;
	}
	return true;
}

static bool qcow2_open(BlockDriverState *bs, const BlockOpenArgs *args, Error **errp)
{
	Qcow2State *s = bs->opaque;

	s->metadata = g_hash_table_new(NULL, NULL);
	if (!open_image(bs, args, errp)) {
		free_state(s);
		return false;
	}
	if (!size_caches(s, args, errp) || !use_lazy_refcounts(s, args, errp) ||
	    ((args->flags & BDRV_O_RDWR) && make_writable(bs, errp) < 0) ||
	    !open_backing(bs, args, errp)) {
		free_state(s);
		return false;
	}
	return true;
}

static void qcow2_close(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;
	/* a clean close leaves no dirty bit for lazy refcounts to have set */
	int ret = s->writable ? qcow2_mark_clean(bs) : 0;

	if (ret == 0)
		ret = qcow2_flush_metadata(bs);
	if (ret < 0)
		error_report("qcow2: Failed to write metadata of '%s': %s", bs->filename,
			     g_strerror(-ret));
	free_state(s);
}

static int64_t qcow2_getlength(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;

	return s->size;
}

static int check_io(BlockDriverState *bs, int64_t offset, int64_t bytes, bool write)
{
	Qcow2State *s = bs->opaque;

	if (s->corrupt)
		return -EIO;
	if ((uint64_t)offset > s->size || (uint64_t)bytes > s->size - offset)
		return -EIO;
	return write && !s->writable ? -EACCES : 0;
}

static int qcow2_pread(BlockDriverState *bs, int64_t offset, void *buf, int64_t bytes)
{
	int ret = check_io(bs, offset, bytes, false);

	return ret < 0 ? ret : qcow2_read(bs, offset, buf, bytes);
}

static int qcow2_pwrite(BlockDriverState *bs, int64_t offset, const void *buf, int64_t bytes)
{
	int ret = check_io(bs, offset, bytes, true);

	return ret < 0 ? ret : qcow2_write(bs, offset, buf, bytes);
}

int qcow2_flush(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;
	int ret;

	if (!s->writable)
		return 0;
	ret = qcow2_flush_metadata(bs);
	return ret < 0 ? ret : bdrv_flush(bs->file);
}

/* The whole clusters of [offset, offset+bytes); the image's last cluster counts when covered. */
static void whole_clusters(Qcow2State *s, uint64_t offset, uint64_t bytes, uint64_t *start,
			   uint64_t *end)
{
	uint64_t last = offset + bytes;

	*start = QEMU_ALIGN_UP(offset, (uint64_t)s->cluster_size);
	*end = last == s->size ? QEMU_ALIGN_UP(last, (uint64_t)s->cluster_size)
			       : qcow2_cluster_start(s, last);
	if (*end < *start)
		*end = *start;
}

static int write_zero_bytes(BlockDriverState *bs, uint64_t offset, uint64_t bytes)
{
	uint8_t *zero = g_malloc0(MIN(bytes, 1 << 20));
	int ret = 0;

	for (uint64_t done = 0; ret == 0 && done < bytes;) {
		uint64_t n = MIN(bytes - done, 1 << 20);
		ret = qcow2_pwrite(bs, offset + done, zero, n);
		done += n;
	}
	g_free(zero);
	return ret;
}

static int qcow2_pwrite_zeroes(BlockDriverState *bs, int64_t offset, int64_t bytes, bool may_unmap)
{
	Qcow2State *s = bs->opaque;
	uint64_t start, end, stop = offset + bytes;
	int ret = check_io(bs, offset, bytes, true);

	if (ret < 0)
		return ret;
	if (s->version < 3)
		return write_zero_bytes(bs, offset, bytes);
	whole_clusters(s, offset, bytes, &start, &end);
	if (start >= end)
		return write_zero_bytes(bs, offset, bytes);
	ret = write_zero_bytes(bs, offset, start - offset);
	if (ret == 0)
		ret = qcow2_zero_clusters(bs, start, end - start, may_unmap);
	if (ret == 0 && stop > end)
		ret = write_zero_bytes(bs, end, stop - end);
	return ret;
}

static int qcow2_pdiscard(BlockDriverState *bs, int64_t offset, int64_t bytes)
{
	Qcow2State *s = bs->opaque;
	uint64_t start, end;
	int ret = check_io(bs, offset, bytes, true);

	if (ret < 0)
		return ret;
	whole_clusters(s, offset, bytes, &start, &end);
	return start < end ? qcow2_discard_clusters(bs, start, end - start) : 0;
}

static int qcow2_pwrite_compressed(BlockDriverState *bs, int64_t offset, const void *buf)
{
	int ret = check_io(bs, offset, 0, true);

	return ret < 0 ? ret : qcow2_write_compressed(bs, offset, buf);
}

/* As QEMU's qcow2 reports clusters; unallocated reads as zero only without a backing file. */
static int qcow2_block_status(BlockDriverState *bs, int64_t offset, int64_t bytes, int64_t *pnum,
			      int64_t *map, BlockDriverState **file)
{
	Qcow2Extent e;
	int ret = check_io(bs, offset, bytes, false);

	if (ret == 0)
		ret = qcow2_get_extent(bs, offset, bytes, &e);
	if (ret < 0)
		return ret;
	*pnum = e.bytes;
	*file = bs->file;
	*map = e.host;
	ret = e.host_valid ? BDRV_BLOCK_OFFSET_VALID : 0;
	switch (e.kind) {
	case QCOW2_NORMAL:
		return ret | BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED;
	case QCOW2_COMPRESSED:
		return BDRV_BLOCK_DATA | BDRV_BLOCK_ALLOCATED;
	case QCOW2_ZERO:
		return ret | BDRV_BLOCK_ZERO | BDRV_BLOCK_ALLOCATED;
	default:
		return ret | (bs->backing ? 0 : BDRV_BLOCK_ZERO);
	}
}

static int qcow2_reopen_rw(BlockDriverState *bs)
{
	Error *err = NULL;
	int ret = make_writable(bs, &err);

	if (ret < 0)
		error_report_err(err);
	return ret;
}

const BlockDriver bdrv_qcow2 = {
	.name = "qcow2",
	.state_size = sizeof(Qcow2State),
	.open = qcow2_open,
	.close = qcow2_close,
	.getlength = qcow2_getlength,
	.pread = qcow2_pread,
	.pwrite = qcow2_pwrite,
	.flush = qcow2_flush,
	.pdiscard = qcow2_pdiscard,
	.pwrite_zeroes = qcow2_pwrite_zeroes,
	.reopen_rw = qcow2_reopen_rw,
	.create_opts = qcow2_create_opts,
	.create = qcow2_create,
	.get_info = qcow2_get_info,
	.check = qcow2_check,
	.truncate = qcow2_truncate,
	.block_status = qcow2_block_status,
	.measure = qcow2_measure,
	.change_backing = qcow2_change_backing,
	.amend_opts = qcow2_amend_opts,
	.amend = qcow2_amend,
	.make_empty = qcow2_make_empty,
	.snapshot_create = qcow2_snapshot_create,
	.snapshot_goto = qcow2_snapshot_goto,
	.snapshot_delete = qcow2_snapshot_delete,
	.periodic = qcow2_periodic,
	.save_vmstate = qcow2_save_vmstate,
	.load_vmstate = qcow2_load_vmstate,
	.pwrite_compressed = qcow2_pwrite_compressed,
};

static void qcow2_register(void)
{
	bdrv_register(&bdrv_qcow2);
}
block_init(qcow2_register)
