// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The qcow2 internal snapshot table: one variable-length entry per snapshot (its own L1
 * table, id, name, dates, VM state size, and extra data of a size the entry declares), each
 * padded to 8 bytes. Reading it is bounded by the sizes the header allows, so a hostile table
 * can neither make us allocate without limit nor read past what it declared.
 */
#include "qemu/osdep.h"
#include "qcow2.h"

#define SNAPSHOT_FIXED		 40
#define QCOW2_MAX_SNAPSHOT_TABLE (64 * 1024 * 1024)

static int read_bytes(BlockDriverState *bs, uint64_t *at, void *buf, uint64_t len, uint64_t *total)
{
	Qcow2State *s = bs->opaque;
	int ret;

	*total += len;
	if (*total > QCOW2_MAX_SNAPSHOT_TABLE)
		return -EFBIG;
	ret = bdrv_pread(bs->file, s->snapshots_offset + *at, buf, len);
	*at += len;
	return ret;
}

static int read_one(BlockDriverState *bs, uint64_t *at, uint64_t *total, Qcow2Snapshot *sn,
		    Error **errp)
{
	Qcow2State *s = bs->opaque;
	uint8_t h[SNAPSHOT_FIXED], *extra;
	uint32_t id_len, name_len;
	int ret = read_bytes(bs, at, h, sizeof(h), total);

	if (ret < 0)
		return ret;
	sn->l1_table_offset = ldq_be_p(h);
	sn->l1_size = ldl_be_p(h + 8);
	id_len = lduw_be_p(h + 12);
	name_len = lduw_be_p(h + 14);
	sn->date_sec = ldl_be_p(h + 16);
	sn->date_nsec = ldl_be_p(h + 20);
	sn->vm_clock_nsec = ldq_be_p(h + 24);
	sn->vm_state_size = ldl_be_p(h + 32);
	sn->extra_size = ldl_be_p(h + 36);
	sn->disk_size = s->size;
	sn->icount = -1;
	if (sn->extra_size > 1024) {
		error_setg(errp, "Too much extra metadata in snapshot table entry");
		return -EFBIG;
	}
	extra = g_malloc0(MAX(sn->extra_size, 24));
	ret = read_bytes(bs, at, extra, sn->extra_size, total);
	if (ret == 0 && sn->extra_size >= 8)
		sn->vm_state_size = ldq_be_p(extra);
	if (ret == 0 && sn->extra_size >= 16)
		sn->disk_size = ldq_be_p(extra + 8);
	if (ret == 0 && sn->extra_size >= 24)
		sn->icount = ldq_be_p(extra + 16);
	sn->extra = extra; /* kept whole: a rewritten table keeps what we do not interpret */
	sn->id_str = g_malloc0(id_len + 1);
	sn->name = g_malloc0(name_len + 1);
	if (ret == 0)
		ret = read_bytes(bs, at, sn->id_str, id_len, total);
	if (ret == 0)
		ret = read_bytes(bs, at, sn->name, name_len, total);
	*at = QEMU_ALIGN_UP(*at, 8);
	if (ret == 0 && (uint64_t)sn->l1_size * 8 > QCOW2_MAX_L1_BYTES) {
		error_setg(errp, "Snapshot L1 table too large");
		return -EFBIG;
	}
	if (ret == 0 && (sn->l1_table_offset & (s->cluster_size - 1))) {
		error_setg(errp, "Snapshot L1 table offset invalid");
		return -EINVAL;
	}
	return ret;
}

void qcow2_free_snapshots(Qcow2State *s)
{
	for (int i = 0; i < s->nb_snapshots; i++) {
		g_free(s->snapshots[i].id_str);
		g_free(s->snapshots[i].name);
		g_free(s->snapshots[i].extra);
	}
	g_free(s->snapshots);
	s->snapshots = NULL;
	s->nb_snapshots = 0;
}

int qcow2_read_snapshots(BlockDriverState *bs, uint32_t count, Error **errp)
{
	Qcow2State *s = bs->opaque;
	uint64_t at = 0, total = 0;

	s->snapshots = g_new0(Qcow2Snapshot, count);
	for (uint32_t i = 0; i < count; i++) {
		int ret = read_one(bs, &at, &total, &s->snapshots[i], errp);
		s->nb_snapshots = i + 1;
		if (ret < 0) {
			if (errp && !*errp)
				error_setg_errno(errp, -ret, "Failed to read snapshot table");
			qcow2_free_snapshots(s);
			return ret;
		}
	}
	s->snapshots_size = at;
	return 0;
}

