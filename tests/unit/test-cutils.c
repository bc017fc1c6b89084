// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for size/number parsing and identifiers. */
#include "qemu/osdep.h"
#include "qemu/cutils.h"

static void test_strtosz_suffixes(void)
{
	static const struct {
		const char *in;
		uint64_t unit, out;
	} ok[] = {
		{ "0", 1, 0 },
		{ "512", 1, 512 },
		{ "512", 1 << 20, 512ULL << 20 },
		{ "1k", 1, 1024 },
		{ "2M", 1, 2ULL << 20 },
		{ "2G", 1 << 20, 2ULL << 30 },
		{ "1.5G", 1, 3ULL << 29 },
		{ "1T", 1, 1ULL << 40 },
		{ "1E", 1, 1ULL << 60 },
		{ "0x10", 1, 16 },
		{ "8B", 1, 8 },
	};
	for (size_t i = 0; i < ARRAY_SIZE(ok); i++) {
		uint64_t v = 0;
		g_assert_cmpint(qemu_strtosz(ok[i].in, ok[i].unit, &v), ==, 0);
		g_assert_cmpuint(v, ==, ok[i].out);
	}
}

static void test_strtosz_bad(void)
{
	static const char *const bad[] = {
		"", "-1", "1X", "abc", "1GG", "1.5", "16E", "1.5B", "G"
	};
	for (size_t i = 0; i < ARRAY_SIZE(bad); i++) {
		uint64_t v = 42;
		g_assert_cmpint(qemu_strtosz(bad[i], 1, &v), <, 0);
		g_assert_cmpuint(v, ==, 42);
	}
	{
		uint64_t v;
		/* 2^54 MiB overflows 64 bits */
		g_assert_cmpint(qemu_strtosz("18014398509481984", 1 << 20, &v), ==, -ERANGE);
	}
}

static void test_strtou64(void)
{
	uint64_t v;
	int64_t s;
	g_assert_cmpint(qemu_strtou64("18446744073709551615", &v), ==, 0);
	g_assert_cmpuint(v, ==, UINT64_MAX);
	g_assert_cmpint(qemu_strtou64("18446744073709551616", &v), <, 0);
	g_assert_cmpint(qemu_strtou64("-1", &v), <, 0);
	g_assert_cmpint(qemu_strtou64("12x", &v), <, 0);
	g_assert_cmpint(qemu_strtou64("", &v), <, 0);
	g_assert_cmpint(qemu_strtoi64("-9223372036854775808", &s), ==, 0);
	g_assert_cmpint(s, ==, INT64_MIN);
	g_assert_cmpint(qemu_strtoi64("0x10", &s), ==, 0);
	g_assert_cmpint(s, ==, 16);
}

static void test_id_wellformed(void)
{
	g_assert_true(id_wellformed("disk0"));
	g_assert_true(id_wellformed("a-b.c_d"));
	g_assert_false(id_wellformed("1abc"));
	g_assert_false(id_wellformed(""));
	g_assert_false(id_wellformed("a b"));
	g_assert_false(id_wellformed("a/b"));
}

static void test_size_to_str(void)
{
	char *s = size_to_str(2 << 20);
	g_assert_cmpstr(s, ==, "2 MiB");
	g_free(s);
	s = size_to_str(512);
	g_assert_cmpstr(s, ==, "512 B");
	g_free(s);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/cutils/strtosz/suffixes", test_strtosz_suffixes);
	g_test_add_func("/cutils/strtosz/bad", test_strtosz_bad);
	g_test_add_func("/cutils/strtou64", test_strtou64);
	g_test_add_func("/cutils/id_wellformed", test_id_wellformed);
	g_test_add_func("/cutils/size_to_str", test_size_to_str);
	return g_test_run();
}
