// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qemu-img amend for qcow2, in QEMU 7.2's order: an upgrade to v3 first (some changes need
 * it), then a new refcount width, the header, lazy refcounts, the size, and a downgrade to v2
 * last, once what v2 cannot express is gone. A downgrade turns zero clusters into zeroed data
 * (or unallocated clusters where no backing file shows through). A new refcount width is a
 * complete new refcount structure written past the end of the file; the header switches to it
 * in one write, so a crash leaves the old structure or the new one, never half of each.
 */
#include "qemu/osdep.h"
#include "qcow2.h"

const BlockCreateOpt qcow2_amend_opts[] = {
	{ "size", BLOCK_OPT_SIZE, "Virtual disk size" },
	{ "compat", BLOCK_OPT_STRING, "Compatibility level (v2 [0.10] or v3 [1.1])" },
	{ "backing_file", BLOCK_OPT_STRING, "File name of a base image" },
	{ "backing_fmt", BLOCK_OPT_STRING, "Image format of the base image" },
	{ "data_file", BLOCK_OPT_STRING, "File name of an external data file" },
	{ "data_file_raw", BLOCK_OPT_BOOL,
	  "The external data file must stay valid as a raw image" },
	{ "lazy_refcounts", BLOCK_OPT_BOOL, "Postpone refcount updates" },
	{ "refcount_bits", BLOCK_OPT_NUMBER, "Width of a reference count entry in bits" },
	/* LUKS keyslots: we open no encrypted image, so these always meet QEMU's refusal */
	{ "encrypt.state", BLOCK_OPT_STRING,
	  "Select new state of affected keyslots (active/inactive)" },
	{ "encrypt.keyslot", BLOCK_OPT_NUMBER, "Select a single keyslot to modify explicitly" },
	{ "encrypt.old-secret", BLOCK_OPT_STRING, "Select all keyslots that match this password" },
	{ "encrypt.new-secret", BLOCK_OPT_STRING,
	  "New secret to set in the matching keyslots. Empty string to erase" },
	{ "encrypt.iter-time", BLOCK_OPT_NUMBER, "Time to spend in PBKDF in milliseconds" },
	/* QEMU's creation options that are not ours: amend names them as creation-only */
	{ "encryption", BLOCK_OPT_BOOL, NULL, NULL, true },
	{ "encrypt.format", BLOCK_OPT_STRING, NULL, NULL, true },
	{ "encrypt.key-secret", BLOCK_OPT_STRING, NULL, NULL, true },
	{ "encrypt.cipher-alg", BLOCK_OPT_STRING, NULL, NULL, true },
	{ "encrypt.cipher-mode", BLOCK_OPT_STRING, NULL, NULL, true },
	{ "encrypt.ivgen-alg", BLOCK_OPT_STRING, NULL, NULL, true },
	{ "encrypt.ivgen-hash-alg", BLOCK_OPT_STRING, NULL, NULL, true },
	{ "encrypt.hash-alg", BLOCK_OPT_STRING, NULL, NULL, true },
	{ NULL },
};

typedef struct Amend {
	BlockDriverState *bs;
	Qcow2State *s;
	BlockAmendProgress *progress;
	void *opaque;
} Amend;

static void report(Amend *a, uint64_t done, uint64_t total)
{
	if (a->progress)
		a->progress(a->opaque, done, total);
}

/* v3 needs each snapshot's 64-bit VM state size and disk size in its extra data. */
static bool upgrade(Amend *a, Error **errp)
{
	Qcow2State *s = a->s;
	bool rewrite = false;
	int ret;

	report(a, 0, 2);
	for (int i = 0; i < s->nb_snapshots; i++) {
		Qcow2Snapshot *sn = &s->snapshots[i];
		if (sn->extra_size < 16) {
			sn->extra = g_realloc(sn->extra, 24);
			memset(sn->extra + sn->extra_size, 0, 24 - sn->extra_size);
			sn->extra_size = 24;
			rewrite = true;
		}
	}
	ret = rewrite ? qcow2_write_snapshot_table(a->bs) : 0;
	if (ret < 0) {
		error_setg_errno(errp, -ret, "Failed to update the snapshot table");
		return false;
	}
	report(a, 1, 2);
	s->version = 3;
	ret = qcow2_update_header(a->bs);
	if (ret < 0) {
		s->version = 2;
		error_setg_errno(errp, -ret, "Failed to update the image header");
		return false;
	}
	report(a, 2, 2);
	return true;
}

