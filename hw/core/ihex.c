// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Intel HEX files: text records ":LLAAAATT<data>CC" (byte count, 16-bit address, type, data,
 * checksum). Types: 00 data, 01 end of file, 02 extended segment address (base = value << 4),
 * 03 start segment address (entry = CS << 4 + IP), 04 extended linear address (base = value
 * << 16), 05 start linear address (entry). Every record is checked before anything is
 * written; a file that does not start with ':' is no HEX file.
 */
#include "qemu/osdep.h"
#include "hw/loader.h"

#define IHEX_MAX_FILE (64u << 20)

typedef struct HexRecord {
	uint8_t len, type;
	uint16_t addr;
	uint8_t data[255];
} HexRecord;

static int hexbyte(const char *p)
{
	int hi = g_ascii_xdigit_value(p[0]), lo = hi < 0 ? -1 : g_ascii_xdigit_value(p[1]);
	return lo < 0 ? -1 : hi << 4 | lo;
}

/* One record from the line at p (without its end of line); false if malformed. */
static bool parse_record(const char *p, size_t n, HexRecord *r)
{
	uint8_t sum = 0;
	int b[5];

	if (n < 11 || p[0] != ':')
		return false;
	for (int i = 0; i < 4; i++)
		if ((b[i] = hexbyte(p + 1 + 2 * i)) < 0)
			return false;
	r->len = b[0];
	r->addr = b[1] << 8 | b[2];
	r->type = b[3];
	if (n != 11 + 2 * (size_t)r->len)
		return false;
	for (int i = 0; i < r->len; i++) {
		int v = hexbyte(p + 9 + 2 * i);
		if (v < 0)
			return false;
		r->data[i] = v;
		sum += v;
	}
	if ((b[4] = hexbyte(p + 9 + 2 * r->len)) < 0)
		return false;
	sum += b[0] + b[1] + b[2] + b[3] + b[4];
	return sum == 0 && r->type <= 5;
}

/* Walks the records; with as NULL only checks them. */
static int64_t walk(const char *filename, const char *text, size_t size, hwaddr *entry,
		    AddressSpace *as, Error **errp)
{
	uint64_t base = 0, total = 0;
	unsigned lineno = 0;
	HexRecord r;

	for (size_t pos = 0; pos < size;) {
		size_t end = pos, n;

		while (end < size && text[end] != '\n')
			end++;
		n = end - pos - (end > pos && text[end - 1] == '\r');
		lineno++;
		if (n && !parse_record(text + pos, n, &r)) {
			error_setg(errp, "'%s': bad Intel HEX record on line %u", filename, lineno);
			return -1;
		}
		pos = end + 1;
		if (!n)
			continue;
		switch (r.type) {
		case 0:
			if (as && !load_buffer_targphys(filename, r.data, r.len, base + r.addr, as, errp))
				return -1;
			total += r.len;
			break;
		case 1:
			return total;
		case 2:
		case 4:
			if (r.len != 2)
				goto bad;
			base = (uint64_t)(r.data[0] << 8 | r.data[1]) << (r.type == 2 ? 4 : 16);
			break;
		case 3:
		case 5:
			if (r.len != 4)
				goto bad;
			if (as)
				*entry = r.type == 3 ? ((r.data[0] << 8 | r.data[1]) << 4) +
							       (r.data[2] << 8 | r.data[3])
						     : (hwaddr)r.data[0] << 24 | r.data[1] << 16 |
							       r.data[2] << 8 | r.data[3];
			break;
		}
		continue;
bad:
		error_setg(errp, "'%s': bad Intel HEX record on line %u", filename, lineno);
		return -1;
	}
	error_setg(errp, "'%s': Intel HEX file without an end-of-file record", filename);
	return -1;
}

int64_t load_targphys_hex(const char *filename, hwaddr *entry, AddressSpace *as, Error **errp)
{
	uint8_t *text = NULL;
	size_t size;
	int64_t ret = -1;

	if (!load_file_contents(filename, IHEX_MAX_FILE, &text, &size) || !size || text[0] != ':')
		goto out; /* no HEX file: not an error */
	if (walk(filename, (char *)text, size, entry, NULL, errp) >= 0)
		ret = walk(filename, (char *)text, size, entry, as, errp);
out:
	g_free(text);
	return ret;
}
