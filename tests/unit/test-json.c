// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of QMP's JSON: parsing (values, escapes, QEMU's single quotes, errors in QEMU's
 * words), writing (the compact and pretty forms byte for byte as QEMU's QMP writes them, the
 * escapes), the streamer (values cut at any byte, several per line, limits and recovery),
 * the QMP dispatcher's checks, and a bounded fuzz run of mutated input through the streamer.
 */
#include "qemu/osdep.h"
#include "qobject/json.h"
#include "monitor/qmp.h"

static QValue parse_ok(const char *text)
{
	QValue v;

	g_assert_true(json_parse(text, strlen(text), &v, &error_abort));
	return v;
}

static void parse_err(const char *text, const char *want)
{
	Error *err = NULL;
	QValue v;

	g_assert_false(json_parse(text, strlen(text), &v, &err));
	g_assert_nonnull(err);
	g_assert_cmpstr(error_get_pretty(err), ==, want);
	error_free(err);
}

static void check_write(const char *in, const char *want)
{
	QValue v = parse_ok(in);
	GString *out = json_write(&v, false);

	g_assert_cmpstr(out->str, ==, want);
	g_string_free(out, TRUE);
	qv_clear(&v);
}

static void test_parse_values(void)
{
	QValue v =
	    parse_ok(" {\"a\": [1, -2, 18446744073709551615, 1.5, 1e3, true, false, null],"
		     " 'b': {}, \"c\": \"x\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"} ");
	const QValue *a = qv_dict_get(&v, "a");

	g_assert_cmpint(v.kind, ==, QV_DICT);
	g_assert_cmpint(a->kind, ==, QV_LIST);
	g_assert_cmpint(a->list->len, ==, 8);
	g_assert_cmpint(((QValue *)g_ptr_array_index(a->list, 0))->kind, ==, QV_INT);
	g_assert_cmpint(((QValue *)g_ptr_array_index(a->list, 1))->i, ==, -2);
	g_assert_cmpint(((QValue *)g_ptr_array_index(a->list, 2))->kind, ==, QV_UINT);
	g_assert_cmpuint(((QValue *)g_ptr_array_index(a->list, 2))->u, ==, UINT64_MAX);
	g_assert_cmpfloat(((QValue *)g_ptr_array_index(a->list, 3))->d, ==, 1.5);
	g_assert_cmpfloat(((QValue *)g_ptr_array_index(a->list, 4))->d, ==, 1000);
	g_assert_true(((QValue *)g_ptr_array_index(a->list, 5))->b);
	g_assert_cmpint(((QValue *)g_ptr_array_index(a->list, 7))->kind, ==, QV_NONE);
	g_assert_cmpint(qv_dict_get(&v, "b")->kind, ==, QV_DICT);
	g_assert_cmpstr(qv_dict_get_str(&v, "c"), ==, "x\"\\/\b\f\n\r\t\xc3\xa9\xf0\x9f\x98\x80");
	qv_clear(&v);
	/* a later duplicate key wins, as in QEMU */
	v = parse_ok("{\"k\": 1, \"k\": 2}");
	g_assert_cmpint(qv_dict_get(&v, "k")->i, ==, 2);
	qv_clear(&v);
}

static void test_parse_errors(void)
{
	parse_err("{bad json}", "JSON parse error, invalid keyword 'bad'");
	parse_err("}", "JSON parse error, expecting value");
	parse_err("{\"a\":1,}", "JSON parse error, expecting value");
	parse_err("[1,]", "JSON parse error, expecting value");
	parse_err("{1:2}", "JSON parse error, key is not a string in object");
	parse_err("{\"a\" 2}", "JSON parse error, missing : in object pair");
	parse_err("{\"a\":1 \"b\":2}", "JSON parse error, expected separator in dict");
	parse_err("[1 2]", "JSON parse error, expected separator in list");
	parse_err("\"\\x\"", "JSON parse error, invalid string");
	parse_err("\"\\u0000\"", "JSON parse error, invalid string");
	parse_err("\"\\ud800\"", "JSON parse error, invalid string");
	parse_err("\"a\nb\"", "JSON parse error, invalid string");
	parse_err("\"\xff\"", "JSON parse error, invalid string");
	parse_err("\"open", "JSON parse error, invalid string");
	parse_err("1x", "JSON parse error, invalid number '1x'");
	parse_err("-", "JSON parse error, expecting value");
	parse_err("", "JSON parse error, expecting value");
	parse_err("1 2", "JSON parse error, expecting value");
}

