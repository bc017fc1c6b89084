// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qcow2 reference counts and cluster allocation. Every host cluster has a refcount of
 * 2^refcount_order bits in a refcount block, found through the refcount table. The write-back
 * order is what keeps a crashed image consistent: a cluster's new refcount reaches the disk
 * before any table pointing at it, and a dropped reference is only subtracted after the table
 * that dropped it is on disk, so a crash at any moment leaves at worst leaked clusters.
 * A missing refcount block is placed at the start of the range it describes (all of which is
 * free, by definition) and counts itself; a full refcount table moves to a fresh area at the
 * end of the covered space together with the refcount blocks that describe it.
 */
#include "qemu/osdep.h"
#include "qcow2.h"

int64_t qcow2_refcount_get_entry(Qcow2State *s, const void *block, uint64_t i)
{
	const uint8_t *b = block;

	switch (s->refcount_order) {
	case 0:
	case 1:
	case 2: {
		int per_byte = 8 >> s->refcount_order, bits = 1 << s->refcount_order;
		return (b[i / per_byte] >> (i % per_byte * bits)) & ((1 << bits) - 1);
	}
	case 3:
		return b[i];
	case 4:
		return be16_to_cpu(((const uint16_t *)block)[i]);
	case 5:
		return be32_to_cpu(((const uint32_t *)block)[i]);
	default:
		return be64_to_cpu(((const uint64_t *)block)[i]);
	}
}

void qcow2_refcount_set_entry(Qcow2State *s, void *block, uint64_t i, uint64_t v)
{
	uint8_t *b = block;

	switch (s->refcount_order) {
	case 0:
	case 1:
	case 2: {
		int per_byte = 8 >> s->refcount_order, bits = 1 << s->refcount_order;
		int shift = i % per_byte * bits;
		uint8_t mask = ((1 << bits) - 1) << shift;
		b[i / per_byte] = (b[i / per_byte] & ~mask) | ((v << shift) & mask);
		break;
	}
	case 3:
		b[i] = v;
		break;
	case 4:
		((uint16_t *)block)[i] = cpu_to_be16(v);
		break;
	case 5:
		((uint32_t *)block)[i] = cpu_to_be32(v);
		break;
	default:
		((uint64_t *)block)[i] = cpu_to_be64(v);
		break;
	}
}

int qcow2_refcount_init(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;
	uint64_t bytes = (uint64_t)s->reftable_size * 8;
	int ret;

	s->reftable = g_try_malloc(bytes ? bytes : 1);
	if (!s->reftable)
		return -ENOMEM;
	ret = bdrv_pread(bs->file, s->reftable_offset, s->reftable, bytes);
	if (ret < 0)
		return ret;
	for (uint32_t i = 0; i < s->reftable_size; i++) {
		s->reftable[i] = be64_to_cpu(s->reftable[i]);
		if (s->reftable[i] & REFT_RESERVED_MASK)
			return -EINVAL;
	}
	s->pending_frees = g_array_new(FALSE, FALSE, sizeof(uint64_t));
	return 0;
}

static uint64_t refblock_offset(Qcow2State *s, uint64_t cluster)
{
	uint64_t idx = cluster >> s->refblock_bits;

	return idx < s->reftable_size ? s->reftable[idx] & REFT_OFFSET_MASK : 0;
}

int qcow2_get_refcount(BlockDriverState *bs, uint64_t cluster, uint64_t *refcount)
{
	Qcow2State *s = bs->opaque;
	uint64_t off = refblock_offset(s, cluster);
	void *block;
	int ret;

	*refcount = 0;
	if (!off)
		return 0;
	ret = qcow2_cache_get(bs, s->refblock_cache, off, false, &block);
	if (ret < 0)
		return ret;
	*refcount = qcow2_refcount_get_entry(s, block, cluster & ((1ULL << s->refblock_bits) - 1));
	qcow2_cache_put(s->refblock_cache, block);
	return 0;
}

