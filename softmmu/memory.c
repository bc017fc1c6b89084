// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Memory regions and address spaces: region trees are flattened into sorted range arrays (a
 * precedence-ordered walk followed by a sweep that keeps the winning region at each address),
 * and guest accesses are dispatched by bisecting those arrays, splitting at range boundaries
 * and adapting access sizes to what each device accepts and implements.
 */
#include "qemu/osdep.h"
#include "exec/memory.h"
#include "qemu/log.h"
#include <sys/mman.h>

/* Nesting or alias chains deeper than this can only come from a cycle. */
#define MAX_DEPTH 64

static AddressSpace *address_spaces;
static unsigned transaction_depth;

/* Inclusive last offset of a non-empty region (UINT64_MAX means 2^64 bytes). */
static uint64_t region_last(const MemoryRegion *mr)
{
	return mr->size == UINT64_MAX ? UINT64_MAX : mr->size - 1;
}

static bool valid_access_size(unsigned size)
{
	return size == 1 || size == 2 || size == 4 || size == 8;
}

static uint64_t size_mask(unsigned size)
{
	return size >= 8 ? UINT64_MAX : (UINT64_C(1) << (size * 8)) - 1;
}

static uint64_t ldn_le(const uint8_t *p, unsigned size)
{
	uint16_t w;
	uint32_t l;
	uint64_t q;

	switch (size) {
	case 1:
		return p[0];
	case 2:
		memcpy(&w, p, 2);
		return GUINT16_FROM_LE(w);
	case 4:
		memcpy(&l, p, 4);
		return GUINT32_FROM_LE(l);
	default:
		memcpy(&q, p, 8);
		return GUINT64_FROM_LE(q);
	}
}

static void stn_le(uint8_t *p, unsigned size, uint64_t val)
{
	uint16_t w = GUINT16_TO_LE((uint16_t)val);
	uint32_t l = GUINT32_TO_LE((uint32_t)val);
	uint64_t q = GUINT64_TO_LE(val);

	switch (size) {
	case 1:
		p[0] = val;
		break;
	case 2:
		memcpy(p, &w, 2);
		break;
	case 4:
		memcpy(p, &l, 4);
		break;
	default:
		memcpy(p, &q, 8);
		break;
	}
}

/* ---- building the region tree ---- */

static void region_init(MemoryRegion *mr, MemoryRegionKind kind, const char *name, uint64_t size)
{
	memset(mr, 0, sizeof(*mr));
	mr->kind = kind;
	mr->name = g_strdup(name);
	mr->size = size;
	mr->enabled = true;
}

void memory_region_init(MemoryRegion *mr, const char *name, uint64_t size)
{
	region_init(mr, MR_KIND_CONTAINER, name, size);
}

void memory_region_init_io(MemoryRegion *mr, const MemoryRegionOps *ops, void *opaque,
			   const char *name, uint64_t size)
{
	g_assert(ops);
	region_init(mr, MR_KIND_IO, name, size);
	mr->ops = ops;
	mr->opaque = opaque;
}

static bool region_init_host(MemoryRegion *mr, MemoryRegionKind kind, const char *name,
			     uint64_t size, Error **errp)
{
	void *p;

	/* Leave a harmless empty region behind if we fail. */
	region_init(mr, MR_KIND_CONTAINER, name, 0);
	if (size == 0 || size == UINT64_MAX || size > SIZE_MAX) {
		error_setg(errp, "memory region '%s': invalid size %" PRIu64,
			   memory_region_name(mr), size);
		return false;
	}
	p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
		 -1, 0);
	if (p == MAP_FAILED) {
		error_setg_errno(errp, errno, "cannot allocate %" PRIu64 " bytes for '%s'", size,
				 memory_region_name(mr));
		return false;
	}
	mr->kind = kind;
	mr->size = size;
	mr->ram = p;
	return true;
}

void memory_region_init_ram_mapped(MemoryRegion *mr, const char *name, uint64_t size, void *host,
				   bool readonly)
{
	region_init(mr, readonly ? MR_KIND_ROM : MR_KIND_RAM, name, size);
	mr->ram = host;
}

