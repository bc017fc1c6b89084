// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qcow2 guest-to-host mapping: a guest offset goes through the L1 table to an L2 table whose
 * entry says how its cluster (or, with extended L2 entries, each of its 32 subclusters) reads:
 * from the backing file, as zeroes, from a host cluster, or by decompressing. Writes go in
 * place where the cluster is ours alone (the COPIED flag), else into a newly allocated cluster
 * filled with the guest's previous view around the written bytes (copy-on-write), which is
 * also how clusters shared with internal snapshots and compressed clusters get written.
 * Every offset read from the image is checked before use; a bad one marks the image corrupt.
 */
#include "qemu/osdep.h"
#include "qcow2.h"

static uint32_t l1_index(Qcow2State *s, uint64_t offset)
{
	return offset >> (s->cluster_bits + s->l2_bits);
}

static uint32_t l2_index(Qcow2State *s, uint64_t offset)
{
	return (offset >> s->cluster_bits) & (s->l2_entries - 1);
}

void qcow2_set_l2_entry(Qcow2State *s, uint64_t *l2, uint32_t i, uint64_t entry, uint64_t bitmap)
{
	l2[i << s->extl2] = cpu_to_be64(entry);
	if (s->extl2)
		l2[(i << 1) + 1] = cpu_to_be64(bitmap);
}

/* The L2 table offset of an L1 entry, checked; 0 when there is none. */
static int64_t l2_offset_of(BlockDriverState *bs, uint64_t l1e)
{
	Qcow2State *s = bs->opaque;
	uint64_t off = l1e & L1E_OFFSET_MASK;

	if (l1e & L1E_RESERVED_MASK)
		return qcow2_mark_corrupt(bs, "L1 entry %#" PRIx64 " has reserved bits set", l1e);
	if (off & (s->cluster_size - 1))
		return qcow2_mark_corrupt(bs, "L2 table offset %#" PRIx64 " unaligned", off);
	return off;
}

/* The pinned L2 table covering offset, or *l2 = NULL when the L1 entry is empty. */
static int get_l2(BlockDriverState *bs, uint64_t offset, uint64_t **l2)
{
	Qcow2State *s = bs->opaque;
	uint32_t i = l1_index(s, offset);
	int64_t off;

	*l2 = NULL;
	if (i >= s->l1_size)
		return 0;
	off = l2_offset_of(bs, s->l1_table[i]);
	if (off <= 0)
		return off;
	return qcow2_cache_get(bs, s->l2_cache, off, false, (void **)l2);
}

/* The host offset of a non-compressed L2 entry, checked. */
static int64_t host_of(BlockDriverState *bs, uint64_t entry)
{
	Qcow2State *s = bs->opaque;
	uint64_t host = entry & L2E_OFFSET_MASK;

	if (entry & L2E_RESERVED_MASK)
		return qcow2_mark_corrupt(bs, "L2 entry %#" PRIx64 " has reserved bits set", entry);
	if (host & (s->cluster_size - 1))
		return qcow2_mark_corrupt(bs, "Cluster allocation offset %#" PRIx64 " unaligned",
					  host);
	return host;
}

/* The kind of subcluster sc of a (non-compressed) entry; QCOW2_ERROR on a bad bitmap. */
static int subcluster_kind(BlockDriverState *bs, uint64_t host, uint64_t entry, uint64_t bitmap,
			   int sc)
{
	Qcow2State *s = bs->opaque;
	uint32_t alloc = bitmap, zero = bitmap >> 32;

	if (!s->extl2) {
		if (entry & QCOW_OFLAG_ZERO)
			return QCOW2_ZERO;
		return host ? QCOW2_NORMAL : QCOW2_UNALLOCATED;
	}
	if ((alloc & zero) || (alloc && !host))
		return qcow2_mark_corrupt(bs, "Invalid subcluster bitmap %#" PRIx64, bitmap);
	if (alloc >> sc & 1)
		return QCOW2_NORMAL;
	return zero >> sc & 1 ? QCOW2_ZERO : QCOW2_UNALLOCATED;
}