static int write_reftable(BlockDriverState *bs, uint64_t at, const uint64_t *table, uint64_t n)
{
	uint64_t *be = g_new(uint64_t, n);
	int ret;

	for (uint64_t i = 0; i < n; i++)
		be[i] = cpu_to_be64(table[i]);
	ret = bdrv_pwrite(bs->file, at, be, n * 8);
	g_free(be);
	return ret;
}

/*
 * A new refcount table of the entries so far plus k new refcount blocks; blocks and table
 * sit at the first cluster range no block describes yet, the blocks counting themselves
 * and the table. The header switches to it in one write, after everything is on disk.
 */
static int grow_reftable(BlockDriverState *bs, uint64_t need_idx)
{
	Qcow2State *s = bs->opaque;
	uint64_t per_cluster = s->cluster_size / 8, per_block = 1ULL << s->refblock_bits;
	uint64_t first = s->reftable_size, base = first << s->refblock_bits;
	uint64_t k = 1, new_size, t, *table;
	uint8_t *blocks, hdr[12];
	uint64_t be64;
	uint32_t be32;
	int ret;

	for (;;) {
		new_size = MAX(MAX(need_idx + 1, first + k) + per_cluster, 2ULL * first);
		new_size = QEMU_ALIGN_UP(new_size, per_cluster);
		t = new_size / per_cluster;
		if (k * per_block >= k + t)
			break;
		k++;
	}
	if (!base || new_size * 8 > QCOW2_MAX_REFTABLE_BYTES ||
	    ((base + k + t) << s->cluster_bits) > L2E_OFFSET_MASK)
		return -EFBIG;
	blocks = g_malloc0(k * s->cluster_size);
	for (uint64_t c = 0; c < k + t; c++)
		qcow2_refcount_set_entry(s, blocks, c, 1); /* block j's range follows block j-1's */
	table = g_new0(uint64_t, new_size);
	memcpy(table, s->reftable, s->reftable_size * 8);
	for (uint64_t j = 0; j < k; j++) {
		table[first + j] = (base + j) << s->cluster_bits;
		qcow2_metadata_add(s, table[first + j], QCOW2_META_REFBLOCK);
	}
	ret = bdrv_pwrite(bs->file, base << s->cluster_bits, blocks, k * s->cluster_size);
	if (ret == 0)
		ret = write_reftable(bs, (base + k) << s->cluster_bits, table, new_size);
	g_free(blocks);
	if (ret == 0)
		ret = bdrv_flush(bs->file);
	if (ret < 0) {
		g_free(table);
		return ret;
	}
	be64 = cpu_to_be64((base + k) << s->cluster_bits);
	be32 = cpu_to_be32(t);
	memcpy(hdr, &be64, 8);
	memcpy(hdr + 8, &be32, 4);
	ret = qcow2_write_header_field(bs, QCOW2_HDR_REFTABLE_OFFSET, hdr, sizeof(hdr));
	if (ret == 0)
		ret = bdrv_flush(bs->file);
	if (ret < 0) {
		g_free(table);
		return ret;
	}
	qcow2_free_clusters(bs, s->reftable_offset,
			    QEMU_ALIGN_UP((uint64_t)s->reftable_size * 8, s->cluster_size));
	qcow2_repair_note(s, base << s->cluster_bits, k + t);
	g_free(s->reftable);
	s->reftable = table;
	s->reftable_size = new_size;
	s->reftable_offset = (base + k) << s->cluster_bits;
	return 0;
}

/* The first free cluster in a range that already has a refcount block; 0 when none is. */
static int64_t free_covered_cluster(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;
	uint64_t end = (uint64_t)s->reftable_size << s->refblock_bits;

	for (uint64_t c = s->free_cluster_index; c < end;) {
		uint64_t rc;
		int ret;
		if (!refblock_offset(s, c)) {
			c = ((c >> s->refblock_bits) + 1) << s->refblock_bits;
			continue;
		}
		ret = qcow2_get_refcount(bs, c, &rc);
		if (ret < 0)
			return ret;
		if (!rc && !qcow2_repair_in_use(s, c))
			return c;
		c++;
	}
	return 0;
}