bool memory_region_init_ram(MemoryRegion *mr, const char *name, uint64_t size, Error **errp)
{
	return region_init_host(mr, MR_KIND_RAM, name, size, errp);
}

bool memory_region_init_rom(MemoryRegion *mr, const char *name, uint64_t size, Error **errp)
{
	return region_init_host(mr, MR_KIND_ROM, name, size, errp);
}

bool memory_region_init_rom_device(MemoryRegion *mr, const MemoryRegionOps *ops, void *opaque,
				   const char *name, uint64_t size, Error **errp)
{
	g_assert(ops);
	if (!region_init_host(mr, MR_KIND_ROMD, name, size, errp))
		return false;
	mr->ops = ops;
	mr->opaque = opaque;
	mr->romd = true;
	return true;
}

void memory_region_init_alias(MemoryRegion *mr, const char *name, MemoryRegion *orig, hwaddr offset,
			      uint64_t size)
{
	g_assert(orig && orig != mr);
	region_init(mr, MR_KIND_ALIAS, name, size);
	mr->alias = orig;
	mr->alias_offset = offset;
	mr->alias_next = orig->aliases;
	orig->aliases = mr;
}

static void unlink_alias(MemoryRegion *mr)
{
	MemoryRegion **link = &mr->alias->aliases;

	while (*link != mr)
		link = &(*link)->alias_next;
	*link = mr->alias_next;
}

static void rebuild_dirty(void);
static void (*map_notifier)(AddressSpace *as);

void memory_set_map_notifier(void (*fn)(AddressSpace *as))
{
	map_notifier = fn;
}

void memory_region_finalize(MemoryRegion *mr)
{
	AddressSpace *as;
	MemoryRegion *sub, *next;

	g_assert(!mr->container && !mr->aliases);
	for (as = address_spaces; as; as = as->next)
		g_assert(as->root != mr);
	/* A pending transaction's stale views may still point at this region. */
	rebuild_dirty();
	for (sub = mr->subregions; sub; sub = next) {
		next = sub->sibling;
		sub->container = NULL;
		sub->sibling = NULL;
	}
	if (mr->kind == MR_KIND_ALIAS)
		unlink_alias(mr);
	if (mr->ram)
		munmap(mr->ram, mr->size);
	g_free(mr->name);
	memset(mr, 0, sizeof(*mr));
}

/* ---- change propagation ---- */

/* Marks every address space whose root can see mr, following containers and aliases up. */
static void mark_users(MemoryRegion *mr, unsigned depth)
{
	AddressSpace *as;
	MemoryRegion *a;

	g_assert(depth < MAX_DEPTH);
	for (; mr; mr = mr->container) {
		for (as = address_spaces; as; as = as->next)
			if (as->root == mr)
				as->dirty = true;
		for (a = mr->aliases; a; a = a->alias_next)
			mark_users(a, depth + 1);
	}
}

static void address_space_rebuild(AddressSpace *as);

static void rebuild_dirty(void)
{
	AddressSpace *as;

	for (as = address_spaces; as; as = as->next)
		if (as->dirty)
			address_space_rebuild(as);
}

static void topology_changed(MemoryRegion *mr)
{
	mark_users(mr, 0);
	if (!transaction_depth)
		rebuild_dirty();
}

void memory_region_transaction_begin(void)
{
	transaction_depth++;
}

void memory_region_transaction_commit(void)
{
	g_assert(transaction_depth > 0);
	if (!--transaction_depth)
		rebuild_dirty();
}

/* ---- topology changes ---- */

static void insert_subregion(MemoryRegion *parent, MemoryRegion *sub)
{
	MemoryRegion **link = &parent->subregions;

	/* Stop at the first sibling of equal or lower priority, so a newcomer wins ties. */
	while (*link && (*link)->priority > sub->priority)
		link = &(*link)->sibling;
	sub->sibling = *link;
	*link = sub;
}

