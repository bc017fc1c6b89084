// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * qcow2 compressed clusters: a cluster's data deflated (raw zlib stream, 4 KiB window, as
 * QEMU writes it) or, with compression_type=zstd, one or more zstd frames, stored at any
 * 512-byte-sector granularity and described by the L2 entry's offset and sector count.
 * Decompression must produce exactly one cluster; anything else is a corrupt cluster.
 */
#include "qemu/osdep.h"
#include <zlib.h>
#include <zstd.h>
#include "qcow2.h"

static int inflate_cluster(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len)
{
	z_stream z = {
		.next_in = (Bytef *)in, .avail_in = in_len, .next_out = out, .avail_out = out_len
	};
	int ret;

	if (inflateInit2(&z, -12) != Z_OK)
		return -ENOMEM;
	ret = inflate(&z, Z_FINISH);
	/* trailing sector padding is fine: the cluster just has to come out whole */
	ret = (ret == Z_STREAM_END || ret == Z_BUF_ERROR) && z.avail_out == 0 ? 0 : -EIO;
	inflateEnd(&z);
	return ret;
}

static int unzstd_cluster(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len)
{
	ZSTD_DCtx *dctx = ZSTD_createDCtx();
	ZSTD_inBuffer ib = { in, in_len, 0 };
	ZSTD_outBuffer ob = { out, out_len, 0 };
	int ret = 0;

	if (!dctx)
		return -ENOMEM;
	while (ob.pos < ob.size) {
		size_t before_in = ib.pos, before_out = ob.pos;
		size_t r = ZSTD_decompressStream(dctx, &ob, &ib);
		/* an error, or no progress: the input ended with the cluster unfinished */
		if (ZSTD_isError(r) || (ib.pos == before_in && ob.pos == before_out)) {
			ret = -EIO;
			break;
		}
	}
	ZSTD_freeDCtx(dctx);
	return ret;
}

int qcow2_decompress_cluster(BlockDriverState *bs, uint64_t l2_entry, uint8_t *out)
{
	Qcow2State *s = bs->opaque;
	uint64_t coffset = l2_entry & s->coffset_mask;
	uint64_t sectors = ((l2_entry >> s->csize_shift) & s->csize_mask) + 1;
	uint64_t csize = sectors * 512 - (coffset & 511);
	uint8_t *in = g_malloc(csize);
	int ret = bdrv_pread(bs->file, coffset, in, csize);

	if (ret == 0)
		ret = s->compression_type == QCOW2_COMPRESSION_ZSTD
			  ? unzstd_cluster(in, csize, out, s->cluster_size)
			  : inflate_cluster(in, csize, out, s->cluster_size);
	g_free(in);
	if (ret == -EIO)
		error_report("qcow2: Compressed cluster at %#" PRIx64 " does not decompress",
			     coffset);
	return ret;
}

size_t qcow2_compress(int type, const uint8_t *in, size_t len, uint8_t *out, size_t out_len)
{
	if (type == QCOW2_COMPRESSION_ZSTD) {
		size_t r = ZSTD_compress(out, out_len, in, len, ZSTD_CLEVEL_DEFAULT);
		return ZSTD_isError(r) || r >= len ? 0 : r;
	}
	z_stream z = {
		.next_in = (Bytef *)in, .avail_in = len, .next_out = out, .avail_out = out_len
	};
	size_t n = 0;

	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -12, 9, Z_DEFAULT_STRATEGY) != Z_OK)
		return 0;
	if (deflate(&z, Z_FINISH) == Z_STREAM_END && out_len - z.avail_out < len)
		n = out_len - z.avail_out;
	deflateEnd(&z);
	return n;
}

/* n bytes for compressed data: packed after the previous ones while they fit in its cluster. */
static int64_t alloc_bytes(BlockDriverState *bs, uint64_t n)
{
	Qcow2State *s = bs->opaque;
	uint64_t at = s->free_byte_offset, used = at & (s->cluster_size - 1);
	int64_t start;
	int ret;

	if (at && used + n <= s->cluster_size) {
		uint64_t rc;
		ret = qcow2_get_refcount(bs, at >> s->cluster_bits, &rc);
		if (ret < 0)
			return ret;
		if (rc == 0 || rc >= s->refcount_max)
			at = 0; /* freed meanwhile, or the refcount cannot count one more */
	}
	if (at && used + n <= s->cluster_size) {
		ret = qcow2_ref_clusters(bs, at, 1); /* one more compressed cluster lives here */
		if (ret < 0)
			return ret;
	} else {
		start = qcow2_alloc_clusters(bs, (n + s->cluster_size - 1) >> s->cluster_bits);
		if (start < 0)
			return start;
		at = start;
	}
	s->free_byte_offset = (at + n) & (s->cluster_size - 1) ? at + n : 0;
	return at;
}

int qcow2_write_compressed(BlockDriverState *bs, uint64_t offset, const uint8_t *buf)
{
	Qcow2State *s = bs->opaque;
	uint8_t *out = g_malloc(s->cluster_size);
	size_t n = qcow2_compress(s->compression_type, buf, s->cluster_size, out, s->cluster_size);
	uint64_t *l2, entry, sectors;
	int64_t coffset;
	int ret;

	if (offset & (s->cluster_size - 1)) {
		g_free(out);
		return -EINVAL;
	}
	if (!n) {
		/* incompressible: stored as it is */
		g_free(out);
		return qcow2_write_cluster(bs, offset, buf, MIN(s->cluster_size, s->size - offset));
	}
	s->cbuf_entry = 0;
	ret = qcow2_l2_for_write(bs, offset, &l2);
	if (ret < 0) {
		g_free(out);
		return ret;
	}
	entry = qcow2_l2_entry(s, l2, (offset >> s->cluster_bits) & (s->l2_entries - 1));
	coffset = entry ? -EINVAL : alloc_bytes(bs, n); /* only onto unallocated clusters */
	ret = coffset < 0 ? coffset : bdrv_pwrite(bs->file, coffset, out, n);
	if (ret == 0) {
		sectors = ((coffset + n - 1) >> 9) - (coffset >> 9);
		entry = coffset | QCOW_OFLAG_COMPRESSED | (sectors << s->csize_shift);
		qcow2_set_l2_entry(s, l2, (offset >> s->cluster_bits) & (s->l2_entries - 1), entry,
				   0);
		qcow2_cache_mark_dirty(s->l2_cache, l2);
	}
	qcow2_cache_put(s->l2_cache, l2);
	g_free(out);
	return ret;
}