/*
 * A refcount block for range idx, on disk and counted before the table points at it. It goes
 * to the first free cluster whose own refcount block exists, so that block counts it; only
 * when there is none does it go to the first cluster of its own range and count itself.
 */
static int alloc_refblock(BlockDriverState *bs, uint64_t idx)
{
	Qcow2State *s = bs->opaque;
	int64_t c;
	uint64_t off, be;
	void *block;
	int ret;

	if (idx >= s->reftable_size) {
		ret = grow_reftable(bs, idx);
		if (ret < 0 || s->reftable[idx])
			return ret;
	}
	c = free_covered_cluster(bs);
	if (c < 0)
		return c;
	off = c ? (uint64_t)c << s->cluster_bits : idx << (s->refblock_bits + s->cluster_bits);
	if (idx == 0 || off > L2E_OFFSET_MASK)
		return qcow2_mark_corrupt(bs, "Refcount block 0 is missing");
	ret = qcow2_cache_get(bs, s->refblock_cache, off, true, &block);
	if (ret < 0)
		return ret;
	if (!c)
		qcow2_refcount_set_entry(s, block, 0, 1);
	ret = bdrv_pwrite(bs->file, off, block, s->cluster_size);
	qcow2_cache_put(s->refblock_cache, block);
	if (ret == 0 && c)
		ret = qcow2_set_refcount(bs, c, 1);
	if (ret == 0)
		ret = qcow2_cache_write(bs, s->refblock_cache);
	if (ret == 0)
		ret = bdrv_flush(bs->file);
	if (ret < 0)
		return ret;
	be = cpu_to_be64(off);
	ret = bdrv_pwrite(bs->file, s->reftable_offset + idx * 8, &be, 8);
	if (ret == 0) {
		s->reftable[idx] = off;
		qcow2_metadata_add(s, off, QCOW2_META_REFBLOCK);
		qcow2_repair_note(s, off, 1);
	}
	return ret;
}

int qcow2_set_refcount(BlockDriverState *bs, uint64_t cluster, uint64_t v)
{
	Qcow2State *s = bs->opaque;
	uint64_t off = refblock_offset(s, cluster);
	void *block;
	int ret;

	if (!off) {
		ret = alloc_refblock(bs, cluster >> s->refblock_bits);
		if (ret < 0)
			return ret;
		off = refblock_offset(s, cluster);
	}
	ret = qcow2_cache_get(bs, s->refblock_cache, off, false, &block);
	if (ret < 0)
		return ret;
	qcow2_refcount_set_entry(s, block, cluster & ((1ULL << s->refblock_bits) - 1), v);
	qcow2_cache_mark_dirty(s->refblock_cache, block);
	qcow2_cache_put(s->refblock_cache, block);
	return 0;
}

/* Gives every cluster of the run a refcount block; true when the run is still all free. */
static int prepare_refblocks(BlockDriverState *bs, uint64_t start, uint64_t n, bool *still_free)
{
	Qcow2State *s = bs->opaque;
	bool added = false;
	int ret;

	*still_free = true;
	for (uint64_t c = start; c < start + n; c++) {
		if (refblock_offset(s, c))
			continue;
		ret = alloc_refblock(bs, c >> s->refblock_bits);
		if (ret < 0)
			return ret;
		added = true;
	}
	/* a new block (or a grown table) may have landed inside the run */
	for (uint64_t c = start; added && c < start + n; c++) {
		uint64_t rc;
		ret = qcow2_get_refcount(bs, c, &rc);
		if (ret < 0)
			return ret;
		if (rc) {
			*still_free = false;
			break;
		}
	}
	return 0;
}

