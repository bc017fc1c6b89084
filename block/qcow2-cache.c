// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The qcow2 metadata cache: a fixed number of cluster-sized tables (L2 tables or refcount
 * blocks) kept in memory and written back only when the driver asks (qcow2_flush_metadata
 * orders the write-back of both caches), so one allocation costs no metadata write of its
 * own. A table is pinned between get and put; eviction picks the least recently used unpinned
 * table and, when that one is dirty, first writes all metadata in the crash-safe order.
 */
#include "qemu/osdep.h"
#include "qcow2.h"

typedef struct CacheEntry {
	uint64_t offset; /* 0: empty slot */
	void *table;
	uint64_t lru;
	int pins;
	bool dirty;
} CacheEntry;

struct Qcow2Cache {
	CacheEntry *e;
	int n;
	uint32_t table_size;
	uint64_t lru_clock;
	uint64_t cleaned_at; /* lru_clock at the last clean */
};

Qcow2Cache *qcow2_cache_new(int entries, uint32_t table_size)
{
	Qcow2Cache *c = g_new0(Qcow2Cache, 1);

	c->n = MAX(entries, 2);
	c->e = g_new0(CacheEntry, c->n);
	c->table_size = table_size;
	return c;
}

void qcow2_cache_free(Qcow2Cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++)
		g_free(c->e[i].table);
	g_free(c->e);
	g_free(c);
}

static CacheEntry *find_table(Qcow2Cache *c, const void *table)
{
	for (int i = 0; i < c->n; i++)
		if (c->e[i].table == table)
			return &c->e[i];
	g_assert_not_reached();
}

static int pick_victim(BlockDriverState *bs, Qcow2Cache *c)
{
	int best = -1;

	for (int i = 0; i < c->n; i++) {
		if (c->e[i].pins)
			continue;
		if (!c->e[i].offset)
			return i;
		if (best < 0 || c->e[i].lru < c->e[best].lru)
			best = i;
	}
	g_assert(best >= 0); /* the driver never pins every table at once */
	if (c->e[best].dirty) {
		Qcow2State *s = bs->opaque;
		int ret = s->in_flush ? bdrv_pwrite(bs->file, c->e[best].offset, c->e[best].table,
						    c->table_size)
				      : qcow2_flush_metadata(bs);
		c->e[best].dirty = ret < 0;
		if (ret < 0)
			return ret;
	}
	return best;
}

int qcow2_cache_get(BlockDriverState *bs, Qcow2Cache *c, uint64_t offset, bool fresh, void **table)
{
	CacheEntry *e;
	int i, ret;

	if (!offset) /* the header's cluster; 0 also marks an empty slot */
		return qcow2_mark_corrupt(bs, "Metadata table at offset 0");
	for (i = 0; i < c->n; i++)
		if (c->e[i].offset == offset)
			break;
	if (i == c->n) {
		i = pick_victim(bs, c);
		if (i < 0)
			return i;
		e = &c->e[i];
		if (!e->table)
			e->table = g_malloc(c->table_size);
		e->offset = 0;
		e->dirty = false;
		if (fresh) {
			memset(e->table, 0, c->table_size);
		} else {
			ret = bdrv_pread(bs->file, offset, e->table, c->table_size);
			if (ret < 0)
				return ret;
		}
		e->offset = offset;
	} else if (fresh) {
		memset(c->e[i].table, 0, c->table_size);
	}
	e = &c->e[i];
	e->lru = ++c->lru_clock;
	e->pins++;
	*table = e->table;
	return 0;
}

void qcow2_cache_put(Qcow2Cache *c, void *table)
{
	CacheEntry *e = find_table(c, table);

	g_assert(e->pins > 0);
	e->pins--;
}

void qcow2_cache_mark_dirty(Qcow2Cache *c, void *table)
{
	find_table(c, table)->dirty = true;
}

int qcow2_cache_write(BlockDriverState *bs, Qcow2Cache *c)
{
	for (int i = 0; i < c->n; i++) {
		CacheEntry *e = &c->e[i];
		int ret;
		if (!e->dirty)
			continue;
		ret = bdrv_pwrite(bs->file, e->offset, e->table, c->table_size);
		if (ret < 0)
			return ret;
		e->dirty = false;
	}
	return 0;
}

bool qcow2_cache_is_dirty(const Qcow2Cache *c)
{
	for (int i = 0; i < c->n; i++)
		if (c->e[i].dirty)
			return true;
	return false;
}

/* A freed cluster's stale table must not be found again once the cluster is reused. */
void qcow2_cache_discard(Qcow2Cache *c, uint64_t offset)
{
	for (int i = 0; i < c->n; i++) {
		CacheEntry *e = &c->e[i];
		if (e->offset == offset && !e->pins) {
			e->offset = 0;
			e->dirty = false;
		}
	}
}

/*
 * cache-clean-interval: tables no request used since the last clean give their memory back
 * (dirty or pinned ones stay).
 */
int qcow2_cache_clean_unused(Qcow2Cache *c)
{
	int freed = 0;

	for (int i = 0; i < c->n; i++) {
		CacheEntry *e = &c->e[i];

		if (e->table && !e->dirty && !e->pins && e->lru <= c->cleaned_at) {
			g_free(e->table);
			e->table = NULL;
			e->offset = 0;
			freed++;
		}
	}
	c->cleaned_at = c->lru_clock;
	return freed;
}

int qcow2_cache_tables(const Qcow2Cache *c)
{
	int n = 0;

	for (int i = 0; i < c->n; i++)
		n += c->e[i].table != NULL;
	return n;
}