/* The forms QEMU's QMP writes, as captured from qemu-system-riscv64 7.2. */
static void test_write(void)
{
	QValue v;
	GString *out;

	check_write(
	    "{\"return\": {\"status\": \"prelaunch\", \"singlestep\": false, \"running\": false},"
	    "\"id\": {\"a\": [1, 2]}}",
	    "{\"return\": {\"status\": \"prelaunch\", \"singlestep\": false, "
	    "\"running\": false}, \"id\": {\"a\": [1, 2]}}");
	check_write("[]", "[]");
	check_write("{}", "{}");
	check_write("\"a\\u00e9\\n\\u0001\\u007f\\ud83d\\ude00\"",
		    "\"a\\u00e9\\n\\u0001\\u007f\\ud83d\\ude00\"");
	check_write("[-9223372036854775808, 18446744073709551615, 0.5]",
		    "[-9223372036854775808, 18446744073709551615, 0.5]");
	/* %.17g, as QEMU: -0.0 and whole doubles lose what marked them as doubles */
	check_write("[-0.0, -0, 2.0]", "[-0, 0, 2]");
	/* bytes that are not UTF-8 (from a property, never from parsed input) */
	v = qv_str("a\xff");
	out = json_write(&v, false);
	g_assert_cmpstr(out->str, ==, "\"a\\ufffd\"");
	g_string_free(out, TRUE);
	qv_clear(&v);
	/* -qmp-pretty */
	v = parse_ok("{\"return\": {}, \"l\": [], \"r\": {\"x\": [1, {\"y\": true}]}}");
	out = json_write(&v, true);
	g_assert_cmpstr(out->str, ==,
			"{\n    \"return\": {\n    },\n    \"l\": [\n    ],\n    \"r\": {\n"
			"        \"x\": [\n            1,\n            {\n"
			"                \"y\": true\n            }\n        ]\n    }\n}");
	g_string_free(out, TRUE);
	qv_clear(&v);
}

/* ---- the streamer ---- */

typedef struct Sink {
	GPtrArray *values; /* GString *: each value rewritten, or "E:" and the error */
} Sink;

static void sink_emit(void *opaque, QValue *value, Error *err)
{
	Sink *s = opaque;

	if (err) {
		g_ptr_array_add(s->values, g_strdup_printf("E:%s", error_get_pretty(err)));
		error_free(err);
		return;
	}
	g_ptr_array_add(s->values, g_string_free(json_write(value, false), FALSE));
	qv_clear(value);
	g_free(value);
}

static GPtrArray *stream(const char *text, size_t chunk)
{
	Sink sink = { g_ptr_array_new_with_free_func(g_free) };
	JsonStreamer js;
	size_t len = strlen(text);

	json_streamer_init(&js, sink_emit, &sink);
	for (size_t off = 0; off < len; off += chunk)
		json_streamer_feed(&js, (const uint8_t *)text + off, MIN(chunk, len - off));
	json_streamer_destroy(&js);
	return sink.values;
}

static void test_streamer(void)
{
	static const char text[] = "{\"execute\":\"a\"} {\"execute\":\n\"b\"}\n[1,\n2]\n}\n"
				   "\"s\" true {bad} {\"x\": \"}]{\"} 'q' \n";
	static const char *const want[] = {
		"{\"execute\": \"a\"}",
		"{\"execute\": \"b\"}",
		"[1, 2]",
		"E:JSON parse error, expecting value",
		"\"s\"",
		"true",
		"E:JSON parse error, invalid keyword 'bad'",
		"{\"x\": \"}]{\"}",
		"\"q\"",
	};

	/* the same values whatever the pieces the bytes arrive in */
	for (size_t chunk = 1; chunk <= sizeof(text); chunk++) {
		GPtrArray *got = stream(text, chunk);

		g_assert_cmpint(got->len, ==, G_N_ELEMENTS(want));
		for (guint i = 0; i < got->len; i++)
			g_assert_cmpstr(g_ptr_array_index(got, i), ==, want[i]);
		g_ptr_array_free(got, TRUE);
	}
}

