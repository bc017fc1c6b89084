// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Field tables written and read as a flat little-endian byte stream. Nothing but the values
 * goes in: the table itself is the format, and a section records the table's version so a
 * changed table refuses old data instead of misreading it. Arrays whose length another field
 * gives are checked against the length the device has now: a stream never resizes a device.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"

void vmw_u8(VMWriter *w, uint8_t v)
{
	g_byte_array_append(w->buf, &v, 1);
}

void vmw_u32(VMWriter *w, uint32_t v)
{
	uint32_t le = GUINT32_TO_LE(v);

	g_byte_array_append(w->buf, (const uint8_t *)&le, 4);
}

void vmw_u64(VMWriter *w, uint64_t v)
{
	uint64_t le = GUINT64_TO_LE(v);

	g_byte_array_append(w->buf, (const uint8_t *)&le, 8);
}

void vmw_bytes(VMWriter *w, const void *p, size_t n)
{
	g_byte_array_append(w->buf, p, n);
}

void vmw_str(VMWriter *w, const char *s)
{
	vmw_u32(w, strlen(s));
	vmw_bytes(w, s, strlen(s));
}

void vmr_bytes(VMReader *r, void *p, size_t n)
{
	if (r->err || n > r->len - r->pos) {
		r->err = true;
		memset(p, 0, n);
		return;
	}
	memcpy(p, r->p + r->pos, n);
	r->pos += n;
}

uint8_t vmr_u8(VMReader *r)
{
	uint8_t v;

	vmr_bytes(r, &v, 1);
	return v;
}

uint32_t vmr_u32(VMReader *r)
{
	uint32_t v;

	vmr_bytes(r, &v, 4);
	return GUINT32_FROM_LE(v);
}

uint64_t vmr_u64(VMReader *r)
{
	uint64_t v;

	vmr_bytes(r, &v, 8);
	return GUINT64_FROM_LE(v);
}

char *vmr_str(VMReader *r)
{
	uint32_t n = vmr_u32(r);
	char *s;

	if (r->err || n > r->len - r->pos) {
		r->err = true;
		return NULL;
	}
	s = g_strndup((const char *)r->p + r->pos, n);
	r->pos += n;
	return s;
}

static size_t elem_size(const VMStateField *f)
{
	static const size_t sizes[] = {
		[VMS_U8] = 1, [VMS_U16] = 2, [VMS_U32] = 4, [VMS_U64] = 8, [VMS_BOOL] = sizeof(bool)
	};

	return f->type == VMS_BYTES || f->type == VMS_STRUCT ? f->size : sizes[f->type];
}

/* Where the field's elements are, and how many. */
static uint8_t *field_base(const VMStateField *f, void *opaque, unsigned *n)
{
	uint8_t *p = (uint8_t *)opaque + f->offset;

	*n = f->count_offset ? *(unsigned *)((uint8_t *)opaque + f->count_offset)
			     : MAX(f->count, 1u);
	return f->pointer ? *(uint8_t **)p : p;
}

static void save_value(VMWriter *w, const VMStateField *f, const uint8_t *p)
{
	switch (f->type) {
	case VMS_U8:
		vmw_u8(w, *p);
		break;
	case VMS_U16:
		vmw_u32(w, *(const uint16_t *)p);
		break;
	case VMS_U32:
		vmw_u32(w, *(const uint32_t *)p);
		break;
	case VMS_U64:
		vmw_u64(w, *(const uint64_t *)p);
		break;
	case VMS_BOOL:
		vmw_u8(w, *(const bool *)p);
		break;
	case VMS_BYTES:
		vmw_bytes(w, p, f->size);
		break;
	case VMS_STRUCT:
		vmstate_save(w, f->vmsd, (void *)p);
		break;
	case VMS_BLOB: /* saved whole by save_blob */
		break;
	}
}

static void save_blob(VMWriter *w, const VMStateField *f, void *opaque)
{
	uint32_t len = *(uint32_t *)((uint8_t *)opaque + f->count_offset);

	vmw_u32(w, len);
	vmw_bytes(w, *(uint8_t **)((uint8_t *)opaque + f->offset), len);
}

static bool load_blob(VMReader *r, const VMStateDescription *d, const VMStateField *f, void *opaque,
		      Error **errp)
{
	uint32_t len = vmr_u32(r);
	uint8_t *buf = NULL;

	if (r->err || len > VMS_BLOB_MAX || len > r->len - r->pos) {
		error_setg(errp, "%s: field '%s' has a bad length in the saved state", d->name,
			   f->name);
		return false;
	}
	if (len) {
		buf = g_malloc(len);
		vmr_bytes(r, buf, len);
	}
	*(uint8_t **)((uint8_t *)opaque + f->offset) = buf;
	*(uint32_t *)((uint8_t *)opaque + f->count_offset) = len;
	return true;
}

int vmstate_save(VMWriter *w, const VMStateDescription *d, void *opaque)
{
	int ret = d->pre_save ? d->pre_save(opaque) : 0;

	if (ret < 0)
		return ret;
	for (const VMStateField *f = d->fields; f && f->name; f++) {
		unsigned n;
		uint8_t *base;

		if (f->type == VMS_BLOB) {
			save_blob(w, f, opaque);
			continue;
		}
		base = field_base(f, opaque, &n);

		vmw_u32(w, n);
		for (unsigned i = 0; i < n; i++)
			save_value(w, f, base + i * elem_size(f));
	}
	return 0;
}

static bool load_value(VMReader *r, const VMStateField *f, uint8_t *p, Error **errp)
{
	switch (f->type) {
	case VMS_U8:
		*p = vmr_u8(r);
		break;
	case VMS_U16:
		*(uint16_t *)p = vmr_u32(r);
		break;
	case VMS_U32:
		*(uint32_t *)p = vmr_u32(r);
		break;
	case VMS_U64:
		*(uint64_t *)p = vmr_u64(r);
		break;
	case VMS_BOOL:
		*(bool *)p = vmr_u8(r) != 0;
		break;
	case VMS_BYTES:
		vmr_bytes(r, p, f->size);
		break;
	case VMS_STRUCT:
		return vmstate_load(r, f->vmsd, p, errp);
	case VMS_BLOB: /* read whole by load_blob */
		break;
	}
	return true;
}

bool vmstate_load(VMReader *r, const VMStateDescription *d, void *opaque, Error **errp)
{
	int ret;

	if (d->pre_load)
		d->pre_load(opaque);
	for (const VMStateField *f = d->fields; f && f->name; f++) {
		unsigned n, have;
		uint8_t *base;

		if (f->type == VMS_BLOB) {
			if (!load_blob(r, d, f, opaque, errp))
				return false;
			continue;
		}
		have = vmr_u32(r);
		base = field_base(f, opaque, &n);

		if (r->err || have != n) {
			error_setg(errp,
				   "%s: field '%s' has %u elements in the saved state, %u here",
				   d->name, f->name, have, n);
			return false;
		}
		for (unsigned i = 0; i < n; i++)
			if (!load_value(r, f, base + i * elem_size(f), errp))
				return false;
		if (r->err) {
			error_setg(errp, "%s: the saved state ends in field '%s'", d->name,
				   f->name);
			return false;
		}
	}
	ret = d->post_load ? d->post_load(opaque) : 0;
	if (ret < 0) {
		error_setg_errno(errp, -ret, "%s: the saved state does not fit", d->name);
		return false;
	}
	return true;
}