QValue qcow2_snapshot_list(Qcow2State *s)
{
	QValue list = qv_list();

	for (int i = 0; i < s->nb_snapshots; i++) {
		const Qcow2Snapshot *sn = &s->snapshots[i];
		QValue d = qv_dict();
		qv_dict_put(&d, "id", qv_str(sn->id_str));
		qv_dict_put(&d, "name", qv_str(sn->name));
		qv_dict_put(&d, "vm-state-size", qv_int(sn->vm_state_size));
		qv_dict_put(&d, "date-sec", qv_int(sn->date_sec));
		qv_dict_put(&d, "date-nsec", qv_int(sn->date_nsec));
		qv_dict_put(&d, "vm-clock-sec", qv_int(sn->vm_clock_nsec / 1000000000));
		qv_dict_put(&d, "vm-clock-nsec", qv_int(sn->vm_clock_nsec % 1000000000));
		if (sn->icount != -1)
			qv_dict_put(&d, "icount", qv_int(sn->icount));
		qv_list_append(&list, d);
	}
	return list;
}

/* Snapshot operations: qemu-img snapshot -c, -a and -d. */

/* The snapshot whose id, else whose name, is this; -1 when none is. */
static int find_snapshot(Qcow2State *s, const char *id_or_name)
{
	for (int i = 0; i < s->nb_snapshots; i++)
		if (!strcmp(s->snapshots[i].id_str, id_or_name))
			return i;
	for (int i = 0; i < s->nb_snapshots; i++)
		if (!strcmp(s->snapshots[i].name, id_or_name))
			return i;
	return -1;
}

/* One more (addend 1) or one fewer (-1) reference to every table and cluster an L1 reaches. */
static int update_tree_refcounts(BlockDriverState *bs, const uint64_t *l1, uint32_t l1_size,
				 int addend)
{
	Qcow2State *s = bs->opaque;
	int ret = 0;

	for (uint32_t i = 0; ret == 0 && i < l1_size; i++) {
		uint64_t l2_offset = l1[i] & L1E_OFFSET_MASK, *l2;
		if (!l2_offset)
			continue;
		if ((l1[i] & L1E_RESERVED_MASK) || (l2_offset & (s->cluster_size - 1)))
			return qcow2_mark_corrupt(bs, "Snapshot L1 entry %#" PRIx64 " invalid",
						  l1[i]);
		ret = qcow2_cache_get(bs, s->l2_cache, l2_offset, false, (void **)&l2);
		if (ret < 0)
			break;
		for (uint32_t j = 0; ret == 0 && j < s->l2_entries; j++) {
			uint64_t e = qcow2_l2_entry(s, l2, j);
			if (addend < 0) {
				qcow2_release_entry(bs, e);
			} else if (e & QCOW_OFLAG_COMPRESSED) {
				uint64_t off = e & s->coffset_mask;
				uint64_t n = (((e >> s->csize_shift) & s->csize_mask) + 1) * 512;
				ret = qcow2_ref_clusters(bs, off & ~511ULL, n);
			} else if (e & L2E_OFFSET_MASK) {
				ret = qcow2_ref_clusters(bs, e & L2E_OFFSET_MASK, s->cluster_size);
			}
		}
		qcow2_cache_put(s->l2_cache, l2);
		if (ret == 0 && addend < 0)
			qcow2_free_clusters(bs, l2_offset, s->cluster_size);
		else if (ret == 0)
			ret = qcow2_ref_clusters(bs, l2_offset, s->cluster_size);
	}
	return ret;
}

/* COPIED set exactly where the refcount is 1, in the active L1 and its L2 tables. */
static int update_copied_flags(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;
	int ret = qcow2_flush_metadata(bs); /* the refcounts as they now are */

	for (uint32_t i = 0; ret == 0 && i < s->l1_size; i++) {
		uint64_t l2_offset = s->l1_table[i] & L1E_OFFSET_MASK, rc, *l2 = NULL, old;
		if (!l2_offset)
			continue;
		ret = qcow2_get_refcount(bs, l2_offset >> s->cluster_bits, &rc);
		old = s->l1_table[i];
		s->l1_table[i] = rc == 1 ? old | QCOW_OFLAG_COPIED : old & ~QCOW_OFLAG_COPIED;
		if (s->l1_table[i] != old)
			qcow2_mark_l1_dirty(s, i);
		if (ret == 0)
			ret = qcow2_cache_get(bs, s->l2_cache, l2_offset, false, (void **)&l2);
		for (uint32_t j = 0; ret == 0 && j < s->l2_entries; j++) {
			uint64_t e = qcow2_l2_entry(s, l2, j), host = e & L2E_OFFSET_MASK, n;
			if ((e & QCOW_OFLAG_COMPRESSED) || !host)
				continue;
			ret = qcow2_get_refcount(bs, host >> s->cluster_bits, &rc);
			n = rc == 1 ? e | QCOW_OFLAG_COPIED : e & ~QCOW_OFLAG_COPIED;
			if (ret == 0 && n != e) {
				l2[j << s->extl2] = cpu_to_be64(n);
				qcow2_cache_mark_dirty(s->l2_cache, l2);
			}
		}
		if (l2)
			qcow2_cache_put(s->l2_cache, l2);
	}
	return ret < 0 ? ret : qcow2_flush_metadata(bs);
}