/* Past the nesting limit: one error, the rest of that value dropped, then normal again. */
static void test_streamer_limits(void)
{
	GString *deep = g_string_new(NULL);
	GPtrArray *got;

	for (int i = 0; i < JSON_MAX_NESTING + 10; i++)
		g_string_append_c(deep, '[');
	for (int i = 0; i < JSON_MAX_NESTING + 10; i++)
		g_string_append_c(deep, ']');
	g_string_append(deep, " {\"ok\": 1}");
	got = stream(deep->str, 4096);
	g_assert_cmpint(got->len, ==, 2);
	g_assert_cmpstr(g_ptr_array_index(got, 0), ==, "E:JSON nesting depth limit exceeded");
	g_assert_cmpstr(g_ptr_array_index(got, 1), ==, "{\"ok\": 1}");
	g_ptr_array_free(got, TRUE);
	g_string_free(deep, TRUE);
}

/* A string that never ends is bounded like any other value: one error, then recovery. */
static void test_streamer_endless_string(void)
{
	Sink sink = { g_ptr_array_new_with_free_func(g_free) };
	static uint8_t chunk[1 << 20];
	JsonStreamer js;

	memset(chunk, 'x', sizeof(chunk));
	json_streamer_init(&js, sink_emit, &sink);
	json_streamer_feed(&js, (const uint8_t *)"{\"a\": \"", 7);
	for (unsigned i = 0; i < JSON_MAX_TEXT_SIZE / sizeof(chunk) + 2; i++)
		json_streamer_feed(&js, chunk, sizeof(chunk));
	g_assert_cmpuint(js.text->len, <=, JSON_MAX_TEXT_SIZE);
	json_streamer_feed(&js, (const uint8_t *)"\"} [1]", 6);
	g_assert_cmpint(sink.values->len, ==, 2);
	g_assert_cmpstr(g_ptr_array_index(sink.values, 0), ==, "E:JSON token size limit exceeded");
	g_assert_cmpstr(g_ptr_array_index(sink.values, 1), ==, "[1]");
	json_streamer_destroy(&js);
	g_ptr_array_free(sink.values, TRUE);
}

/* ---- the dispatcher ---- */

static void echo_cmd(const QValue *args, QValue *ret, Error **errp)
{
	*ret = qv_copy(qv_dict_get(args, "s"));
}

static const QmpArg echo_args[] = { { "s", QV_STR }, { "n", QV_INT, true }, { NULL } };
static const QmpCommand test_commands[] = {
	{ "x-test-echo", echo_cmd, echo_args },
	{ NULL },
};

static char *dispatch(const char *req, bool negotiating)
{
	QValue r = parse_ok(req), reply = qmp_dispatch_gated(&r, negotiating);
	GString *out = json_write(&reply, false);

	qv_clear(&r);
	qv_clear(&reply);
	return g_string_free(out, FALSE);
}

static void check_dispatch(const char *req, bool negotiating, const char *want)
{
	char *got = dispatch(req, negotiating);

	g_assert_cmpstr(got, ==, want);
	g_free(got);
}

static void test_dispatch(void)
{
	check_dispatch("{\"execute\": \"x-test-echo\", \"arguments\": {\"s\": \"hi\"}, \"id\": 7}",
		       false, "{\"return\": \"hi\", \"id\": 7}");
	check_dispatch("{\"execute\": \"x-test-echo\"}", false,
		       "{\"error\": {\"class\": \"GenericError\", \"desc\": \"Parameter 's' is "
		       "missing\"}}");
	check_dispatch("{\"execute\": \"x-test-echo\", \"arguments\": {\"s\": 1}}", false,
		       "{\"error\": {\"class\": \"GenericError\", \"desc\": \"Invalid parameter "
		       "type for 's', expected: string\"}}");
	check_dispatch("{\"execute\": \"x-test-echo\", \"arguments\": {\"s\": \"a\", \"n\": true}}",
		       false,
		       "{\"error\": {\"class\": \"GenericError\", \"desc\": \"Invalid parameter "
		       "type for 'n', expected: integer\"}}");
	check_dispatch("{\"execute\": \"x-test-echo\", \"arguments\": {\"s\": \"a\", \"z\": 1}}",
		       false,
		       "{\"error\": {\"class\": \"GenericError\", \"desc\": \"Parameter 'z' is "
		       "unexpected\"}}");
	check_dispatch("{\"execute\": \"x-test-echo\", \"arguments\": {\"s\": \"a\"}}", true,
		       "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Expecting "
		       "capabilities negotiation with 'qmp_capabilities'\"}}");
	check_dispatch("{\"id\": [1]}", false,
		       "{\"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input lacks "
		       "member 'execute'\"}, \"id\": [1]}");
	check_dispatch("[1]", false,
		       "{\"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input must be a "
		       "JSON object\"}}");
	check_dispatch("{\"execute\": \"nope\"}", false,
		       "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command nope "
		       "has not been found\"}}");
}