int64_t qcow2_alloc_clusters(BlockDriverState *bs, uint64_t n)
{
	Qcow2State *s = bs->opaque;
	int64_t file_len = bdrv_getlength(bs->file);
	uint64_t limit = L2E_OFFSET_MASK >> s->cluster_bits;
	int ret;

	/* far past the end of the file everything is free, unless refcounts lie */
	if (file_len >= 0)
		limit = MIN(limit, ((uint64_t)file_len >> s->cluster_bits) + (1ULL << 22) + n);

	for (;;) {
		uint64_t start = s->free_cluster_index, run = 0;
		bool still_free;

		while (run < n) {
			uint64_t rc;
			if (start + run >= limit)
				return qcow2_mark_corrupt(bs,
							  "Refcounts claim clusters far past the "
							  "end of the image");
			ret = qcow2_get_refcount(bs, start + run, &rc);
			if (ret < 0)
				return ret;
			if (rc || qcow2_repair_in_use(s, start + run)) {
				start += run + 1;
				run = 0;
			} else {
				run++;
			}
		}
		ret = prepare_refblocks(bs, start, n, &still_free);
		if (ret < 0)
			return ret;
		if (!still_free)
			continue;
		if (qcow2_overlaps_metadata(bs, start << s->cluster_bits, n << s->cluster_bits,
					    false))
			return qcow2_mark_corrupt(bs,
						  "Preventing invalid allocation of %" PRIu64
						  " clusters at offset %#" PRIx64,
						  n, start << s->cluster_bits);
		for (uint64_t c = start; c < start + n; c++) {
			ret = qcow2_set_refcount(bs, c, 1);
			if (ret < 0)
				return ret;
		}
		if (n == 1 || start == s->free_cluster_index)
			s->free_cluster_index = start + n;
		return (int64_t)(start << s->cluster_bits);
	}
}

int qcow2_ref_clusters(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
	Qcow2State *s = bs->opaque;
	uint64_t first = offset >> s->cluster_bits;
	uint64_t last = (offset + len - 1) >> s->cluster_bits;

	for (uint64_t c = first; len && c <= last; c++) {
		uint64_t rc;
		int ret = qcow2_get_refcount(bs, c, &rc);
		if (ret < 0)
			return ret;
		if (rc == 0 || rc >= s->refcount_max)
			return rc ? -ERANGE
				  : qcow2_mark_corrupt(bs, "Referencing free cluster %#" PRIx64,
						       c << s->cluster_bits);
		ret = qcow2_set_refcount(bs, c, rc + 1);
		if (ret < 0)
			return ret;
	}
	return 0;
}

void qcow2_free_clusters(BlockDriverState *bs, uint64_t offset, uint64_t len)
{
	Qcow2State *s = bs->opaque;
	uint64_t first = offset >> s->cluster_bits;
	uint64_t last = (offset + len - 1) >> s->cluster_bits;

	for (uint64_t c = first; len && c <= last; c++) {
		uint64_t off = c << s->cluster_bits;
		g_array_append_val(s->pending_frees, off);
	}
}

static int apply_frees(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;
	int ret = 0;

	for (guint i = 0; i < s->pending_frees->len && ret == 0; i++) {
		uint64_t off = g_array_index(s->pending_frees, uint64_t, i);
		uint64_t c = off >> s->cluster_bits, rc;
		ret = qcow2_get_refcount(bs, c, &rc);
		if (ret < 0)
			break;
		if (rc == 0) {
			ret = qcow2_mark_corrupt(bs, "Freeing free cluster %#" PRIx64, off);
			break;
		}
		ret = qcow2_set_refcount(bs, c, rc - 1);
		if (ret == 0 && rc == 1) {
			s->free_cluster_index = MIN(s->free_cluster_index, c);
			qcow2_cache_discard(s->l2_cache, off);
			qcow2_cache_discard(s->refblock_cache, off);
			/* packing more compressed data there would reference a free cluster */
			if (s->free_byte_offset >> s->cluster_bits == c)
				s->free_byte_offset = 0;
		}
		s->cbuf_entry = 0; /* the cluster may come back with other data */
	}
	g_array_set_size(s->pending_frees, 0);
	return ret < 0 ? ret : qcow2_cache_write(bs, s->refblock_cache);
}

