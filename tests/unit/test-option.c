// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests for the key=value option parser and its typed getters. */
#include "qemu/osdep.h"
#include "qemu/option.h"

static QemuOpts *parse_ok(const char *s, const char *implied)
{
	Error *err = NULL;
	QemuOpts *o = qemu_opts_parse(s, implied, &err);
	g_assert_null(err);
	g_assert_nonnull(o);
	return o;
}

static void test_implied_key(void)
{
	QemuOpts *o = parse_ok("virt,dumpdtb=f.dtb", "type");
	g_assert_cmpstr(qemu_opt_get(o, "type"), ==, "virt");
	g_assert_cmpstr(qemu_opt_get(o, "dumpdtb"), ==, "f.dtb");
	g_assert_false(o->help);
	qemu_opts_free(o);
	/* an explicit key in first position is not the implied one */
	o = parse_ok("type=none,x=1", "type");
	g_assert_cmpstr(qemu_opt_get(o, "type"), ==, "none");
	qemu_opts_free(o);
}

static void test_comma_escape(void)
{
	QemuOpts *o = parse_ok("file,path=a,,b,,,,c,append=on", "backend");
	g_assert_cmpstr(qemu_opt_get(o, "path"), ==, "a,b,,c");
	g_assert_cmpstr(qemu_opt_get(o, "append"), ==, "on");
	qemu_opts_free(o);
	o = parse_ok("a,,b", "type");
	g_assert_cmpstr(qemu_opt_get(o, "type"), ==, "a,b");
	qemu_opts_free(o);
}

static void test_help(void)
{
	QemuOpts *o = parse_ok("help", "driver");
	g_assert_true(o->help);
	g_assert_null(qemu_opt_get(o, "driver"));
	qemu_opts_free(o);
	o = parse_ok("virtio-rng-device,help", "driver");
	g_assert_true(o->help);
	g_assert_cmpstr(qemu_opt_get(o, "driver"), ==, "virtio-rng-device");
	qemu_opts_free(o);
	o = parse_ok("foo,?", "driver");
	g_assert_true(o->help);
	qemu_opts_free(o);
}

static void test_bare_key_is_on(void)
{
	Error *err = NULL;
	QemuOpts *o = parse_ok("x,readonly", "driver");
	g_assert_true(qemu_opt_get_bool(o, "readonly", false, &err));
	g_assert_null(err);
	qemu_opts_free(o);
}

static void test_last_wins(void)
{
	QemuOpts *o = parse_ok("id=a,id=b", NULL);
	g_assert_cmpstr(qemu_opt_get(o, "id"), ==, "b");
	qemu_opts_free(o);
}

static void test_bool(void)
{
	static const char *const yes[] = { "on", "yes", "true", "y" };
	static const char *const no[] = { "off", "no", "false", "n" };
	Error *err = NULL;
	bool b;

	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		g_assert_true(parse_option_bool("x", yes[i], &b, &err) && b);
		g_assert_true(parse_option_bool("x", no[i], &b, &err) && !b);
	}
	g_assert_false(parse_option_bool("aclint", "maybe", &b, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Parameter 'aclint' expects 'on' or 'off'");
	error_free(err);
}

static void test_size(void)
{
	Error *err = NULL;
	QemuOpts *o = parse_ok("size=1G,bad=1X", NULL);
	g_assert_cmpuint(qemu_opt_get_size(o, "size", 0, &err), ==, 1ULL << 30);
	g_assert_null(err);
	g_assert_cmpuint(qemu_opt_get_size(o, "bad", 7, &err), ==, 7);
	g_assert_nonnull(err);
	g_assert_cmpstr(error_get_pretty(err), ==,
			"Parameter 'bad' expects a non-negative number below 2^64");
	error_free(err);
	qemu_opts_free(o);
}

static void test_unused(void)
{
	Error *err = NULL;
	QemuOpts *o = parse_ok("100,foo=1", "size");
	qemu_opt_get(o, "size");
	g_assert_false(qemu_opts_check_unused(o, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Invalid parameter 'foo'");
	error_free(err);
	qemu_opt_get(o, "foo");
	g_assert_true(qemu_opts_check_unused(o, NULL));
	qemu_opts_free(o);
}

static void test_empty_key(void)
{
	Error *err = NULL;
	g_assert_null(qemu_opts_parse("a,=5", "type", &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Invalid parameter ''");
	error_free(err);
}

static void test_empty_string(void)
{
	QemuOpts *o = parse_ok("", "driver");
	g_assert_cmpstr(qemu_opt_get(o, "driver"), ==, "");
	qemu_opts_free(o);
	o = parse_ok(",id=x", "driver");
	g_assert_cmpstr(qemu_opt_get(o, "driver"), ==, "");
	g_assert_cmpstr(qemu_opt_get(o, "id"), ==, "x");
	qemu_opts_free(o);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/option/implied_key", test_implied_key);
	g_test_add_func("/option/comma_escape", test_comma_escape);
	g_test_add_func("/option/help", test_help);
	g_test_add_func("/option/bare_key_is_on", test_bare_key_is_on);
	g_test_add_func("/option/last_wins", test_last_wins);
	g_test_add_func("/option/bool", test_bool);
	g_test_add_func("/option/size", test_size);
	g_test_add_func("/option/unused", test_unused);
	g_test_add_func("/option/empty_key", test_empty_key);
	g_test_add_func("/option/empty_string", test_empty_string);
	return g_test_run();
}