void memory_region_add_subregion_overlap(MemoryRegion *parent, hwaddr offset, MemoryRegion *sub,
					 int priority)
{
	MemoryRegion *p;

	g_assert(!sub->container);
	for (p = parent; p; p = p->container)
		g_assert(p != sub);
	sub->container = parent;
	sub->addr = offset;
	sub->priority = priority;
	insert_subregion(parent, sub);
	topology_changed(sub);
}

void memory_region_add_subregion(MemoryRegion *parent, hwaddr offset, MemoryRegion *sub)
{
	memory_region_add_subregion_overlap(parent, offset, sub, 0);
}

void memory_region_del_subregion(MemoryRegion *parent, MemoryRegion *sub)
{
	MemoryRegion **link = &parent->subregions;

	g_assert(sub->container == parent);
	while (*link != sub)
		link = &(*link)->sibling;
	*link = sub->sibling;
	sub->sibling = NULL;
	sub->container = NULL;
	topology_changed(parent);
}

void memory_region_set_enabled(MemoryRegion *mr, bool enabled)
{
	if (mr->enabled == enabled)
		return;
	mr->enabled = enabled;
	topology_changed(mr);
}

void memory_region_set_address(MemoryRegion *mr, hwaddr addr)
{
	if (mr->addr == addr)
		return;
	mr->addr = addr;
	topology_changed(mr);
}

void memory_region_set_readonly(MemoryRegion *mr, bool readonly)
{
	if (mr->readonly == readonly)
		return;
	mr->readonly = readonly;
	topology_changed(mr);
}

void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
	uint8_t *base;

	if (mr->kind == MR_KIND_ALIAS) {
		base = memory_region_get_ram_ptr(mr->alias);
		return base ? base + mr->alias_offset : NULL;
	}
	return mr->ram;
}

uint64_t memory_region_size(MemoryRegion *mr)
{
	return mr->size;
}

const char *memory_region_name(const MemoryRegion *mr)
{
	return mr->name ? mr->name : "anonymous";
}

bool memory_region_is_ram(const MemoryRegion *mr)
{
	return mr->kind == MR_KIND_RAM || mr->kind == MR_KIND_ROM ||
	       (mr->kind == MR_KIND_ROMD && mr->romd);
}

/*
 * Leaving romd mode revokes direct reads: translations cached since the region was last looked
 * up in romd mode must go. Entering it needs nothing: cached device accesses still dispatch
 * by the mode at access time.
 */
void memory_region_rom_device_set_romd(MemoryRegion *mr, bool romd)
{
	g_assert(mr->kind == MR_KIND_ROMD);
	if (mr->romd == romd)
		return;
	mr->romd = romd;
	if (!romd && mr->romd_direct) {
		mr->romd_direct = false;
		if (map_notifier)
			map_notifier(NULL);
	}
}

static void notify_write(hwaddr addr, hwaddr len);

/* The contents changed behind the guest's back: every address showing them is written. */
void memory_region_flush_rom_device(MemoryRegion *mr, hwaddr offset, hwaddr len)
{
	for (AddressSpace *as = address_spaces; as; as = as->next) {
		for (unsigned i = 0; i < as->view->nr; i++) {
			const FlatRange *r = &as->view->ranges[i];
			hwaddr lo, hi;

			if (r->mr != mr || !len)
				continue;
			lo = MAX(offset, r->offset);
			hi = MIN(offset + len - 1, r->offset + (r->last - r->start));
			if (lo <= hi)
				notify_write(r->start + (lo - r->offset), hi - lo + 1);
		}
	}
}

/* ---- flattening ---- */

/* A visible stretch of a terminal region; lower rank wins where pieces overlap. */
typedef struct Piece {
	hwaddr start, last;
	MemoryRegion *mr;
	hwaddr offset;
	bool readonly;
	unsigned rank;
} Piece;