/* Every refcount of the image, from its current structure; *n is the count of clusters. */
static int read_all_refcounts(Amend *a, uint64_t **rcs, uint64_t *n)
{
	Qcow2State *s = a->s;
	uint64_t per_block = 1ULL << s->refblock_bits;
	uint32_t used = s->reftable_size;
	int ret = qcow2_flush_metadata(a->bs);

	/* as far as refcount blocks exist, not as far as the table could reach */
	while (used && !(s->reftable[used - 1] & REFT_OFFSET_MASK))
		used--;
	*n = (uint64_t)used * per_block;
	*rcs = g_try_new0(uint64_t, *n ? *n : 1);
	if (!*rcs)
		return -ENOMEM;
	for (uint32_t i = 0; ret == 0 && i < used; i++)
		for (uint64_t j = 0;
		     ret == 0 && (s->reftable[i] & REFT_OFFSET_MASK) && j < per_block; j++)
			ret = qcow2_get_refcount(a->bs, i * per_block + j,
						 &(*rcs)[i * per_block + j]);
	while (*n && !(*rcs)[*n - 1])
		(*n)--;
	return ret;
}

/* The refcount blocks and table covering n clusters plus their own (a fixed point). */
static void new_structure_size(uint64_t n, int cluster_bits, int order, uint64_t *blocks,
			       uint64_t *table)
{
	uint64_t per_block = 1ULL << (cluster_bits + 3 - order), b = 0, t = 0, nb, nt;

	for (;;) {
		nb = QEMU_DIV_ROUND_UP(n + b + t, per_block);
		nt = QEMU_DIV_ROUND_UP(nb * 8, 1ULL << cluster_bits);
		if (nb == b && nt == t)
			break;
		b = nb;
		t = nt;
	}
	*blocks = b;
	*table = t;
}

/* Writes the new blocks and table from cluster `start` on; returns the table in host order. */
static int write_structure(Amend *a, const uint64_t *rcs, uint64_t n, int order, uint64_t start,
			   uint64_t blocks, uint64_t table_clusters, uint64_t **table)
{
	Qcow2State *s = a->s, fmt = { .refcount_order = order };
	uint64_t per_block = 1ULL << (s->cluster_bits + 3 - order), cs = s->cluster_size;
	uint64_t entries = table_clusters * cs / 8;
	uint8_t *block = g_malloc(cs);
	uint64_t *be = g_new0(uint64_t, entries);
	int ret = 0;

	*table = g_new0(uint64_t, entries);
	for (uint64_t b = 0; ret == 0 && b < blocks; b++) {
		memset(block, 0, cs);
		for (uint64_t j = 0; j < per_block && b * per_block + j < n; j++)
			qcow2_refcount_set_entry(&fmt, block, j, rcs[b * per_block + j]);
		(*table)[b] = (start + b) * cs;
		be[b] = cpu_to_be64((*table)[b]);
		ret = bdrv_pwrite(a->bs->file, (start + b) * cs, block, cs);
		report(a, b + 1, blocks + 1);
	}
	if (ret == 0)
		ret = bdrv_pwrite(a->bs->file, (start + blocks) * cs, be, entries * 8);
	g_free(block);
	g_free(be);
	return ret;
}