static int write_l1_range(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;
	uint32_t lo = s->l1_dirty_lo, hi = s->l1_dirty_hi;
	uint64_t *be = g_new(uint64_t, hi - lo);
	int ret;

	for (uint32_t i = lo; i < hi; i++)
		be[i - lo] = cpu_to_be64(s->l1_table[i]);
	ret = bdrv_pwrite(bs->file, s->l1_table_offset + lo * 8ULL, be, (hi - lo) * 8ULL);
	g_free(be);
	if (ret == 0)
		s->l1_dirty_lo = s->l1_dirty_hi = 0;
	return ret;
}

static int write_incompat(BlockDriverState *bs, uint64_t incompat)
{
	Qcow2State *s = bs->opaque;
	uint64_t be = cpu_to_be64(incompat);
	int ret = qcow2_write_header_field(bs, QCOW2_HDR_INCOMPAT, &be, 8);

	if (ret == 0)
		ret = bdrv_flush(bs->file);
	if (ret == 0)
		s->incompat = incompat;
	return ret;
}

int qcow2_mark_dirty(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;

	if ((s->incompat & QCOW2_INCOMPAT_DIRTY) || s->version < 3)
		return 0; /* v2 has no such bit (and no lazy refcounts) */
	return write_incompat(bs, s->incompat | QCOW2_INCOMPAT_DIRTY);
}

/* Everything on disk first: then the refcounts are right again. */
int qcow2_mark_clean(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;
	int ret;

	if (!(s->incompat & QCOW2_INCOMPAT_DIRTY))
		return 0;
	ret = qcow2_flush_metadata(bs);
	if (ret == 0)
		ret = bdrv_flush(bs->file);
	return ret < 0 ? ret : write_incompat(bs, s->incompat & ~(uint64_t)QCOW2_INCOMPAT_DIRTY);
}

/*
 * Refcount blocks, then (after a sync, unless lazy refcounts make the image dirty instead)
 * the L2 tables, then the L1 table, then the frees the tables no longer need.
 */
static int do_flush_metadata(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;
	bool synced = true;
	int ret;

	if (s->lazy_refcounts &&
	    (qcow2_cache_is_dirty(s->refblock_cache) || qcow2_cache_is_dirty(s->l2_cache) ||
	     s->l1_dirty_hi > s->l1_dirty_lo)) {
		ret = qcow2_mark_dirty(bs);
		if (ret < 0)
			return ret;
	}
	if (qcow2_cache_is_dirty(s->refblock_cache)) {
		ret = qcow2_cache_write(bs, s->refblock_cache);
		if (ret == 0 && !s->lazy_refcounts)
			ret = bdrv_flush(bs->file);
		if (ret < 0)
			return ret;
		synced = !s->lazy_refcounts;
	}
	if (qcow2_cache_is_dirty(s->l2_cache)) {
		ret = qcow2_cache_write(bs, s->l2_cache);
		if (ret < 0)
			return ret;
		synced = false;
	}
	if (s->l1_dirty_hi > s->l1_dirty_lo) {
		ret = synced ? 0 : bdrv_flush(bs->file);
		if (ret == 0)
			ret = write_l1_range(bs);
		if (ret < 0)
			return ret;
		synced = false;
	}
	if (s->pending_frees->len) {
		ret = synced ? 0 : bdrv_flush(bs->file);
		if (ret == 0)
			ret = apply_frees(bs);
		if (ret < 0)
			return ret;
	}
	return 0;
}

int qcow2_flush_metadata(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;
	int ret;

	if (!s->writable || s->in_flush)
		return 0;
	s->in_flush = true;
	ret = do_flush_metadata(bs);
	s->in_flush = false;
	return ret;
}
