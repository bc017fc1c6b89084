// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Writing the qcow2 header, cluster 0: its fields from the driver's state, the extensions
 * QEMU 7.2 writes (the backing format, and the feature name table of v3 images), then the
 * extensions it does not know, kept as they were, then the backing file name. The whole
 * cluster goes in one write, so a crash leaves either the old header or the new one.
 * For create (the extensions), rebase (a new backing file) and amend (every field).
 */
#include "qemu/osdep.h"
#include "qcow2.h"

/* The feature name table QEMU 7.2 writes into every v3 image. */
static const struct {
	uint8_t type, bit;
	const char *name;
} feature_names[] = {
	{ 0, 0, "dirty bit" },
	{ 0, 1, "corrupt bit" },
	{ 0, 2, "external data file" },
	{ 0, 3, "compression type" },
	{ 0, 4, "extended L2 entries" },
	{ 1, 0, "lazy refcounts" },
	{ 2, 0, "bitmaps" },
	{ 2, 1, "raw external data" },
};

/* Appends one header extension at *at; false when the cluster is too small for it. */
static bool put_ext(uint8_t *cl, uint32_t cs, uint32_t *at, uint32_t type, const void *data,
		    uint32_t len)
{
	if (*at + 8 + QEMU_ALIGN_UP(len, 8) > cs)
		return false;
	stl_be_p(cl + *at, type);
	stl_be_p(cl + *at + 4, len);
	if (len)
		memcpy(cl + *at + 8, data, len);
	*at += 8 + QEMU_ALIGN_UP(len, 8);
	return true;
}

bool qcow2_put_extensions(uint8_t *cl, uint32_t cs, uint32_t *at, int version, int cluster_bits,
			  const char *backing_fmt)
{
	uint8_t table[ARRAY_SIZE(feature_names) * 48] = { 0 };
	bool ok = true;

	if (backing_fmt)
		ok =
		    put_ext(cl, cs, at, QCOW2_EXT_BACKING_FORMAT, backing_fmt, strlen(backing_fmt));
	/* QEMU 7.2 leaves the table out of images with clusters under 8 KiB */
	if (version >= 3 && cluster_bits >= 13) {
		for (size_t i = 0; i < ARRAY_SIZE(feature_names); i++) {
			table[i * 48] = feature_names[i].type;
			table[i * 48 + 1] = feature_names[i].bit;
			memcpy(table + i * 48 + 2, feature_names[i].name,
			       strlen(feature_names[i].name));
		}
		ok = ok && put_ext(cl, cs, at, QCOW2_EXT_FEATURE_TABLE, table, sizeof(table));
	}
	return ok && put_ext(cl, cs, at, QCOW2_EXT_END, NULL, 0);
}

/* The extensions of cluster 0 that we do not write ourselves, to carry over as they are. */
static GByteArray *kept_extensions(Qcow2State *s, const uint8_t *cl)
{
	GByteArray *kept = g_byte_array_new();
	uint64_t end = s->cluster_size, at = s->header_length, off = ldq_be_p(cl + 8);

	if (off && off < end)
		end = off;
	while (at + 8 <= end) {
		uint32_t type = ldl_be_p(cl + at), len = ldl_be_p(cl + at + 4);

		if (type == QCOW2_EXT_END || len > end - at - 8)
			break;
		if (type != QCOW2_EXT_BACKING_FORMAT && type != QCOW2_EXT_FEATURE_TABLE)
			g_byte_array_append(kept, cl + at, 8 + QEMU_ALIGN_UP((uint64_t)len, 8));
		at += 8 + QEMU_ALIGN_UP((uint64_t)len, 8);
	}
	return kept;
}

static void put_fields(Qcow2State *s, uint8_t *cl)
{
	stl_be_p(cl, QCOW2_MAGIC);
	stl_be_p(cl + 4, s->version);
	stl_be_p(cl + 20, s->cluster_bits);
	stq_be_p(cl + 24, s->size);
	stl_be_p(cl + QCOW2_HDR_L1_SIZE, s->l1_size);
	stq_be_p(cl + QCOW2_HDR_L1_OFFSET, s->l1_table_offset);
	stq_be_p(cl + QCOW2_HDR_REFTABLE_OFFSET, s->reftable_offset);
	stl_be_p(cl + 56, (uint64_t)s->reftable_size * 8 / s->cluster_size);
	stl_be_p(cl + QCOW2_HDR_SNAPSHOTS, s->nb_snapshots);
	stq_be_p(cl + 64, s->snapshots_offset);
	if (s->version < 3)
		return;
	stq_be_p(cl + QCOW2_HDR_INCOMPAT, s->incompat);
	stq_be_p(cl + 80, s->compat);
	stq_be_p(cl + QCOW2_HDR_AUTOCLEAR, s->autoclear);
	stl_be_p(cl + 96, s->refcount_order);
	stl_be_p(cl + 100, QCOW2_HDR_V3_WRITTEN);
	cl[104] = s->compression_type;
}

int qcow2_update_header(BlockDriverState *bs)
{
	Qcow2State *s = bs->opaque;
	uint8_t *old = g_malloc0(s->cluster_size), *cl = g_malloc0(s->cluster_size);
	uint32_t at = s->version >= 3 ? QCOW2_HDR_V3_WRITTEN : QCOW2_HDR_V2_LENGTH;
	size_t name_len = s->backing_file ? strlen(s->backing_file) : 0;
	GByteArray *kept = NULL;
	int ret = bdrv_pread(bs->file, 0, old, s->cluster_size);

	if (ret < 0)
		goto out;
	kept = kept_extensions(s, old);
	put_fields(s, cl);
	ret = -ENOSPC;
	if (!qcow2_put_extensions(cl, s->cluster_size, &at, s->version, s->cluster_bits,
				  s->backing_format) ||
	    at + kept->len + name_len > s->cluster_size || name_len > QCOW2_MAX_BACKING_NAME)
		goto out;
	/* the unknown extensions go before the end marker put_extensions wrote */
	memcpy(cl + at - 8 + kept->len, cl + at - 8, 8);
	memcpy(cl + at - 8, kept->data, kept->len);
	at += kept->len;
	if (name_len) {
		stq_be_p(cl + 8, at);
		stl_be_p(cl + 16, name_len);
		memcpy(cl + at, s->backing_file, name_len);
	}
	ret = bdrv_pwrite(bs->file, 0, cl, s->cluster_size);
	if (ret == 0)
		ret = bdrv_flush(bs->file);
	if (ret == 0)
		s->header_length = s->version >= 3 ? QCOW2_HDR_V3_WRITTEN : QCOW2_HDR_V2_LENGTH;
out:
	if (kept)
		g_byte_array_free(kept, TRUE);
	g_free(old);
	g_free(cl);
	return ret;
}

bool qcow2_change_backing(BlockDriverState *bs, const char *name, const char *format, Error **errp)
{
	Qcow2State *s = bs->opaque;
	char *old_name = s->backing_file, *old_format = s->backing_format;
	int ret;

	s->backing_file = g_strdup(name);
	s->backing_format = g_strdup(format);
	ret = qcow2_update_header(bs);
	if (ret < 0) {
		if (ret == -ENOSPC)
			error_setg_errno(errp, ENOSPC, "Could not change the backing file to '%s'",
					 name ? name : "");
		else
			error_setg_errno(errp, -ret, "Could not write qcow2 header");
		g_free(s->backing_file);
		g_free(s->backing_format);
		s->backing_file = old_name;
		s->backing_format = old_format;
		return false;
	}
	g_free(old_name);
	g_free(old_format);
	return true;
}