/* The table as it goes on disk. */
static GByteArray *serialize(Qcow2State *s)
{
	GByteArray *t = g_byte_array_new();

	for (int i = 0; i < s->nb_snapshots; i++) {
		const Qcow2Snapshot *sn = &s->snapshots[i];
		uint8_t h[SNAPSHOT_FIXED] = { 0 }, pad[8] = { 0 };
		uint8_t *extra = g_malloc0(MAX(sn->extra_size, 24));
		memcpy(extra, sn->extra, sn->extra_size);
		stq_be_p(extra, sn->vm_state_size);
		stq_be_p(extra + 8, sn->disk_size);
		stq_be_p(extra + 16, sn->icount);
		stq_be_p(h, sn->l1_table_offset);
		stl_be_p(h + 8, sn->l1_size);
		stw_be_p(h + 12, strlen(sn->id_str));
		stw_be_p(h + 14, strlen(sn->name));
		stl_be_p(h + 16, sn->date_sec);
		stl_be_p(h + 20, sn->date_nsec);
		stq_be_p(h + 24, sn->vm_clock_nsec);
		stl_be_p(h + 32, MIN(sn->vm_state_size, UINT32_MAX));
		stl_be_p(h + 36, sn->extra_size);
		g_byte_array_append(t, h, sizeof(h));
		g_byte_array_append(t, extra, sn->extra_size);
		g_byte_array_append(t, (uint8_t *)sn->id_str, strlen(sn->id_str));
		g_byte_array_append(t, (uint8_t *)sn->name, strlen(sn->name));
		g_byte_array_append(t, pad, QEMU_ALIGN_UP(t->len, 8) - t->len);
		g_free(extra);
	}
	return t;
}

/* Writes the table to new clusters and points the header at it, then frees the old one. */
int qcow2_write_snapshot_table(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;
	GByteArray *t = serialize(s);
	uint64_t old = s->snapshots_offset, old_size = s->snapshots_size;
	int64_t at =
	    t->len ? qcow2_alloc_clusters(bs, QEMU_ALIGN_UP((uint64_t)t->len, s->cluster_size) /
						  s->cluster_size)
		   : 0;
	uint8_t hdr[12];
	int ret = at < 0 ? at : 0;

	if (ret == 0 && t->len)
		ret = bdrv_pwrite(bs->file, at, t->data, t->len);
	if (ret == 0)
		ret = qcow2_flush_metadata(bs);
	if (ret == 0)
		ret = bdrv_flush(bs->file);
	stl_be_p(hdr, s->nb_snapshots);
	stq_be_p(hdr + 4, at);
	if (ret == 0)
		ret = qcow2_write_header_field(bs, QCOW2_HDR_SNAPSHOTS, hdr, sizeof(hdr));
	if (ret == 0)
		ret = bdrv_flush(bs->file);
	if (ret == 0) {
		s->snapshots_offset = at;
		s->snapshots_size = t->len;
		if (old_size)
			qcow2_free_clusters(bs, old, old_size);
	}
	g_byte_array_free(t, TRUE);
	return ret;
}

static char *next_id(Qcow2State *s)
{
	unsigned long max = 0;

	for (int i = 0; i < s->nb_snapshots; i++)
		max = MAX(max, strtoul(s->snapshots[i].id_str, NULL, 10));
	return g_strdup_printf("%lu", max + 1);
}

