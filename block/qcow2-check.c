// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qcow2 consistency check (qemu-img check) and repair: every reference the image holds (header,
 * L1 and L2 tables of the active state and of each snapshot, data and compressed clusters,
 * refcount table and blocks, snapshot table) is counted in memory and compared with the stored
 * refcounts. More stored than counted is a leak (space lost, data safe); fewer is an error
 * (a later allocation could overwrite live data). Repair writes the counted values, which is
 * also how an image left dirty by lazy refcounts is made consistent on open.
 */
#include "qemu/osdep.h"
#include "qcow2.h"

#define MAX_CHECK_CLUSTERS (1ULL << 28)

typedef struct Counter {
	uint64_t *refs; /* references counted per host cluster */
	uint64_t n;
	Qcow2CheckResult *res;
	uint64_t next_contiguous; /* host offset the next data cluster would have if unfragmented */
} Counter;

static void count(Qcow2State *s, Counter *c, uint64_t offset, uint64_t len)
{
	uint64_t first = offset >> s->cluster_bits;
	uint64_t last = (offset + len - 1) >> s->cluster_bits;

	for (uint64_t i = first; len && i <= last; i++) {
		if (i >= c->n) {
			error_printf("ERROR: counting reference for region exceeding the end of "
				     "the file by one cluster or more: offset 0x%" PRIx64
				     " size 0x%" PRIx64 "\n",
				     offset, len);
			c->res->corruptions++;
			return;
		}
		c->refs[i]++;
	}
}

static void count_l2_entry(Qcow2State *s, Counter *c, uint64_t entry, bool active)
{
	uint64_t host = entry & L2E_OFFSET_MASK;

	if (entry & QCOW_OFLAG_COMPRESSED) {
		uint64_t coffset = entry & s->coffset_mask;
		uint64_t sectors = ((entry >> s->csize_shift) & s->csize_mask) + 1;
		count(s, c, coffset & ~511ULL, sectors * 512);
		if (active) {
			c->res->allocated_clusters++;
			c->res->compressed_clusters++;
			c->res->fragmented_clusters++; /* by nature, as QEMU counts them */
		}
		return;
	}
	if (!host)
		return;
	if (host & (s->cluster_size - 1)) {
		error_printf("ERROR offset=%" PRIx64 ": Cluster is not properly aligned; L2 entry "
			     "corrupted.\n",
			     host);
		c->res->corruptions++;
		return;
	}
	count(s, c, host, s->cluster_size);
	if (active && !(entry & QCOW_OFLAG_ZERO && !s->extl2)) {
		c->res->allocated_clusters++;
		if (c->next_contiguous && host != c->next_contiguous)
			c->res->fragmented_clusters++;
		c->next_contiguous = host + s->cluster_size;
	}
}

static int count_l1(BlockDriverState *bs, Counter *c, uint64_t l1_offset, uint32_t l1_size,
		    bool active)
{
	Qcow2State *s = bs->opaque;
	uint64_t *l1 = g_new(uint64_t, MAX(l1_size, 1)), *l2 = g_malloc(s->cluster_size);
	GHashTable *seen = g_hash_table_new(NULL, NULL);
	int ret = bdrv_pread(bs->file, l1_offset, l1, (uint64_t)l1_size * 8);

	count(s, c, l1_offset, (uint64_t)l1_size * 8);
	for (uint32_t i = 0; ret == 0 && i < l1_size; i++) {
		uint64_t l2_offset = be64_to_cpu(l1[i]) & L1E_OFFSET_MASK;
		if (!l2_offset)
			continue;
		if (l2_offset & (s->cluster_size - 1)) {
			error_printf("ERROR l2_offset=%" PRIx64 ": Table is not cluster aligned; "
				     "L1 entry corrupted\n",
				     l2_offset);
			c->res->corruptions++;
			continue;
		}
		count(s, c, l2_offset, s->cluster_size);
		/* twice in one L1 is corrupt; counting it again would let a table cost O(l1_size) */
		if (l2_offset >> s->cluster_bits >= c->n)
			continue; /* count() reported it */
		if (!g_hash_table_add(seen, GSIZE_TO_POINTER(l2_offset))) {
			error_printf("ERROR l2_offset=%" PRIx64 ": L2 table listed twice\n",
				     l2_offset);
			c->res->corruptions++;
			continue;
		}
		ret = bdrv_pread(bs->file, l2_offset, l2, s->cluster_size);
		for (uint32_t j = 0; ret == 0 && j < s->l2_entries; j++)
			count_l2_entry(s, c, qcow2_l2_entry(s, l2, j), active);
	}
	g_hash_table_destroy(seen);
	g_free(l1);
	g_free(l2);
	return ret;
}