static void add_piece(GArray *pieces, MemoryRegion *mr, hwaddr start, hwaddr last, hwaddr offset,
		      bool readonly)
{
	Piece p = {
		.start = start,
		.last = last,
		.mr = mr,
		.offset = offset,
		.readonly = readonly,
		.rank = pieces->len,
	};

	g_array_append_val(pieces, p);
}

static void render_region(GArray *pieces, MemoryRegion *mr, hwaddr base, hwaddr lo, hwaddr hi,
			  bool ro, unsigned depth);

/* Renders the part of sub (placed in a parent whose offset 0 sits at base) within [lo, hi]. */
static void render_sub(GArray *pieces, MemoryRegion *sub, hwaddr base, hwaddr lo, hwaddr hi,
		       bool ro, unsigned depth)
{
	hwaddr last = region_last(sub);
	hwaddr end = sub->addr > UINT64_MAX - last ? UINT64_MAX : sub->addr + last;
	hwaddr ilo = MAX(lo, sub->addr), ihi = MIN(hi, end);

	if (ilo <= ihi)
		render_region(pieces, sub, base + sub->addr, ilo - sub->addr, ihi - sub->addr, ro,
			      depth + 1);
}

static void render_alias(GArray *pieces, MemoryRegion *mr, hwaddr base, hwaddr lo, hwaddr hi,
			 bool ro, unsigned depth)
{
	MemoryRegion *orig = mr->alias;
	hwaddr off = mr->alias_offset, olast;

	if (!orig->enabled || !orig->size)
		return;
	olast = region_last(orig);
	/* Clip the window to what orig actually has. */
	if (off > olast || lo > olast - off)
		return;
	hi = hi > olast - off ? olast : hi + off;
	render_region(pieces, orig, base - off, lo + off, hi, ro, depth + 1);
}

/*
 * Emits mr's offsets [lo, hi] (AS address = base + offset, modulo 2^64) in precedence order:
 * subregions first, highest first, then mr itself as the background.
 */
static void render_region(GArray *pieces, MemoryRegion *mr, hwaddr base, hwaddr lo, hwaddr hi,
			  bool ro, unsigned depth)
{
	MemoryRegion *sub;

	g_assert(depth < MAX_DEPTH);
	ro |= mr->readonly;
	if (mr->kind == MR_KIND_ALIAS) {
		render_alias(pieces, mr, base, lo, hi, ro, depth);
		return;
	}
	for (sub = mr->subregions; sub; sub = sub->sibling)
		if (sub->enabled && sub->size)
			render_sub(pieces, sub, base, lo, hi, ro, depth);
	if (mr->kind != MR_KIND_CONTAINER)
		add_piece(pieces, mr, base + lo, base + hi, lo,
			  ro || mr->kind == MR_KIND_ROM || mr->kind == MR_KIND_ROMD);
}