/* The running state follows the new structure; the old one's clusters are free now. */
static void switch_structure(Qcow2State *s, int order, uint64_t *table, uint64_t offset,
			     uint32_t entries)
{
	for (uint32_t i = 0; i < s->reftable_size; i++)
		if (s->reftable[i] & REFT_OFFSET_MASK)
			qcow2_cache_discard(s->refblock_cache, s->reftable[i] & REFT_OFFSET_MASK);
	g_free(s->reftable);
	s->reftable = table;
	s->reftable_size = entries;
	s->reftable_offset = offset;
	s->refcount_order = order;
	s->refblock_bits = s->cluster_bits + 3 - order;
	s->refcount_max = order == 6 ? UINT64_MAX : (1ULL << (1 << order)) - 1;
	s->free_cluster_index = 0;
	qcow2_metadata_rebuild(s);
}

static bool change_refcount_order(Amend *a, int order, Error **errp)
{
	Qcow2State *s = a->s;
	uint64_t max = order == 6 ? UINT64_MAX : (1ULL << (1 << order)) - 1, *rcs, *table = NULL;
	uint64_t n, start, blocks, table_clusters, cs = s->cluster_size;
	uint64_t old_table = s->reftable_offset, old_entries = s->reftable_size;
	int64_t file_len = bdrv_getlength(a->bs->file);
	int ret;

	n = 0;
	ret = read_all_refcounts(a, &rcs, &n);

	for (uint64_t c = 0; ret == 0 && c < n; c++) {
		if (rcs[c] > max) {
			error_setg(errp,
				   "Cannot decrease refcount entry width to %i bits: Cluster at "
				   "offset %#" PRIx64 " has a refcount of %" PRIu64,
				   1 << order, c * cs, rcs[c]);
			g_free(rcs);
			return false;
		}
	}
	if (ret == 0 && file_len < 0)
		ret = file_len;
	if (ret < 0) {
		error_setg_errno(errp, -ret, "Failed to read the refcounts");
		g_free(rcs);
		return false;
	}
	/* the old structure's clusters are free in the new one, which goes past everything */
	for (uint64_t i = 0; i < old_entries; i++) {
		uint64_t block = (s->reftable[i] & REFT_OFFSET_MASK) / cs;
		if (block && block < n)
			rcs[block] = 0;
	}
	for (uint64_t c = old_table / cs; c < (old_table + old_entries * 8) / cs && c < n; c++)
		rcs[c] = 0;
	start = MAX(n, QEMU_DIV_ROUND_UP((uint64_t)file_len, cs));
	new_structure_size(start, s->cluster_bits, order, &blocks, &table_clusters);
	rcs = g_renew(uint64_t, rcs, start + blocks + table_clusters);
	memset(rcs + n, 0, (start - n) * 8);
	for (uint64_t c = start; c < start + blocks + table_clusters; c++)
		rcs[c] = 1;
	ret = write_structure(a, rcs, start + blocks + table_clusters, order, start, blocks,
			      table_clusters, &table);
	if (ret == 0)
		ret = bdrv_flush(a->bs->file);
	g_free(rcs);
	if (ret < 0) {
		error_setg_errno(errp, -ret, "Failed to write the new refcount structure");
		g_free(table);
		return false;
	}
	switch_structure(s, order, table, (start + blocks) * cs, table_clusters * cs / 8);
	ret = qcow2_update_header(a->bs);
	if (ret < 0) {
		/* the old structure is still the one on disk: the new one is leaked space */
		error_setg_errno(errp, -ret, "Failed to update the image header");
		return false;
	}
	return true;
}

/* Does any table, active or a snapshot's, hold a compressed cluster? */
static int has_compressed(Amend *a, const uint64_t *l1, uint32_t l1_size)
{
	Qcow2State *s = a->s;
	int found = 0;

	for (uint32_t i = 0; !found && i < l1_size; i++) {
		uint64_t off = l1[i] & L1E_OFFSET_MASK, *l2;
		int ret;
		if (!off)
			continue;
		ret = qcow2_cache_get(a->bs, s->l2_cache, off, false, (void **)&l2);
		if (ret < 0)
			return ret;
		for (uint32_t j = 0; !found && j < s->l2_entries; j++)
			found = !!(qcow2_l2_entry(s, l2, j) & QCOW_OFLAG_COMPRESSED);
		qcow2_cache_put(s->l2_cache, l2);
	}
	return found;
}