int qcow2_snapshot_create(BlockDriverState *bs, const char *name, const BlockSnapshotVM *vm,
			  Error **errp)
{
	Qcow2State *s = bs->opaque;
	uint64_t bytes = (uint64_t)s->l1_size * 8, *be;
	int64_t l1_copy, now = g_get_real_time();
	Qcow2Snapshot sn = { 0 };
	int ret;

	if (s->nb_snapshots >= QCOW2_MAX_SNAPSHOTS) {
		error_setg(errp, "Too many snapshots");
		return -EFBIG;
	}
	ret = qcow2_flush_metadata(bs);
	l1_copy = ret < 0
		      ? ret
		      : qcow2_alloc_clusters(
			    bs, MAX(QEMU_ALIGN_UP(bytes, s->cluster_size) / s->cluster_size, 1));
	ret = l1_copy < 0 ? l1_copy : update_tree_refcounts(bs, s->l1_table, s->l1_size, 1);
	if (ret == 0)
		ret = update_copied_flags(bs); /* everything is shared now */
	if (ret == 0) {
		be = g_new(uint64_t, MAX(s->l1_size, 1));
		for (uint32_t i = 0; i < s->l1_size; i++)
			be[i] = cpu_to_be64(s->l1_table[i]);
		ret = bdrv_pwrite(bs->file, l1_copy, be, bytes);
		g_free(be);
	}
	if (ret < 0) {
		error_setg_errno(errp, -ret, "Could not create snapshot '%s'", name);
		return ret;
	}
	sn.l1_table_offset = l1_copy;
	sn.l1_size = s->l1_size;
	sn.id_str = next_id(s);
	sn.name = g_strdup(name);
	sn.date_sec = now / G_USEC_PER_SEC;
	sn.date_nsec = now % G_USEC_PER_SEC * 1000;
	sn.disk_size = s->size;
	sn.vm_state_size = vm ? vm->vm_state_size : 0;
	sn.vm_clock_nsec = vm ? vm->vm_clock_nsec : 0;
	sn.icount = vm ? vm->icount : 0; /* qemu-img writes 0, savevm -1 without -icount */
	sn.extra_size = 24;
	sn.extra = g_malloc0(24);
	s->snapshots = g_renew(Qcow2Snapshot, s->snapshots, s->nb_snapshots + 1);
	s->snapshots[s->nb_snapshots++] = sn;
	ret = qcow2_write_snapshot_table(bs);
	if (ret < 0) {
		error_setg_errno(errp, -ret, "Could not write the snapshot table");
		return ret;
	}
	/* the active image needs the VM state no more: dropping it spares the next copy */
	if (sn.vm_state_size)
		ret = qcow2_discard_vmstate(bs, sn.vm_state_size);
	return ret;
}

static int read_l1(BlockDriverState *bs, const Qcow2Snapshot *sn, uint64_t **l1)
{
	int ret;

	*l1 = g_new0(uint64_t, MAX(sn->l1_size, 1));
	ret = bdrv_pread(bs->file, sn->l1_table_offset, *l1, (uint64_t)sn->l1_size * 8);
	for (uint32_t i = 0; i < sn->l1_size; i++)
		(*l1)[i] = be64_to_cpu((*l1)[i]);
	return ret;
}

int qcow2_snapshot_goto(BlockDriverState *bs, const char *id_or_name, Error **errp)
{
	Qcow2State *s = bs->opaque;
	int i = find_snapshot(s, id_or_name), ret;
	uint64_t *l1 = NULL, be;
	Qcow2Snapshot *sn;

	if (i < 0) {
		error_setg(errp, "Failed to load snapshot: %s", g_strerror(ENOENT));
		return -ENOENT;
	}
	sn = &s->snapshots[i];
	ret = qcow2_flush_metadata(bs);
	/* an active L1 as large as the snapshot's, so none of its entries is dropped */
	if (ret == 0 && sn->l1_size > s->l1_size)
		ret = qcow2_grow(
		    bs, MAX((uint64_t)sn->l1_size * ((uint64_t)s->l2_entries << s->cluster_bits),
			    s->size));
	if (ret == 0)
		ret = read_l1(bs, sn, &l1);
	/* the snapshot's tree gains the active reference before the old tree loses it */
	if (ret == 0)
		ret = update_tree_refcounts(bs, l1, sn->l1_size, 1);
	if (ret == 0)
		ret = update_tree_refcounts(bs, s->l1_table, s->l1_size, -1);
	if (ret == 0) {
		for (uint32_t j = 0; j < s->l1_size; j++)
			s->l1_table[j] = j < sn->l1_size ? l1[j] & ~QCOW_OFLAG_COPIED : 0;
		s->l1_dirty_lo = 0;
		s->l1_dirty_hi = s->l1_size;
		qcow2_metadata_rebuild(s);
		be = cpu_to_be64(sn->disk_size);
		ret = qcow2_flush_metadata(bs);
	}
	if (ret == 0)
		ret = qcow2_write_header_field(bs, 24, &be, 8);
	if (ret == 0) {
		s->size = sn->disk_size;
		ret = update_copied_flags(bs);
	}
	g_free(l1);
	if (ret < 0)
		error_setg_errno(errp, -ret, "Failed to load snapshot");
	return ret;
}