/* Describes entry i of l2 for the guest offset; e->bytes stays within that cluster. */
static int describe_entry(BlockDriverState *bs, uint64_t *l2, uint32_t i, uint64_t offset,
			  uint64_t max_bytes, Qcow2Extent *e)
{
	Qcow2State *s = bs->opaque;
	uint64_t entry = qcow2_l2_entry(s, l2, i), bitmap = qcow2_l2_bitmap(s, l2, i);
	uint64_t in_cluster = offset & (s->cluster_size - 1);
	int64_t host;
	int kind, sc;

	e->bytes = MIN(max_bytes, s->cluster_size - in_cluster);
	if (entry & QCOW_OFLAG_COMPRESSED) {
		e->kind = QCOW2_COMPRESSED;
		e->l2_entry = entry;
		e->host_valid = false;
		return 0;
	}
	host = host_of(bs, entry);
	if (host < 0)
		return host;
	sc = in_cluster >> s->subcluster_bits;
	kind = subcluster_kind(bs, host, entry, bitmap, sc);
	if (kind < 0)
		return kind;
	e->kind = kind;
	e->host = host + in_cluster;
	e->host_valid = host != 0;
	if (s->extl2) {
		uint64_t end = (uint64_t)(sc + 1) << s->subcluster_bits;
		while (end < s->cluster_size &&
		       subcluster_kind(bs, host, entry, bitmap, end >> s->subcluster_bits) == kind)
			end += s->subcluster_size;
		e->bytes = MIN(e->bytes, end - in_cluster);
	}
	return 0;
}

int qcow2_get_extent(BlockDriverState *bs, uint64_t offset, uint64_t max_bytes, Qcow2Extent *e)
{
	Qcow2State *s = bs->opaque;
	uint64_t span = (uint64_t)s->l2_entries << s->cluster_bits;
	uint64_t *l2;
	int ret = get_l2(bs, offset, &l2);

	if (ret < 0)
		return ret;
	if (!l2) {
		e->kind = QCOW2_UNALLOCATED;
		e->host_valid = false;
		e->bytes = MIN(max_bytes, span - (offset & (span - 1)));
		return 0;
	}
	ret = describe_entry(bs, l2, l2_index(s, offset), offset, max_bytes, e);
	/* without subclusters, runs of alike entries in the same table make one extent */
	while (ret == 0 && !s->extl2 && e->kind != QCOW2_COMPRESSED && e->bytes < max_bytes) {
		uint64_t next = offset + e->bytes;
		Qcow2Extent n;
		if (l1_index(s, next) != l1_index(s, offset) ||
		    describe_entry(bs, l2, l2_index(s, next), next, max_bytes - e->bytes, &n) < 0 ||
		    n.kind != e->kind || n.host_valid != e->host_valid ||
		    (e->host_valid && n.host != e->host + e->bytes))
			break;
		e->bytes += n.bytes;
	}
	qcow2_cache_put(s->l2_cache, l2);
	return ret;
}

static int read_compressed(BlockDriverState *bs, const Qcow2Extent *e, uint64_t offset,
			   uint8_t *buf)
{
	Qcow2State *s = bs->opaque;
	int ret;

	if (!s->cbuf)
		s->cbuf = g_malloc(s->cluster_size);
	if (s->cbuf_entry != e->l2_entry) {
		s->cbuf_entry = 0;
		ret = qcow2_decompress_cluster(bs, e->l2_entry, s->cbuf);
		if (ret < 0)
			return ret;
		s->cbuf_entry = e->l2_entry;
	}
	memcpy(buf, s->cbuf + (offset & (s->cluster_size - 1)), e->bytes);
	return 0;
}

/* copy-on-read=on: what came from the backing file is written into the image too. */
static int copy_on_read(BlockDriverState *bs, uint64_t offset, const uint8_t *buf, uint64_t bytes)
{
	Qcow2State *s = bs->opaque;
	int ret;

	if (!(bs->flags & BDRV_O_COPY_ON_READ) || !bs->backing || !s->writable || s->in_cor)
		return 0;
	s->in_cor = true; /* the write's own copy-on-write reads must not recurse */
	ret = qcow2_write(bs, offset, buf, bytes);
	s->in_cor = false;
	return ret;
}

int qcow2_read(BlockDriverState *bs, uint64_t offset, uint8_t *buf, uint64_t bytes)
{
	while (bytes) {
		Qcow2Extent e;
		int ret = qcow2_get_extent(bs, offset, bytes, &e);
		if (ret < 0)
			return ret;
		switch (e.kind) {
		case QCOW2_UNALLOCATED:
			ret = bdrv_pread_padded(bs->backing, offset, buf, e.bytes);
			if (ret == 0)
				ret = copy_on_read(bs, offset, buf, e.bytes);
			break;
		case QCOW2_ZERO:
			memset(buf, 0, e.bytes);
			break;
		case QCOW2_NORMAL:
			ret = bdrv_pread(bs->file, e.host, buf, e.bytes);
			break;
		case QCOW2_COMPRESSED:
			ret = read_compressed(bs, &e, offset, buf);
			break;
		}
		if (ret < 0)
			return ret;
		offset += e.bytes;
		buf += e.bytes;
		bytes -= e.bytes;
	}
	return 0;
}