static int piece_cmp(const void *a, const void *b)
{
	const Piece *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Min-heap of pieces by rank: the top is the winner among those covering the sweep point. */
typedef struct Heap {
	const Piece **v;
	unsigned n;
} Heap;

static void heap_swap(Heap *h, unsigned i, unsigned j)
{
	const Piece *t = h->v[i];

	h->v[i] = h->v[j];
	h->v[j] = t;
}

static void heap_push(Heap *h, const Piece *p)
{
	unsigned i = h->n++;

	h->v[i] = p;
	while (i && h->v[(i - 1) / 2]->rank > h->v[i]->rank) {
		heap_swap(h, i, (i - 1) / 2);
		i = (i - 1) / 2;
	}
}

static void heap_pop(Heap *h)
{
	unsigned i = 0, c;

	h->v[0] = h->v[--h->n];
	while ((c = 2 * i + 1) < h->n) {
		if (c + 1 < h->n && h->v[c + 1]->rank < h->v[c]->rank)
			c++;
		if (h->v[i]->rank <= h->v[c]->rank)
			break;
		heap_swap(h, i, c);
		i = c;
	}
}

/* Appends [start, last] of p, merging with the previous range when it simply continues it. */
static void emit_range(GArray *out, const Piece *p, hwaddr start, hwaddr last)
{
	FlatRange r = {
		.start = start,
		.last = last,
		.mr = p->mr,
		.offset = p->offset + (start - p->start),
		.readonly = p->readonly,
	};
	FlatRange *prev = out->len ? &g_array_index(out, FlatRange, out->len - 1) : NULL;

	if (prev && prev->mr == r.mr && prev->readonly == r.readonly && prev->last + 1 == start &&
	    prev->offset + (prev->last - prev->start) + 1 == r.offset) {
		prev->last = last;
		return;
	}
	g_array_append_val(out, r);
}

/* Sweeps the sorted pieces left to right, emitting the lowest-rank piece covering each point. */
static void sweep(GArray *out, Piece *p, unsigned n)
{
	Heap h = { g_new(const Piece *, n ? n : 1), 0 };
	unsigned next = 0;
	hwaddr pos = 0, end;

	for (;;) {
		while (next < n && p[next].start <= pos)
			heap_push(&h, &p[next++]);
		while (h.n && h.v[0]->last < pos)
			heap_pop(&h);
		if (!h.n) {
			if (next == n)
				break;
			pos = p[next].start;
			continue;
		}
		end = h.v[0]->last;
		/* A piece starting later might outrank the current winner: stop there and look. */
		if (next < n && p[next].start - 1 < end)
			end = p[next].start - 1;
		emit_range(out, h.v[0], pos, end);
		if (end == UINT64_MAX)
			break;
		pos = end + 1;
	}
	g_free(h.v);
}

static FlatView *flatten(MemoryRegion *root)
{
	GArray *pieces = g_array_new(FALSE, FALSE, sizeof(Piece));
	GArray *out = g_array_new(FALSE, FALSE, sizeof(FlatRange));
	FlatView *view = g_new0(FlatView, 1);

	if (root->enabled && root->size)
		render_region(pieces, root, 0, 0, region_last(root), false, 0);
	if (pieces->len)
		qsort(pieces->data, pieces->len, sizeof(Piece), piece_cmp);
	sweep(out, (Piece *)pieces->data, pieces->len);
	g_array_free(pieces, TRUE);
	view->nr = out->len;
	view->ranges = (FlatRange *)g_array_free(out, FALSE);
	return view;
}

static void flatview_free(FlatView *view)
{
	if (!view)
		return;
	g_free(view->ranges);
	g_free(view);
}

static void address_space_rebuild(AddressSpace *as)
{
	flatview_free(as->view);
	as->view = flatten(as->root);
	as->generation++;
	as->dirty = false;
	if (map_notifier)
		map_notifier(as);
}

void address_space_init(AddressSpace *as, MemoryRegion *root, const char *name)
{
	g_assert(root);
	memset(as, 0, sizeof(*as));
	as->name = g_strdup(name);
	as->root = root;
	as->next = address_spaces;
	address_spaces = as;
	address_space_rebuild(as);
}

void address_space_destroy(AddressSpace *as)
{
	AddressSpace **link = &address_spaces;

	while (*link != as)
		link = &(*link)->next;
	*link = as->next;
	flatview_free(as->view);
	g_free(as->name);
	memset(as, 0, sizeof(*as));
}

/* ---- lookup ---- */

/*
 * The range holding addr, or NULL in a hole; *last is the inclusive end of that range or hole
 * and *first (if asked) its start.
 */
static const FlatRange *range_at(const FlatView *v, hwaddr addr, hwaddr *first, hwaddr *last)
{
	unsigned lo = 0, hi = v->nr, mid;
	const FlatRange *r;

	/* Find the first range starting above addr; the one before it may hold addr. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (v->ranges[mid].start <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	r = lo ? &v->ranges[lo - 1] : NULL;
	if (r && addr <= r->last) {
		*last = r->last;
		if (first)
			*first = r->start;
		return r;
	}
	*last = lo < v->nr ? v->ranges[lo].start - 1 : UINT64_MAX;
	if (first)
		*first = r ? r->last + 1 : 0;
	return NULL;
}

static uint64_t extent_size(hwaddr first, hwaddr last)
{
	return last - first == UINT64_MAX ? UINT64_MAX : last - first + 1;
}

MemoryRegionSection address_space_lookup(AddressSpace *as, hwaddr addr)
{
	MemoryRegionSection s = { 0 };
	hwaddr first, last;
	const FlatRange *r = range_at(as->view, addr, &first, &last);

	s.offset_within_address_space = first;
	s.size = extent_size(first, last);
	if (r) {
		s.mr = r->mr;
		s.offset_within_region = r->offset;
		s.readonly = r->readonly;
		/* a caller may now cache direct reads: leaving romd mode must revoke them */
		if (r->mr->kind == MR_KIND_ROMD && r->mr->romd)
			r->mr->romd_direct = true;
	}
	return s;
}