/* An L1 table in host order: the active one, or snapshot k's read from the image. */
static int get_l1(Amend *a, int k, uint64_t **l1, uint32_t *size)
{
	Qcow2State *s = a->s;
	const Qcow2Snapshot *sn = k < 0 ? NULL : &s->snapshots[k];
	int ret;

	*size = sn ? sn->l1_size : s->l1_size;
	*l1 = g_new0(uint64_t, MAX(*size, 1));
	if (!sn) {
		memcpy(*l1, s->l1_table, *size * 8ULL);
		return 0;
	}
	ret = bdrv_pread(a->bs->file, sn->l1_table_offset, *l1, *size * 8ULL);
	for (uint32_t i = 0; i < *size; i++)
		(*l1)[i] = be64_to_cpu((*l1)[i]);
	return ret;
}

static int any_compressed(Amend *a)
{
	int ret = 0;

	for (int k = -1; ret == 0 && k < a->s->nb_snapshots; k++) {
		uint64_t *l1;
		uint32_t size;
		ret = get_l1(a, k, &l1, &size);
		if (ret == 0)
			ret = has_compressed(a, l1, size);
		g_free(l1);
	}
	return ret;
}

/*
 * A zero cluster of an L2 table with refcount l2_rc as v2 has it: a zeroed cluster of its own
 * (the one it had when nothing else shares it), or unallocated where nothing shows through.
 */
static int expand_entry(Amend *a, uint64_t entry, uint64_t l2_rc, uint64_t *out)
{
	Qcow2State *s = a->s;
	uint64_t host = entry & L2E_OFFSET_MASK, rc = 0;
	int64_t off = host;
	int ret = host ? qcow2_get_refcount(a->bs, host >> s->cluster_bits, &rc) : 0;

	if (ret < 0)
		return ret;
	if (!host && !s->backing_file) {
		*out = 0;
		return 0;
	}
	if (!host || rc != l2_rc) {
		off = qcow2_alloc_clusters(a->bs, 1);
		if (off < 0)
			return off;
		ret = l2_rc > 1 ? qcow2_set_refcount(a->bs, off >> s->cluster_bits, l2_rc) : 0;
		/* the table's references to the old cluster go only once the table is on disk */
		for (uint64_t k = 0; ret == 0 && host && k < l2_rc; k++)
			qcow2_free_clusters(a->bs, host, s->cluster_size);
	} else if (qcow2_overlaps_metadata(a->bs, host, s->cluster_size, false)) {
		return qcow2_mark_corrupt(a->bs, "Data cluster at %#" PRIx64 " overlaps metadata",
					  host);
	}
	if (ret == 0)
		ret = bdrv_pwrite_zeroes(a->bs->file, off, s->cluster_size, false);
	*out = off | (l2_rc == 1 ? QCOW_OFLAG_COPIED : 0);
	return ret;
}

static int expand_table(Amend *a, uint64_t l2_offset)
{
	Qcow2State *s = a->s;
	uint64_t rc, *l2;
	int ret = qcow2_get_refcount(a->bs, l2_offset >> s->cluster_bits, &rc);

	if (ret == 0)
		ret = qcow2_cache_get(a->bs, s->l2_cache, l2_offset, false, (void **)&l2);
	if (ret < 0)
		return ret;
	for (uint32_t j = 0; ret == 0 && j < s->l2_entries; j++) {
		uint64_t e = qcow2_l2_entry(s, l2, j), n = 0;
		if ((e & QCOW_OFLAG_COMPRESSED) || !(e & QCOW_OFLAG_ZERO))
			continue;
		ret = expand_entry(a, e, rc, &n);
		if (ret == 0) {
			qcow2_set_l2_entry(s, l2, j, n, 0);
			qcow2_cache_mark_dirty(s->l2_cache, l2);
		}
	}
	qcow2_cache_put(s->l2_cache, l2);
	return ret;
}