void qcow2_mark_l1_dirty(Qcow2State *s, uint32_t i)
{
	if (s->l1_dirty_hi <= s->l1_dirty_lo) {
		s->l1_dirty_lo = i;
		s->l1_dirty_hi = i + 1;
	} else {
		s->l1_dirty_lo = MIN(s->l1_dirty_lo, i);
		s->l1_dirty_hi = MAX(s->l1_dirty_hi, i + 1);
	}
}

/* The pinned L2 table for a write at offset: allocated, or copied when shared. */
int qcow2_l2_for_write(BlockDriverState *bs, uint64_t offset, uint64_t **l2)
{
	Qcow2State *s = bs->opaque;
	uint32_t i = l1_index(s, offset);
	int64_t old, new;
	uint64_t *old_l2;
	int ret;

	if (i >= s->l1_size)
		return -EIO;
	old = l2_offset_of(bs, s->l1_table[i]);
	if (old < 0)
		return old;
	if (old && (s->l1_table[i] & QCOW_OFLAG_COPIED)) {
		if (qcow2_overlaps_metadata(bs, old, s->cluster_size, true))
			return qcow2_mark_corrupt(bs, "L2 table at %#" PRIx64 " overlaps metadata",
						  old);
		return qcow2_cache_get(bs, s->l2_cache, old, false, (void **)l2);
	}
	new = qcow2_alloc_clusters(bs, 1);
	if (new < 0)
		return new;
	ret = qcow2_cache_get(bs, s->l2_cache, new, true, (void **)l2);
	if (ret < 0)
		return ret;
	if (old) {
		ret = qcow2_cache_get(bs, s->l2_cache, old, false, (void **)&old_l2);
		if (ret < 0) {
			qcow2_cache_put(s->l2_cache, *l2);
			return ret;
		}
		memcpy(*l2, old_l2, s->cluster_size);
		qcow2_cache_put(s->l2_cache, old_l2);
		qcow2_free_clusters(bs, old, s->cluster_size);
	}
	qcow2_cache_mark_dirty(s->l2_cache, *l2);
	if (old)
		qcow2_metadata_remove(s, old);
	qcow2_metadata_add(s, new, QCOW2_META_L2);
	s->l1_table[i] = new | QCOW_OFLAG_COPIED;
	qcow2_mark_l1_dirty(s, i);
	return 0;
}

/* Drops the references an L2 entry holds, as it is replaced. */
void qcow2_release_entry(BlockDriverState *bs, uint64_t entry)
{
	Qcow2State *s = bs->opaque;

	if (entry & QCOW_OFLAG_COMPRESSED) {
		uint64_t coffset = entry & s->coffset_mask;
		uint64_t sectors = ((entry >> s->csize_shift) & s->csize_mask) + 1;
		qcow2_free_clusters(bs, coffset & ~511ULL, sectors * 512);
	} else if (entry & L2E_OFFSET_MASK) {
		qcow2_free_clusters(bs, entry & L2E_OFFSET_MASK, s->cluster_size);
	}
}

/* The guest's view of [start, end) of the cluster, with buf's bytes written at offset. */
static uint8_t *merged_view(BlockDriverState *bs, uint64_t start, uint64_t end, uint64_t offset,
			    const uint8_t *buf, uint64_t bytes, int *ret)
{
	Qcow2State *s = bs->opaque;
	uint8_t *tmp = g_malloc(end - start);
	uint64_t readable = start < s->size ? MIN(end, s->size) - start : 0;

	*ret = 0;
	memset(tmp + readable, 0, end - start - readable);
	if (offset > start)
		*ret = qcow2_read(bs, start, tmp, MIN(offset, start + readable) - start);
	if (*ret == 0 && offset + bytes < start + readable)
		*ret = qcow2_read(bs, offset + bytes, tmp + (offset + bytes - start),
				  start + readable - offset - bytes);
	memcpy(tmp + (offset - start), buf, bytes);
	return tmp;
}

/* Writes [start, end) of the cluster at host, the rest of it kept as the guest saw it. */
static int write_merged(BlockDriverState *bs, uint64_t host, uint64_t start, uint64_t end,
			uint64_t offset, const uint8_t *buf, uint64_t bytes)
{
	Qcow2State *s = bs->opaque;
	int ret;
	uint8_t *tmp;

	if (start == offset && end == offset + bytes)
		return bdrv_pwrite(bs->file, host + (start & (s->cluster_size - 1)), buf, bytes);
	tmp = merged_view(bs, start, end, offset, buf, bytes, &ret);
	if (ret == 0)
		ret =
		    bdrv_pwrite(bs->file, host + (start & (s->cluster_size - 1)), tmp, end - start);
	g_free(tmp);
	return ret;
}