static void (*write_notifier)(hwaddr addr, hwaddr len);

void address_space_set_write_notifier(void (*fn)(hwaddr addr, hwaddr len))
{
	write_notifier = fn;
}

static void notify_write(hwaddr addr, hwaddr len)
{
	if (write_notifier && len)
		write_notifier(addr, len);
}

void *address_space_map_ram(AddressSpace *as, hwaddr addr, hwaddr *plen, bool is_write)
{
	hwaddr last;
	const FlatRange *r = range_at(as->view, addr, NULL, &last);

	if (!r || !memory_region_is_ram(r->mr) || (is_write && r->readonly)) {
		*plen = 0;
		return NULL;
	}
	if (*plen && *plen - 1 > last - addr)
		*plen = last - addr + 1;
	/* The caller may write anywhere in the mapping from now on. */
	if (is_write)
		notify_write(addr, *plen);
	return r->mr->ram + r->offset + (addr - r->start);
}

/* ---- IO dispatch ---- */

static unsigned clamp_size(unsigned size, unsigned dflt)
{
	return size ? MIN(size, 8) : dflt;
}

static bool io_access_valid(const MemoryRegion *mr, hwaddr offset, unsigned size)
{
	const MemoryRegionOps *ops = mr->ops;

	if (size < clamp_size(ops->valid.min_access_size, 1) ||
	    size > clamp_size(ops->valid.max_access_size, 4))
		return false;
	return ops->valid.unaligned || !(offset & (size - 1));
}

static uint64_t io_call_read(MemoryRegion *mr, hwaddr addr, unsigned size)
{
	if (!mr->ops->read)
		return 0;
	return mr->ops->read(mr->opaque, addr, size) & size_mask(size);
}

static void io_call_write(MemoryRegion *mr, hwaddr addr, uint64_t val, unsigned size)
{
	if (mr->ops->write)
		mr->ops->write(mr->opaque, addr, val & size_mask(size), size);
}

/*
 * One impl-sized unit at ua covering part of the access [off, last]: a read contributes its
 * overlapping bytes to *val; a write replaces them, reading the unit first if only partly
 * covered.
 */
static void io_unit(MemoryRegion *mr, hwaddr ua, unsigned u, hwaddr off, hwaddr last, uint64_t *val,
		    bool is_write)
{
	unsigned lo = ua < off ? off - ua : 0;
	unsigned hi = MIN(u - 1, last - ua);
	uint64_t unit = 0, byte;
	unsigned i, shift;

	if (!is_write || lo > 0 || hi < u - 1)
		unit = io_call_read(mr, ua, u);
	for (i = lo; i <= hi; i++) {
		shift = (ua + i - off) * 8;
		if (is_write) {
			byte = (*val >> shift) & 0xff;
			unit = (unit & ~(UINT64_C(0xff) << (i * 8))) | byte << (i * 8);
		} else {
			*val |= ((unit >> (i * 8)) & 0xff) << shift;
		}
	}
	if (is_write)
		io_call_write(mr, ua, unit, u);
}

