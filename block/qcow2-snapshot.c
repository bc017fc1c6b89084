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

static uint64_t rd64(const uint8_t *p)
{
	return be64_to_cpu(*(const uint64_t *)p);
}

static uint32_t rd32(const uint8_t *p)
{
	return be32_to_cpu(*(const uint32_t *)p);
}

static uint16_t rd16(const uint8_t *p)
{
	return be16_to_cpu(*(const uint16_t *)p);
}

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
	sn->l1_table_offset = rd64(h);
	sn->l1_size = rd32(h + 8);
	id_len = rd16(h + 12);
	name_len = rd16(h + 14);
	sn->date_sec = rd32(h + 16);
	sn->date_nsec = rd32(h + 20);
	sn->vm_clock_nsec = rd64(h + 24);
	sn->vm_state_size = rd32(h + 32);
	sn->extra_size = rd32(h + 36);
	sn->disk_size = s->size;
	sn->icount = -1;
	if (sn->extra_size > 1024) {
		error_setg(errp, "Too much extra metadata in snapshot table entry");
		return -EFBIG;
	}
	extra = g_malloc0(MAX(sn->extra_size, 24));
	ret = read_bytes(bs, at, extra, sn->extra_size, total);
	if (ret == 0 && sn->extra_size >= 8)
		sn->vm_state_size = rd64(extra);
	if (ret == 0 && sn->extra_size >= 16)
		sn->disk_size = rd64(extra + 8);
	if (ret == 0 && sn->extra_size >= 24)
		sn->icount = rd64(extra + 16);
	g_free(extra);
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
