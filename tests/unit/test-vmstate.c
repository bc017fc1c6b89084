// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the device state tables (migration/vmstate.c): every field kind round-trips
 * (integers, booleans, bytes, nested structures, arrays a pointer and a count field describe,
 * blobs of any length),
 * pre_save, pre_load and post_load run, a stream for a differently sized device or a cut-off
 * stream is refused with a message, and a bounded fuzz of mutated streams (run under ASan by
 * make check-asan) never reads or writes outside the device.
 */
#include "qemu/osdep.h"
#include "migration/vmstate.h"

typedef struct Inner {
	uint16_t a;
	bool b;
	uint64_t c[2];
} Inner;

typedef struct Dev {
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	bool flag;
	uint32_t words[3];
	char name[6];
	Inner one;
	Inner many[2];
	uint32_t n;
	Inner *var; /* n of them */
	uint32_t nbytes;
	uint8_t *bytes; /* nbytes of them */
	uint32_t blob_len;
	uint8_t *blob; /* a length the saving side chose */
	int saves, loads, pre_loads;
} Dev;

static int dev_pre_save(void *opaque)
{
	((Dev *)opaque)->saves++;
	return 0;
}

static void dev_pre_load(void *opaque)
{
	((Dev *)opaque)->pre_loads++;
}

static int dev_post_load(void *opaque)
{
	Dev *d = opaque;

	d->loads++;
	return d->u8 == 0xee ? -EINVAL : 0; /* a value the device refuses */
}

static const VMStateDescription vmstate_inner = {
	.name = "inner",
	.version = 1,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT16(a, Inner),
		VMSTATE_BOOL(b, Inner),
		VMSTATE_UINT64_ARRAY(c, Inner, 2),
		VMSTATE_END,
	    },
};

static const VMStateDescription vmstate_dev = {
	.name = "dev",
	.version = 1,
	.pre_save = dev_pre_save,
	.pre_load = dev_pre_load,
	.post_load = dev_post_load,
	.fields =
	    (const VMStateField[]){
		VMSTATE_UINT8(u8, Dev),
		VMSTATE_UINT16(u16, Dev),
		VMSTATE_UINT32(u32, Dev),
		VMSTATE_UINT64(u64, Dev),
		VMSTATE_BOOL(flag, Dev),
		VMSTATE_UINT32_ARRAY(words, Dev, 3),
		VMSTATE_BYTES(name, Dev),
		VMSTATE_STRUCT(one, Dev, vmstate_inner, Inner),
		VMSTATE_STRUCT_ARRAY(many, Dev, 2, vmstate_inner, Inner),
		VMSTATE_STRUCT_VARRAY_PTR(var, Dev, n, vmstate_inner, Inner),
		VMSTATE_UINT8_VARRAY_PTR(bytes, Dev, nbytes),
		VMSTATE_BLOB(blob, Dev, blob_len),
		VMSTATE_END,
	    },
};

static void dev_init(Dev *d, uint32_t n, uint32_t nbytes)
{
	memset(d, 0, sizeof(*d));
	d->n = n;
	d->var = g_new0(Inner, n ? n : 1);
	d->nbytes = nbytes;
	d->bytes = g_malloc0(nbytes ? nbytes : 1);
}

static void dev_fill(Dev *d)
{
	d->u8 = 0x12;
	d->u16 = 0x3456;
	d->u32 = 0x789abcde;
	d->u64 = 0x0123456789abcdefULL;
	d->flag = true;
	for (int i = 0; i < 3; i++)
		d->words[i] = 1000 + i;
	memcpy(d->name, "abcdef", 6);
	d->one = (Inner){ 7, true, { 8, 9 } };
	d->many[0] = (Inner){ 10, false, { 11, 12 } };
	d->many[1] = (Inner){ 13, true, { 14, UINT64_MAX } };
	for (uint32_t i = 0; i < d->n; i++)
		d->var[i] = (Inner){ 20 + i, i & 1, { 30 + i, 40 + i } };
	for (uint32_t i = 0; i < d->nbytes; i++)
		d->bytes[i] = i * 7;
	d->blob_len = 11;
	d->blob = (uint8_t *)g_strdup("hello blob");
}

static void dev_free(Dev *d)
{
	g_free(d->var);
	g_free(d->bytes);
	g_free(d->blob);
}

static GByteArray *save(Dev *d)
{
	VMWriter w = { g_byte_array_new() };

	g_assert_cmpint(vmstate_save(&w, &vmstate_dev, d), ==, 0);
	return w.buf;
}