/* A validated access, adapted to the callbacks' implemented sizes. */
static void io_dispatch(MemoryRegion *mr, hwaddr off, unsigned size, uint64_t *val, bool is_write)
{
	const MemoryRegionOps *ops = mr->ops;
	unsigned imin = clamp_size(ops->impl.min_access_size, 1);
	unsigned imax = clamp_size(ops->impl.max_access_size, 4);
	unsigned u = size < imin ? imin : MIN(size, imax);
	hwaddr last = off + size - 1, ua;

	if (u == size && (ops->impl.unaligned || !(off & (size - 1)))) {
		if (is_write)
			io_call_write(mr, off, *val, size);
		else
			*val = io_call_read(mr, off, size);
		return;
	}
	if (!is_write)
		*val = 0;
	ua = ops->impl.unaligned ? off : off & ~(hwaddr)(u - 1);
	for (;;) {
		io_unit(mr, ua, u, off, last, val, is_write);
		if (last - ua < u)
			break;
		ua += u;
	}
}

static MemTxResult io_access(MemoryRegion *mr, hwaddr off, unsigned size, uint64_t *val,
			     bool is_write)
{
	if (!io_access_valid(mr, off, size) || mr->in_io) {
		if (mr->in_io)
			qemu_log_mask(LOG_GUEST_ERROR, "blocked a re-entrant access to '%s'\n",
				      memory_region_name(mr));
		if (!is_write)
			*val = 0;
		return MEMTX_ERROR;
	}
	mr->in_io = true;
	io_dispatch(mr, off, size, val, is_write);
	mr->in_io = false;
	return MEMTX_OK;
}

/* Largest piece of a buffer access the device would take at off: natural and within valid.max. */
static unsigned io_piece(const MemoryRegion *mr, hwaddr off, hwaddr len)
{
	unsigned max = clamp_size(mr->ops->valid.max_access_size, 4);
	unsigned p = 8;

	while (p > 1 && (p > max || p > len || (!mr->ops->valid.unaligned && (off & (p - 1)))))
		p >>= 1;
	return p;
}

static MemTxResult io_rw_buf(MemoryRegion *mr, hwaddr off, uint8_t *buf, hwaddr len, bool is_write)
{
	MemTxResult res = MEMTX_OK, r;
	unsigned p;
	uint64_t v;

	while (len) {
		p = io_piece(mr, off, len);
		v = is_write ? ldn_le(buf, p) : 0;
		r = io_access(mr, off, p, &v, is_write);
		if (!is_write)
			stn_le(buf, p, v);
		if (res == MEMTX_OK)
			res = r;
		off += p;
		buf += p;
		len -= p;
	}
	return res;
}

/* ---- accesses ---- */

/* A load/store of size bytes at off, known to lie within the terminal region mr. */
static MemTxResult region_access(MemoryRegion *mr, hwaddr off, unsigned size, uint64_t *val,
				 bool is_write, bool readonly)
{
	switch (mr->kind) {
	case MR_KIND_RAM:
	case MR_KIND_ROM:
		if (!is_write)
			*val = ldn_le(mr->ram + off, size);
		else if (!readonly)
			stn_le(mr->ram + off, size, *val);
		return MEMTX_OK;
	case MR_KIND_IO:
		if (is_write && readonly)
			return MEMTX_OK;
		return io_access(mr, off, size, val, is_write);
	case MR_KIND_ROMD:
		if (!is_write && mr->romd) {
			*val = ldn_le(mr->ram + off, size);
			return MEMTX_OK;
		}
		return io_access(mr, off, size, val, is_write);
	default:
		if (!is_write)
			*val = 0;
		return MEMTX_DECODE_ERROR;
	}
}

static MemTxResult region_dispatch(MemoryRegion *mr, hwaddr off, unsigned size, uint64_t *val,
				   bool is_write)
{
	if (!valid_access_size(size) || !mr->size || off > region_last(mr) ||
	    size - 1 > region_last(mr) - off) {
		if (!is_write)
			*val = 0;
		return MEMTX_DECODE_ERROR;
	}
	return region_access(mr, off, size, val, is_write, mr->readonly || mr->kind == MR_KIND_ROM);
}