/* The subclusters [first, last] as a bitmap mask. */
static uint32_t subcluster_mask(int first, int last)
{
	return (uint32_t)((2ULL << last) - (1ULL << first));
}

int qcow2_write_cluster(BlockDriverState *bs, uint64_t offset, const uint8_t *buf, uint64_t bytes)
{
	Qcow2State *s = bs->opaque;
	uint64_t cstart = qcow2_cluster_start(s, offset), in = offset - cstart;
	int first = in >> s->subcluster_bits, last = (in + bytes - 1) >> s->subcluster_bits;
	uint64_t sc_start = cstart + ((uint64_t)first << s->subcluster_bits);
	uint64_t sc_end = cstart + ((uint64_t)(last + 1) << s->subcluster_bits);
	uint32_t touched = s->extl2 ? subcluster_mask(first, last) : 0;
	uint64_t entry, bitmap, *l2;
	uint32_t i = l2_index(s, offset);
	int64_t host, new;
	int ret = qcow2_l2_for_write(bs, offset, &l2);

	if (ret < 0)
		return ret;
	entry = qcow2_l2_entry(s, l2, i);
	bitmap = qcow2_l2_bitmap(s, l2, i);
	host = entry & QCOW_OFLAG_COMPRESSED ? 0 : host_of(bs, entry);
	if (host < 0) {
		ret = host;
	} else if (host && (entry & QCOW_OFLAG_COPIED)) {
		/* ours alone: in place, filling what was zero or unallocated around the write */
		if (qcow2_overlaps_metadata(bs, host, s->cluster_size, false)) {
			ret = qcow2_mark_corrupt(
			    bs, "Data cluster at %#" PRIx64 " overlaps metadata", host);
		} else if (s->extl2) {
			bool whole = ((uint32_t)bitmap & touched) == touched;
			ret = write_merged(bs, host, whole ? offset : sc_start,
					   whole ? offset + bytes : sc_end, offset, buf, bytes);
			bitmap = (bitmap | touched) & ~((uint64_t)touched << 32);
		} else if (entry & QCOW_OFLAG_ZERO) {
			ret = write_merged(bs, host, cstart, cstart + s->cluster_size, offset, buf,
					   bytes);
			entry &= ~QCOW_OFLAG_ZERO;
		} else {
			ret = bdrv_pwrite(bs->file, host + in, buf, bytes);
		}
	} else {
		/* a new cluster: only the written subclusters if nothing is to be copied */
		bool partial = s->extl2 && !host && !(entry & QCOW_OFLAG_COMPRESSED);
		uint64_t start = partial ? sc_start : cstart;
		uint64_t end = partial ? sc_end : cstart + s->cluster_size;
		new = qcow2_alloc_clusters(bs, 1);
		ret = new < 0 ? new : write_merged(bs, new, start, end, offset, buf, bytes);
		if (ret == 0) {
			qcow2_release_entry(bs, entry);
			entry = new | QCOW_OFLAG_COPIED;
			/* nothing else of a cluster without a host can be allocated */
			bitmap = partial ? (bitmap & ~0xffffffffULL & ~((uint64_t)touched << 32)) |
					       touched
					 : 0xffffffffULL;
		}
	}
	if (ret == 0) {
		qcow2_set_l2_entry(s, l2, i, entry, bitmap);
		qcow2_cache_mark_dirty(s->l2_cache, l2);
	}
	qcow2_cache_put(s->l2_cache, l2);
	return ret;
}

/* Rewrites the entries of whole clusters [offset, offset+bytes) as zeroes or unallocated. */
static int rewrite_clusters(BlockDriverState *bs, uint64_t offset, uint64_t bytes, bool zero,
			    bool keep_host)
{
	Qcow2State *s = bs->opaque;

	for (uint64_t done = 0; done < bytes; done += s->cluster_size) {
		uint64_t *l2, entry, bitmap, new_entry;
		uint32_t i = l2_index(s, offset + done);
		int ret = qcow2_l2_for_write(bs, offset + done, &l2);
		bool keep;
		if (ret < 0)
			return ret;
		entry = qcow2_l2_entry(s, l2, i);
		keep = keep_host && (entry & QCOW_OFLAG_COPIED) &&
		       !(entry & QCOW_OFLAG_COMPRESSED) && (entry & L2E_OFFSET_MASK);
		if (!keep)
			qcow2_release_entry(bs, entry);
		new_entry = keep ? entry & (L2E_OFFSET_MASK | QCOW_OFLAG_COPIED) : 0;
		if (zero && !s->extl2)
			new_entry |= QCOW_OFLAG_ZERO;
		bitmap = zero ? 0xffffffff00000000ULL : 0;
		qcow2_set_l2_entry(s, l2, i, new_entry, bitmap);
		qcow2_cache_mark_dirty(s->l2_cache, l2);
		qcow2_cache_put(s->l2_cache, l2);
	}
	return 0;
}

