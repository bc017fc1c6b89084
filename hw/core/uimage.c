// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * U-Boot legacy images ("uImage"): a 64-byte big-endian header (magic 0x27051956, data size,
 * load and entry addresses, OS, architecture, type, compression, name) and the data. As QEMU's
 * loader, only kernel images are taken, uncompressed or gzip; the data goes to the load
 * address. The file is untrusted: sizes are checked against the file and a gzip stream may not
 * inflate past the bound below.
 */
#include "qemu/osdep.h"
#include <zlib.h>
#include "hw/loader.h"

#define UIMAGE_MAGIC	0x27051956
#define UIMAGE_HDR_SIZE 64
#define IH_TYPE_KERNEL	2
#define IH_COMP_NONE	0
#define IH_COMP_GZIP	1
#define UIMAGE_MAX_SIZE (256u << 20) /* data, compressed or not, and its inflated size */

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

uint8_t *load_gunzip(const char *name, const uint8_t *in, size_t in_len, size_t *out_len,
		     Error **errp)
{
	size_t cap = MIN((size_t)UIMAGE_MAX_SIZE, MAX(in_len * 4, (size_t)1 << 20));
	uint8_t *out = g_malloc(cap);
	z_stream z = { 0 };
	int ret;

	if (inflateInit2(&z, 16 + MAX_WBITS) != Z_OK) {
		error_setg(errp, "'%s': cannot start decompression", name);
		g_free(out);
		return NULL;
	}
	z.next_in = (uint8_t *)in;
	z.avail_in = in_len;
	for (;;) {
		z.next_out = out + z.total_out;
		z.avail_out = cap - z.total_out;
		ret = inflate(&z, Z_NO_FLUSH);
		if (ret == Z_STREAM_END)
			break;
		if (ret != Z_OK && ret != Z_BUF_ERROR) {
			error_setg(errp, "'%s': corrupt gzip data", name);
			goto fail;
		}
		if (z.avail_out == 0 && cap < UIMAGE_MAX_SIZE) {
			cap = MIN((size_t)UIMAGE_MAX_SIZE, cap * 2);
			out = g_realloc(out, cap);
		} else if (z.avail_out == 0 || (ret == Z_BUF_ERROR && !z.avail_in)) {
			error_setg(errp, "'%s': gzip data %s", name,
				   z.avail_out ? "ends early" : "inflates past 256 MiB");
			goto fail;
		}
	}
	*out_len = z.total_out;
	inflateEnd(&z);
	return out;
fail:
	inflateEnd(&z);
	g_free(out);
	return NULL;
}

int64_t load_uimage(const char *filename, hwaddr *entry, AddressSpace *as, Error **errp)
{
	uint8_t hdr[UIMAGE_HDR_SIZE], *data = NULL, *loaded, *contents;
	size_t len, loaded_len, file_len;
	int64_t ret = -1;

	if (!load_file_contents(filename, UIMAGE_HDR_SIZE + (uint64_t)UIMAGE_MAX_SIZE, &contents,
				&file_len) ||
	    file_len < UIMAGE_HDR_SIZE || be32(contents) != UIMAGE_MAGIC)
		goto out; /* no uImage: not an error */
	memcpy(hdr, contents, sizeof(hdr));
	if (hdr[30] != IH_TYPE_KERNEL || (hdr[31] != IH_COMP_NONE && hdr[31] != IH_COMP_GZIP))
		goto out; /* QEMU takes no other kind either */
	len = be32(hdr + 12);
	if (len > file_len - UIMAGE_HDR_SIZE || len > UIMAGE_MAX_SIZE) {
		error_setg(errp, "'%s': uImage data size %zu exceeds the file", filename, len);
		goto out;
	}
	data = contents + UIMAGE_HDR_SIZE;
	loaded = data;
	loaded_len = len;
	if (hdr[31] == IH_COMP_GZIP) {
		loaded = load_gunzip(filename, data, len, &loaded_len, errp);
		if (!loaded)
			goto out;
	}
	if (load_buffer_targphys(filename, loaded, loaded_len, be32(hdr + 16), as, errp)) {
		*entry = be32(hdr + 20);
		ret = loaded_len;
	}
	if (loaded != data)
		g_free(loaded);
out:
	g_free(contents);
	return ret;
}