MemTxResult memory_region_dispatch_read(MemoryRegion *mr, hwaddr offset, unsigned size,
					uint64_t *val)
{
	return region_dispatch(mr, offset, size, val, false);
}

MemTxResult memory_region_dispatch_write(MemoryRegion *mr, hwaddr offset, unsigned size,
					 uint64_t val)
{
	return region_dispatch(mr, offset, size, &val, true);
}

/* len bytes at addr, all inside range r. */
static MemTxResult range_rw(const FlatRange *r, hwaddr addr, uint8_t *buf, hwaddr len,
			    bool is_write)
{
	MemoryRegion *mr = r->mr;
	hwaddr off = r->offset + (addr - r->start);

	if (mr->kind == MR_KIND_IO) {
		if (is_write && r->readonly)
			return MEMTX_OK;
		return io_rw_buf(mr, off, buf, len, is_write);
	}
	if (mr->kind == MR_KIND_ROMD && (is_write || !mr->romd))
		return io_rw_buf(mr, off, buf, len, is_write);
	if (!is_write)
		memcpy(buf, mr->ram + off, len);
	else if (!r->readonly)
		memcpy(mr->ram + off, buf, len);
	return MEMTX_OK;
}

static MemTxResult unassigned_rw(uint8_t *buf, hwaddr len, bool is_write)
{
	if (!is_write)
		memset(buf, 0, len);
	return MEMTX_DECODE_ERROR;
}

/* Buffer access; on writes buf is only read from. */
static MemTxResult as_rw(AddressSpace *as, hwaddr addr, uint8_t *buf, hwaddr len, bool is_write)
{
	MemTxResult res = MEMTX_OK, r;
	const FlatRange *fr;
	hwaddr last, n;

	while (len) {
		fr = range_at(as->view, addr, NULL, &last);
		n = len - 1 > last - addr ? last - addr + 1 : len;
		r = fr ? range_rw(fr, addr, buf, n, is_write) : unassigned_rw(buf, n, is_write);
		if (res == MEMTX_OK)
			res = r;
		if (n == len)
			break;
		buf += n;
		len -= n;
		if (last == UINT64_MAX) {
			/* The rest would wrap past 2^64: there is nothing there. */
			r = unassigned_rw(buf, len, is_write);
			return res == MEMTX_OK ? r : res;
		}
		addr += n;
	}
	return res;
}

MemTxResult address_space_read(AddressSpace *as, hwaddr addr, void *buf, hwaddr len)
{
	return as_rw(as, addr, buf, len, false);
}

MemTxResult address_space_write(AddressSpace *as, hwaddr addr, const void *buf, hwaddr len)
{
	MemTxResult r = as_rw(as, addr, (uint8_t *)buf, len, true);
	notify_write(addr, len);
	return r;
}

static MemTxResult as_access(AddressSpace *as, hwaddr addr, unsigned size, uint64_t *val,
			     bool is_write)
{
	const FlatRange *fr;
	hwaddr last;
	uint8_t b[8];
	MemTxResult r;

	if (!valid_access_size(size)) {
		if (!is_write)
			*val = 0;
		return MEMTX_ERROR;
	}
	fr = range_at(as->view, addr, NULL, &last);
	if (likely(fr && last - addr >= size - 1))
		return region_access(fr->mr, fr->offset + (addr - fr->start), size, val, is_write,
				     fr->readonly);
	/* Crosses a boundary or is unassigned: go byte-buffer style. */
	if (is_write)
		stn_le(b, size, *val);
	r = as_rw(as, addr, b, size, is_write);
	if (!is_write)
		*val = ldn_le(b, size);
	return r;
}

MemTxResult address_space_load(AddressSpace *as, hwaddr addr, unsigned size, uint64_t *val)
{
	return as_access(as, addr, size, val, false);
}

MemTxResult address_space_store(AddressSpace *as, hwaddr addr, unsigned size, uint64_t val)
{
	MemTxResult r = as_access(as, addr, size, &val, true);
	notify_write(addr, size);
	return r;
}