int qcow2_zero_clusters(BlockDriverState *bs, uint64_t offset, uint64_t bytes, bool unmap)
{
	return rewrite_clusters(bs, offset, bytes, true, !unmap);
}

int qcow2_unmap_clusters(BlockDriverState *bs, uint64_t offset, uint64_t bytes)
{
	return rewrite_clusters(bs, offset, bytes, false, false);
}

int qcow2_discard_clusters(BlockDriverState *bs, uint64_t offset, uint64_t bytes)
{
	Qcow2State *s = bs->opaque;

	/* with a backing file, a discarded cluster must not show the backing data again */
	return rewrite_clusters(bs, offset, bytes, bs->backing && s->version >= 3, false);
}

int qcow2_write(BlockDriverState *bs, uint64_t offset, const uint8_t *buf, uint64_t bytes)
{
	Qcow2State *s = bs->opaque;
	int ret = 0;

	while (ret == 0 && bytes > 0) {
		uint64_t n = MIN(bytes, s->cluster_size - (offset & (s->cluster_size - 1)));
		ret = qcow2_write_cluster(bs, offset, buf, n);
		offset += n;
		buf += n;
		bytes -= n;
	}
	return ret;
}

/* Zeroes on the file for preallocated data: fallocate'd (falloc) or written (full). */
static int prealloc_run(BlockDriverState *bs, int64_t start, int64_t end, bool full)
{
	static const uint8_t zero[65536];

	if (start >= end)
		return 0;
	if (!full)
		return bdrv_pwrite_zeroes(bs->file, start, end - start, false);
	for (int64_t at = start; at < end;) {
		int64_t n = MIN(end - at, (int64_t)sizeof(zero));
		int ret = bdrv_pwrite(bs->file, at, zero, n);
		if (ret < 0)
			return ret;
		at += n;
	}
	return 0;
}

/*
 * preallocation=metadata|falloc|full: a host cluster for every guest cluster, allocated in
 * order (each L2 table before the clusters it maps). With metadata alone they read as zeroes
 * from the file's holes, and with extended L2 entries through subclusters that are neither
 * allocated nor zero, as QEMU leaves them; falloc and full put the zeroes in the file, runs of
 * clusters at a time.
 */
int qcow2_preallocate(BlockDriverState *bs, bool file_zeroes, bool full)
{
	Qcow2State *s = bs->opaque;
	int64_t run_start = 0, run_end = 0, last_end = 0;
	int ret = 0;

	for (uint64_t off = 0; off < s->size && ret == 0; off += s->cluster_size) {
		uint32_t i = l2_index(s, off);
		uint64_t *l2;
		int64_t host;

		ret = qcow2_l2_for_write(bs, off, &l2);
		if (ret < 0)
			break;
		if (qcow2_l2_entry(s, l2, i) & L2E_OFFSET_MASK) {
			qcow2_cache_put(s->l2_cache, l2);
			continue;
		}
		host = qcow2_alloc_clusters(bs, 1);
		if (host < 0) {
			qcow2_cache_put(s->l2_cache, l2);
			return host;
		}
		qcow2_set_l2_entry(s, l2, i, host | QCOW_OFLAG_COPIED,
				   0 /* extended L2: subclusters not allocated, as QEMU */);
		qcow2_cache_mark_dirty(s->l2_cache, l2);
		qcow2_cache_put(s->l2_cache, l2);
		last_end = MAX(last_end, host + (int64_t)s->cluster_size);
		if (!file_zeroes)
			continue;
		if (host != run_end) {
			ret = prealloc_run(bs, run_start, run_end, full);
			run_start = host;
		}
		run_end = host + s->cluster_size;
	}
	if (ret == 0 && file_zeroes)
		ret = prealloc_run(bs, run_start, run_end, full);
	/* the file reaches the last cluster, a hole where nothing was written, as QEMU's does */
	if (ret == 0 && bdrv_getlength(bs->file) < last_end &&
	    !bs->file->drv->truncate(bs->file, last_end, NULL))
		ret = -EIO;
	return ret;
}