/* ---- fuzz ---- */

static void assert_fixed_point(const char *text)
{
	QValue v;
	GString *again;

	g_assert_true(json_parse(text, strlen(text), &v, &error_abort));
	again = json_write(&v, false);
	g_assert_cmpstr(again->str, ==, text);
	g_string_free(again, TRUE);
	qv_clear(&v);
}

static const char *const seeds[] = {
	"{\"execute\": \"qom-get\", \"arguments\": {\"path\": \"/machine\", \"property\": \"x\"}}",
	"[1, -2.5e3, true, null, \"\\u00e9\\ud83d\\ude00\", {\"a\": []}]",
	"{'execute': 'x-test-echo', 'arguments': {'s': 'a'}, 'id': {'n': [1]}}",
};

/*
 * Mutated documents in random pieces: nothing crashes, every value re-parses
 * to itself. The exception is -0.0, written "-0" (%.17g, as QEMU) and read
 * back as the integer 0; one more round trip is then a fixed point.
 */
static void test_fuzz(void)
{
	static const char alphabet[] = "{}[]:,\"'\\ \nu0123456789abcdefeEtrufalsn.-+\xff\xc3";
	unsigned iterations = g_test_slow() ? 200000 : 20000;
	/* the same documents every `make check`; -m slow draws new ones from --seed */
	guint32 seed = g_test_slow() ? g_test_rand_int() : 14;
	GRand *rnd = g_rand_new_with_seed(seed);
	unsigned values = 0, errors = 0;

	for (unsigned it = 0; it < iterations; it++) {
		GString *doc = g_string_new(seeds[g_rand_int_range(rnd, 0, G_N_ELEMENTS(seeds))]);
		int edits = g_rand_int_range(rnd, 1, 8);
		GPtrArray *got;

		for (int e = 0; e < edits; e++) {
			guint pos = g_rand_int_range(rnd, 0, doc->len + 1);
			char c = alphabet[g_rand_int_range(rnd, 0, sizeof(alphabet) - 1)];

			switch (g_rand_int_range(rnd, 0, 3)) {
			case 0:
				g_string_insert_c(doc, pos, c);
				break;
			case 1:
				if (pos < doc->len)
					g_string_erase(doc, pos, 1);
				break;
			default:
				if (pos < doc->len)
					doc->str[pos] = c;
			}
		}
		got = stream(doc->str, g_rand_int_range(rnd, 1, 64));
		for (guint i = 0; i < got->len; i++) {
			const char *text = g_ptr_array_index(got, i);
			QValue v, w;
			GString *again;

			if (g_str_has_prefix(text, "E:")) {
				errors++;
				continue;
			}
			values++;
			g_assert_true(json_parse(text, strlen(text), &v, &error_abort));
			again = json_write(&v, false);
			if (strstr(text, "-0"))
				assert_fixed_point(again->str);
			else
				g_assert_cmpstr(again->str, ==, text);
			/* and through the dispatcher, which must answer anything */
			w = qmp_dispatch(&v);
			g_assert_cmpint(w.kind, ==, QV_DICT);
			qv_clear(&w);
			qv_clear(&v);
			g_string_free(again, TRUE);
		}
		g_ptr_array_free(got, TRUE);
		g_string_free(doc, TRUE);
	}
	g_rand_free(rnd);
	g_test_message("seed %u: %u values, %u errors", seed, values, errors);
	/* the mutations must leave both kinds of input common */
	g_assert_cmpuint(values, >, iterations / 10);
	g_assert_cmpuint(errors, >, iterations / 10);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	qmp_register_commands(test_commands);
	g_test_add_func("/json/parse-values", test_parse_values);
	g_test_add_func("/json/parse-errors", test_parse_errors);
	g_test_add_func("/json/write", test_write);
	g_test_add_func("/json/streamer", test_streamer);
	g_test_add_func("/json/streamer-limits", test_streamer_limits);
	g_test_add_func("/json/streamer-endless-string", test_streamer_endless_string);
	g_test_add_func("/qmp/dispatch", test_dispatch);
	g_test_add_func("/json/fuzz", test_fuzz);
	return g_test_run();
}