int qcow2_snapshot_delete(BlockDriverState *bs, const char *id_or_name, Error **errp)
{
	Qcow2State *s = bs->opaque;
	int i = find_snapshot(s, id_or_name), ret;
	Qcow2Snapshot sn;
	uint64_t *l1 = NULL;

	if (i < 0) {
		error_setg(errp, "snapshot not found");
		return -ENOENT;
	}
	sn = s->snapshots[i];
	ret = qcow2_flush_metadata(bs);
	if (ret == 0)
		ret = read_l1(bs, &sn, &l1);
	if (ret < 0) {
		g_free(l1);
		error_setg_errno(errp, -ret, "Could not read the snapshot's L1 table");
		return ret;
	}
	/* out of the table on disk first; only then its references go */
	memmove(&s->snapshots[i], &s->snapshots[i + 1],
		(s->nb_snapshots - i - 1) * sizeof(Qcow2Snapshot));
	s->nb_snapshots--;
	ret = qcow2_write_snapshot_table(bs);
	if (ret == 0)
		ret = update_tree_refcounts(bs, l1, sn.l1_size, -1);
	if (ret == 0 && sn.l1_size)
		qcow2_free_clusters(bs, sn.l1_table_offset, (uint64_t)sn.l1_size * 8);
	if (ret == 0)
		ret = update_copied_flags(bs);
	g_free(l1);
	g_free(sn.id_str);
	g_free(sn.name);
	g_free(sn.extra);
	if (ret < 0)
		error_setg_errno(errp, -ret, "Could not delete snapshot");
	return ret;
}

/* The VM state area: savevm's data, in the guest's space past the disk. */

static uint64_t vmstate_offset(Qcow2State *s)
{
	uint64_t span = (uint64_t)s->l2_entries << s->cluster_bits;

	return QEMU_ALIGN_UP(s->size, span);
}

/* pos..pos+size of the area as a guest range inside what an L1 table may map; false if not. */
static bool vmstate_span(Qcow2State *s, int64_t pos, int64_t size, uint64_t *offset)
{
	uint64_t span = (uint64_t)s->l2_entries << s->cluster_bits;
	uint64_t limit = (uint64_t)(QCOW2_MAX_L1_BYTES / 8) * span, base = vmstate_offset(s);

	if (pos < 0 || size < 0 || base > limit || (uint64_t)pos > limit - base ||
	    (uint64_t)size > limit - base - pos)
		return false;
	*offset = base + pos;
	return true;
}

/* An L1 table reaching the end of what is written. */
static int vmstate_range(BlockDriverState *bs, int64_t pos, int64_t size, uint64_t *offset)
{
	Qcow2State *s = bs->opaque;
	uint64_t span = (uint64_t)s->l2_entries << s->cluster_bits, end;

	if (!vmstate_span(s, pos, size, offset))
		return -EFBIG;
	end = *offset + size;
	return end > (uint64_t)s->l1_size * span ? qcow2_grow_l1(bs, (end + span - 1) / span) : 0;
}

int qcow2_save_vmstate(BlockDriverState *bs, const void *buf, int64_t pos, int64_t size)
{
	Qcow2State *s = bs->opaque;
	uint64_t offset;
	int ret = s->corrupt	 ? -EIO
		  : !s->writable ? -EACCES
				 : vmstate_range(bs, pos, size, &offset);

	return ret < 0 ? ret : qcow2_write(bs, offset, buf, size);
}

int qcow2_load_vmstate(BlockDriverState *bs, void *buf, int64_t pos, int64_t size)
{
	Qcow2State *s = bs->opaque;
	uint64_t span = (uint64_t)s->l2_entries << s->cluster_bits, offset;

	if (s->corrupt || !vmstate_span(s, pos, size, &offset) ||
	    offset + size > (uint64_t)s->l1_size * span)
		return -EIO;
	return qcow2_read(bs, offset, buf, size);
}

int qcow2_discard_vmstate(BlockDriverState *bs, uint64_t size)
{
	Qcow2State *s = bs->opaque;
	uint64_t offset = vmstate_offset(s), span = (uint64_t)s->l2_entries << s->cluster_bits;

	size = MIN(QEMU_ALIGN_UP(size, s->cluster_size), (uint64_t)s->l1_size * span - offset);
	return qcow2_unmap_clusters(bs, offset, size);
}