static int expand_zero_clusters(Amend *a)
{
	uint64_t total = a->s->l1_size, done = 0;
	int ret = 0;

	for (int k = 0; k < a->s->nb_snapshots; k++)
		total += a->s->snapshots[k].l1_size;
	for (int k = -1; ret == 0 && k < a->s->nb_snapshots; k++) {
		uint64_t *l1;
		uint32_t size;
		ret = get_l1(a, k, &l1, &size);
		for (uint32_t i = 0; ret == 0 && i < size; i++) {
			if (l1[i] & L1E_OFFSET_MASK)
				ret = expand_table(a, l1[i] & L1E_OFFSET_MASK);
			report(a, ++done, total);
		}
		g_free(l1);
	}
	/* every table is on disk before the header says v2 */
	if (ret == 0)
		ret = qcow2_flush_metadata(a->bs);
	return ret == 0 ? bdrv_flush(a->bs->file) : ret;
}

static bool downgrade(Amend *a, Error **errp)
{
	Qcow2State *s = a->s;
	int ret;

	if (s->refcount_order != 4) {
		error_setg(errp, "compat=0.10 requires refcount_bits=16");
		return false;
	}
	/* a v2 snapshot has no room for another disk size or a VM state over 4 GiB */
	for (int i = 0; i < s->nb_snapshots; i++) {
		if (s->snapshots[i].vm_state_size > UINT32_MAX ||
		    s->snapshots[i].disk_size != s->size) {
			error_setg(errp, "Internal snapshots prevent downgrade of image");
			return false;
		}
	}
	/* v2 has no dirty bit: no lazy refcounts from here on, and everything counted now */
	s->lazy_refcounts = false;
	ret = qcow2_mark_clean(a->bs);
	if (ret < 0) {
		error_setg_errno(errp, -ret, "Failed to make the image clean");
		return false;
	}
	if (s->compression_type == QCOW2_COMPRESSION_ZSTD) {
		ret = any_compressed(a);
		if (ret) {
			error_setg(errp, ret < 0
					     ? "Failed to check block status"
					     : "Cannot downgrade an image with zstd compression "
					       "type and existing compressed clusters");
			return false;
		}
		s->incompat &= ~(uint64_t)QCOW2_INCOMPAT_COMPRESSION;
		s->compression_type = QCOW2_COMPRESSION_ZLIB;
	}
	if (s->incompat) {
		error_setg(errp,
			   "Cannot downgrade an image with incompatible features %#" PRIx64 " set",
			   s->incompat);
		return false;
	}
	s->compat = 0;
	s->autoclear = 0;
	ret = expand_zero_clusters(a);
	if (ret < 0) {
		error_setg_errno(errp, -ret, "Failed to turn zero into data clusters");
		return false;
	}
	s->version = 2;
	ret = qcow2_update_header(a->bs);
	if (ret < 0) {
		s->version = 3;
		error_setg_errno(errp, -ret, "Failed to update the image header");
		return false;
	}
	return true;
}

static bool set_lazy_refcounts(Amend *a, bool on, int version, Error **errp)
{
	Qcow2State *s = a->s;
	uint64_t old = s->compat;
	int ret;

	if (on && version < 3) {
		error_setg(errp, "Lazy refcounts only supported with compatibility level 1.1 and "
				 "above (use compat=1.1 or greater)");
		return false;
	}
	/* without lazy refcounts the image may not stay dirty */
	ret = on ? 0 : qcow2_mark_clean(a->bs);
	if (ret < 0) {
		error_setg_errno(errp, -ret, "Failed to make the image clean");
		return false;
	}
	s->compat = on ? old | QCOW2_COMPAT_LAZY_REFCOUNTS : old & ~QCOW2_COMPAT_LAZY_REFCOUNTS;
	ret = qcow2_update_header(a->bs);
	if (ret < 0) {
		s->compat = old;
		error_setg_errno(errp, -ret, "Failed to update the image header");
		return false;
	}
	s->lazy_refcounts = on;
	return true;
}

typedef struct AmendArgs {
	int version;
	uint64_t size, refcount_bits;
	bool lazy;
	const char *backing_file, *backing_fmt;
} AmendArgs;