static bool load(Dev *d, const GByteArray *b, Error **errp)
{
	VMReader r = { b->data, b->len, 0, false };
	bool ok = vmstate_load(&r, &vmstate_dev, d, errp);

	return ok && r.pos == b->len;
}

static void test_round_trip(void)
{
	Dev a, b;
	GByteArray *buf;

	dev_init(&a, 3, 5);
	dev_fill(&a);
	buf = save(&a);
	g_assert_cmpint(a.saves, ==, 1);
	dev_init(&b, 3, 5);
	g_assert_true(load(&b, buf, &error_abort));
	g_assert_cmpint(b.pre_loads, ==, 1);
	g_assert_cmpint(b.loads, ==, 1);
	g_assert_cmphex(b.u8, ==, a.u8);
	g_assert_cmphex(b.u16, ==, a.u16);
	g_assert_cmphex(b.u32, ==, a.u32);
	g_assert_cmphex(b.u64, ==, a.u64);
	g_assert_true(b.flag);
	g_assert_cmpmem(b.words, sizeof(b.words), a.words, sizeof(a.words));
	g_assert_cmpmem(b.name, 6, "abcdef", 6);
	g_assert_cmpmem(&b.one, sizeof(Inner), &a.one, sizeof(Inner));
	g_assert_cmpmem(b.many, sizeof(b.many), a.many, sizeof(a.many));
	g_assert_cmpmem(b.var, 3 * sizeof(Inner), a.var, 3 * sizeof(Inner));
	g_assert_cmpmem(b.bytes, 5, a.bytes, 5);
	g_assert_cmpmem(b.blob, b.blob_len, "hello blob", 11);
	g_byte_array_free(buf, TRUE);
	dev_free(&a);
	dev_free(&b);
}

/* A device of another size, a cut-off stream, a value post_load refuses: errors, in words. */
static void test_refusals(void)
{
	Dev a, b;
	GByteArray *buf;
	Error *err = NULL;

	dev_init(&a, 3, 5);
	dev_fill(&a);
	buf = save(&a);
	dev_init(&b, 4, 5);
	g_assert_false(load(&b, buf, &err));
	g_assert_cmpstr(error_get_pretty(err), ==,
			"dev: field 'var' has 3 elements in the saved state, 4 here");
	error_free(err);
	err = NULL;
	dev_free(&b);
	dev_init(&b, 3, 5);
	g_byte_array_set_size(buf, buf->len - 2);
	g_assert_false(load(&b, buf, &err));
	g_assert_cmpstr(error_get_pretty(err), ==,
			"dev: field 'blob' has a bad length in the saved state");
	error_free(err);
	err = NULL;
	g_byte_array_free(buf, TRUE);
	a.u8 = 0xee;
	buf = save(&a);
	g_assert_false(load(&b, buf, &err));
	g_assert_cmpstr(error_get_pretty(err), ==,
			"dev: the saved state does not fit: Invalid argument");
	error_free(err);
	g_byte_array_free(buf, TRUE);
	dev_free(&a);
	dev_free(&b);
}

/* Mutated and cut streams: refused or loaded, never a read or write outside the device. */
static void test_fuzz(void)
{
	GRand *rnd = g_rand_new_with_seed(20261207);
	Dev a;
	GByteArray *good;
	int loaded = 0;

	dev_init(&a, 3, 5);
	dev_fill(&a);
	good = save(&a);
	for (int i = 0; i < 3000; i++) {
		GByteArray *m = g_byte_array_new();
		Dev b;
		Error *err = NULL;
		int flips = 1 + g_rand_int_range(rnd, 0, 4);

		g_byte_array_append(m, good->data, good->len);
		for (int k = 0; k < flips; k++)
			m->data[g_rand_int_range(rnd, 0, m->len)] ^= 1u
								     << g_rand_int_range(rnd, 0, 8);
		if (g_rand_boolean(rnd))
			g_byte_array_set_size(m, g_rand_int_range(rnd, 0, m->len + 1));
		dev_init(&b, 3, 5);
		if (load(&b, m, &err))
			loaded++;
		error_free(err);
		dev_free(&b);
		g_byte_array_free(m, TRUE);
	}
	g_assert_cmpint(loaded, >, 0); /* flips inside values still load */
	g_byte_array_free(good, TRUE);
	dev_free(&a);
	g_rand_free(rnd);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/vmstate/round-trip", test_round_trip);
	g_test_add_func("/vmstate/refusals", test_refusals);
	g_test_add_func("/vmstate/fuzz", test_fuzz);
	return g_test_run();
}