static int count_refcount_structures(BlockDriverState *bs, Counter *c)
{
	Qcow2State *s = bs->opaque;

	count(s, c, s->reftable_offset, (uint64_t)s->reftable_size * 8);
	for (uint32_t i = 0; i < s->reftable_size; i++) {
		uint64_t off = s->reftable[i] & REFT_OFFSET_MASK;
		if (!off)
			continue;
		if (off & (s->cluster_size - 1)) {
			error_printf("ERROR refcount block %u is not cluster aligned; refcount "
				     "table entry corrupted\n",
				     i);
			c->res->corruptions++;
			continue;
		}
		if (off >> s->cluster_bits >= c->n) {
			error_printf("ERROR refcount block %u is outside image\n", i);
			c->res->corruptions++;
			continue;
		}
		count(s, c, off, s->cluster_size);
	}
	return 0;
}

static int count_all(BlockDriverState *bs, Counter *c)
{
	Qcow2State *s = bs->opaque;
	int ret;

	count(s, c, 0, s->cluster_size);
	ret = count_l1(bs, c, s->l1_table_offset, s->l1_size, true);
	for (int i = 0; ret == 0 && i < s->nb_snapshots; i++)
		ret = count_l1(bs, c, s->snapshots[i].l1_table_offset, s->snapshots[i].l1_size,
			       false);
	if (s->nb_snapshots)
		count(s, c, s->snapshots_offset, s->snapshots_size);
	return ret < 0 ? ret : count_refcount_structures(bs, c);
}

/* Sets a stored refcount, refusing where that would need a refcount block over live data. */
static int store_refcount(BlockDriverState *bs, Counter *c, uint64_t cluster, uint64_t v)
{
	Qcow2State *s = bs->opaque;
	uint64_t idx = cluster >> s->refblock_bits;
	uint64_t start = idx << s->refblock_bits;
	bool missing = idx >= s->reftable_size || !(s->reftable[idx] & REFT_OFFSET_MASK);

	if (missing && start < c->n && c->refs[start])
		return -ENOSPC;
	return qcow2_set_refcount(bs, cluster, v);
}

static int compare(BlockDriverState *bs, Counter *c, int fix, uint64_t *highest)
{
	/* refcounts past the end of the file are not compared, as in QEMU */
	for (uint64_t i = 0; i < c->n; i++) {
		uint64_t stored, counted = c->refs[i];
		int ret = qcow2_get_refcount(bs, i, &stored);
		bool leak;
		if (ret < 0) {
			c->res->check_errors++;
			continue;
		}
		if (stored || counted)
			*highest = i;
		if (stored == counted)
			continue;
		leak = stored > counted;
		error_printf("%s cluster %" PRIu64 " refcount=%" PRIu64 " reference=%" PRIu64 "\n",
			     leak ? "Leaked" : "ERROR", i, stored, counted);
		if ((leak ? fix & QCOW2_FIX_LEAKS : fix & QCOW2_FIX_ERRORS) &&
		    store_refcount(bs, c, i, counted) == 0) {
			error_printf("Repairing cluster %" PRIu64 " refcount=%" PRIu64
				     " reference=%" PRIu64 "\n",
				     i, stored, counted);
			if (leak)
				c->res->leaks_fixed++;
			else
				c->res->corruptions_fixed++;
		} else if (leak) {
			c->res->leaks++;
		} else {
			c->res->corruptions++;
		}
	}
	return 0;
}