/* The options, checked in the order QEMU checks them; values are already well-typed. */
static bool parse(Qcow2State *s, QemuOpts *opts, AmendArgs *p, Error **errp)
{
	const char *compat = qemu_opt_get(opts, "compat");

	*p = (AmendArgs){ .version = s->version,
			  .refcount_bits = 1ULL << s->refcount_order,
			  .lazy = s->compat & QCOW2_COMPAT_LAZY_REFCOUNTS };
	if (compat && (!strcmp(compat, "0.10") || !strcmp(compat, "v2"))) {
		p->version = 2;
	} else if (compat && (!strcmp(compat, "1.1") || !strcmp(compat, "v3"))) {
		p->version = 3;
	} else if (compat) {
		error_setg(errp, "Unknown compatibility level %s", compat);
		return false;
	}
	p->size = qemu_opt_get_size(opts, "size", 0, NULL);
	p->backing_file = qemu_opt_get(opts, "backing_file");
	p->backing_fmt = qemu_opt_get(opts, "backing_fmt");
	if (qemu_opt_get(opts, "data_file")) {
		error_setg(errp, "data-file can only be set for images that use an external data "
				 "file");
		return false;
	}
	if (qemu_opt_get_bool(opts, "data_file_raw", false, NULL)) {
		error_setg(errp, "data-file-raw cannot be set on existing images");
		return false;
	}
	p->lazy = qemu_opt_get_bool(opts, "lazy_refcounts", p->lazy, NULL);
	p->refcount_bits = qemu_opt_get_number(opts, "refcount_bits", p->refcount_bits, NULL);
	if (!p->refcount_bits || p->refcount_bits > 64 ||
	    (p->refcount_bits & (p->refcount_bits - 1))) {
		error_setg(errp,
			   "Refcount width must be a power of two and may not exceed 64 bits");
		return false;
	}
	for (const BlockCreateOpt *o = qcow2_amend_opts; o->name && !o->create_only; o++) {
		if (g_str_has_prefix(o->name, "encrypt.") && qemu_opt_has(opts, o->name)) {
			error_setg(errp, "Can't amend encryption options - encryption not present");
			return false;
		}
	}
	return true;
}

bool qcow2_amend(BlockDriverState *bs, QemuOpts *opts, BlockAmendProgress *progress, void *opaque,
		 Error **errp)
{
	Qcow2State *s = bs->opaque;
	Amend a = { .bs = bs, .s = s, .progress = progress, .opaque = opaque };
	int old_version = s->version, ret;
	AmendArgs p;

	if (!parse(s, opts, &p, errp))
		return false;
	if (p.version > old_version && !upgrade(&a, errp))
		return false;
	if (p.refcount_bits != 1ULL << s->refcount_order) {
		if (p.version < 3 && p.refcount_bits != 16) {
			error_setg(errp, "Refcount widths other than 16 bits require compatibility "
					 "level 1.1 or above (use compat=1.1 or greater)");
			return false;
		}
		if (!change_refcount_order(&a, __builtin_ctzll(p.refcount_bits), errp))
			return false;
	}
	ret = qcow2_update_header(bs);
	if (ret < 0) {
		error_setg_errno(errp, -ret, "Failed to update the image header");
		return false;
	}
	if ((p.backing_file || p.backing_fmt) && (g_strcmp0(p.backing_file, s->backing_file) ||
						  g_strcmp0(p.backing_fmt, s->backing_format))) {
		error_setg(errp, "Cannot amend the backing file");
		error_append_hint(errp, "You can use 'qemu-img rebase' instead.\n");
		return false;
	}
	if (p.lazy != !!(s->compat & QCOW2_COMPAT_LAZY_REFCOUNTS) &&
	    !set_lazy_refcounts(&a, p.lazy, p.version, errp))
		return false;
	if (p.size && !bs->drv->truncate(bs, p.size, errp))
		return false;
	return p.version >= old_version || downgrade(&a, errp);
}