/* COPIED must be set exactly where the refcount is 1, in the active tables. */
static int check_copied(BlockDriverState *bs, Counter *c, int fix)
{
	Qcow2State *s = bs->opaque;
	int ret = 0;

	for (uint32_t i = 0; ret == 0 && i < s->l1_size; i++) {
		uint64_t l1e = s->l1_table[i], l2_offset = l1e & L1E_OFFSET_MASK, rc, *l2;
		bool l2_dirty = false;
		if (!l2_offset || (l2_offset & (s->cluster_size - 1)))
			continue;
		ret = qcow2_get_refcount(bs, l2_offset >> s->cluster_bits, &rc);
		if (ret < 0)
			break;
		if ((rc == 1) != !!(l1e & QCOW_OFLAG_COPIED)) {
			bool repair = fix & QCOW2_FIX_ERRORS;
			error_printf("%s OFLAG_COPIED L2 cluster: l1_index=%u l1_entry=%" PRIx64
				     " refcount=%" PRIu64 "\n",
				     repair ? "Repairing" : "ERROR", i, l1e, rc);
			if (repair) {
				s->l1_table[i] =
				    rc == 1 ? l1e | QCOW_OFLAG_COPIED : l1e & ~QCOW_OFLAG_COPIED;
				qcow2_mark_l1_dirty(s, i);
				c->res->corruptions_fixed++;
			} else {
				c->res->corruptions++;
			}
		}
		ret = qcow2_cache_get(bs, s->l2_cache, l2_offset, false, (void **)&l2);
		for (uint32_t j = 0; ret == 0 && j < s->l2_entries; j++) {
			uint64_t e = qcow2_l2_entry(s, l2, j), host = e & L2E_OFFSET_MASK;
			bool repair = fix & QCOW2_FIX_ERRORS;
			if ((e & QCOW_OFLAG_COMPRESSED) || !host || (host & (s->cluster_size - 1)))
				continue;
			ret = qcow2_get_refcount(bs, host >> s->cluster_bits, &rc);
			if (ret < 0 || (rc == 1) == !!(e & QCOW_OFLAG_COPIED))
				continue;
			error_printf("%s OFLAG_COPIED data cluster: l2_entry=%" PRIx64
				     " refcount=%" PRIu64 "\n",
				     repair ? "Repairing" : "ERROR", e, rc);
			if (!repair) {
				c->res->corruptions++;
				continue;
			}
			e = rc == 1 ? e | QCOW_OFLAG_COPIED : e & ~QCOW_OFLAG_COPIED;
			l2[j << s->extl2] = cpu_to_be64(e);
			l2_dirty = true;
			c->res->corruptions_fixed++;
		}
		if (ret == 0) {
			if (l2_dirty)
				qcow2_cache_mark_dirty(s->l2_cache, l2);
			qcow2_cache_put(s->l2_cache, l2);
		}
	}
	return ret;
}

int qcow2_check(BlockDriverState *bs, Qcow2CheckResult *res, int fix)
{
	Qcow2State *s = bs->opaque;
	int64_t len = bdrv_getlength(bs->file);
	uint64_t highest = 0;
	Counter c = { .res = res };
	int ret;

	memset(res, 0, sizeof(*res));
	if (len < 0)
		return len;
	res->total_clusters = (s->size + s->cluster_size - 1) >> s->cluster_bits;
	c.n = ((uint64_t)len + s->cluster_size - 1) >> s->cluster_bits;
	if (c.n > MAX_CHECK_CLUSTERS)
		return -EFBIG;
	c.refs = g_try_new0(uint64_t, MAX(c.n, 1));
	if (!c.refs)
		return -ENOMEM;
	ret = qcow2_flush_metadata(bs);
	if (ret == 0)
		ret = count_all(bs, &c);
	s->repair_refs = c.refs; /* a repair's new refcount blocks avoid referenced clusters */
	s->repair_n = c.n;
	if (ret == 0)
		ret = compare(bs, &c, s->writable ? fix : 0, &highest);
	if (ret == 0)
		ret = check_copied(bs, &c, s->writable ? fix : 0);
	if (ret == 0 && s->writable && fix)
		ret = qcow2_flush_metadata(bs);
	s->repair_refs = NULL;
	res->image_end_offset = (highest + 1) << s->cluster_bits;
	g_free(c.refs);
	return ret;
}

int qcow2_repair_dirty(BlockDriverState *bs, Error **errp)
{
	Qcow2State *s = bs->opaque;
	Qcow2CheckResult res;
	int ret;

	s->writable = true;
	ret = qcow2_check(bs, &res, QCOW2_FIX_LEAKS | QCOW2_FIX_ERRORS);
	if (ret == 0 && res.corruptions) {
		error_setg(errp, "qcow2: Could not repair dirty image: %d corruptions remain",
			   res.corruptions);
		ret = -EIO;
	}
	if (ret == 0) {
		/* the repaired refcounts are synced before the header says they are right */
		ret = qcow2_mark_clean(bs);
		if (ret < 0)
			error_setg_errno(errp, -ret, "qcow2: Could not clear the dirty bit");
	} else if (ret < 0 && errp && !*errp) {
		error_setg_errno(errp, -ret, "qcow2: Could not repair dirty image");
	}
	s->writable = false;
	return ret;
}
