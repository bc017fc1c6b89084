// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Reading JSON: a recursive-descent parser from text to QValue, and the streamer that finds
 * where each top-level value ends in a byte stream (QMP input arrives in arbitrary pieces).
 * Integers become QV_INT (QV_UINT above INT64_MAX), other numbers QV_NUM. Strings are
 * checked UTF-8; \u escapes, surrogate pairs included, become UTF-8.
 */
#include "qemu/osdep.h"
#include "qobject/json.h"

typedef struct Parser {
	const char *p, *end;
	unsigned depth;
	Error **errp;
	bool failed;
} Parser;

static bool fail(Parser *ps, const char *fmt, const char *arg)
{
	if (!ps->failed) {
		g_autofree char *msg = g_strdup_printf(fmt, arg);
		error_setg(ps->errp, "JSON parse error, %s", msg);
	}
	ps->failed = true;
	return false;
}

static void skip_ws(Parser *ps)
{
	while (ps->p < ps->end && strchr(" \t\r\n", *ps->p) && *ps->p)
		ps->p++;
}

static int hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		int c = p[i], d = g_ascii_xdigit_value(c);
		if (d < 0)
			return -1;
		v = v << 4 | d;
	}
	return v;
}

/* \uXXXX, or a surrogate pair of them; returns the code point or -1. */
static int32_t unicode_escape(Parser *ps)
{
	int hi, lo;

	if (ps->end - ps->p < 5 || (hi = hex4(ps->p + 1)) < 0)
		return -1;
	ps->p += 5;
	if (hi < 0xd800 || hi > 0xdfff)
		return hi;
	if (hi > 0xdbff || ps->end - ps->p < 6 || ps->p[0] != '\\' || ps->p[1] != 'u' ||
	    (lo = hex4(ps->p + 2)) < 0xdc00 || lo > 0xdfff)
		return -1;
	ps->p += 6;
	return 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
}

static bool parse_string(Parser *ps, QValue *out)
{
	char quote = *ps->p++;
	GString *s = g_string_new(NULL);

	while (ps->p < ps->end && *ps->p != quote) {
		unsigned char c = *ps->p;
		int32_t cp;

		if (c < 0x20)
			goto bad;
		if (c != '\\') {
			g_string_append_c(s, c);
			ps->p++;
			continue;
		}
		if (++ps->p >= ps->end)
			goto bad;
		switch (*ps->p) {
		case '"':
		case '\'':
		case '\\':
		case '/':
			g_string_append_c(s, *ps->p);
			break;
		case 'b':
			g_string_append_c(s, '\b');
			break;
		case 'f':
			g_string_append_c(s, '\f');
			break;
		case 'n':
			g_string_append_c(s, '\n');
			break;
		case 'r':
			g_string_append_c(s, '\r');
			break;
		case 't':
			g_string_append_c(s, '\t');
			break;
		case 'u':
			cp = unicode_escape(ps);
			if (cp <= 0) /* NUL cannot be in a C string: refused, as QEMU does */
				goto bad;
			g_string_append_unichar(s, cp);
			continue;
		default:
			goto bad;
		}
		ps->p++;
	}
	if (ps->p >= ps->end || !g_utf8_validate(s->str, s->len, NULL))
		goto bad;
	ps->p++;
	*out = (QValue){ .kind = QV_STR, .s = g_string_free(s, FALSE) };
	return true;
bad:
	g_string_free(s, TRUE);
	return fail(ps, "%s", "invalid string");
}

static bool parse_number(Parser *ps, QValue *out)
{
	const char *start = ps->p;
	bool integer = true;
	char *text, *rest;

	if (*ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end || !g_ascii_isdigit(*ps->p))
		return fail(ps, "%s", "expecting value");
	while (ps->p < ps->end && (g_ascii_isalnum(*ps->p) || strchr(".+-", *ps->p))) {
		integer &= g_ascii_isdigit(*ps->p);
		ps->p++;
	}
	text = g_strndup(start, ps->p - start);
	errno = 0;
	if (integer && *text == '-')
		*out = qv_int(g_ascii_strtoll(text, &rest, 10));
	else if (integer)
		*out = qv_uint(g_ascii_strtoull(text, &rest, 10));
	if (!integer || errno) { /* out of range integers are numbers too, as QEMU's */
		errno = 0;
		*out = qv_num(g_ascii_strtod(text, &rest));
	}
	if (*rest || errno) {
		fail(ps, "invalid number '%s'", text);
		g_free(text);
		return false;
	}
	if (out->kind == QV_UINT && out->u <= INT64_MAX)
		*out = qv_int(out->u);
	g_free(text);
	return true;
}

static bool parse_value(Parser *ps, QValue *out);

static bool parse_list(Parser *ps, QValue *out)
{
	*out = qv_list();
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == ']') {
		ps->p++;
		return true;
	}
	for (;;) {
		QValue item;

		if (!parse_value(ps, &item))
			return false;
		qv_list_append(out, item);
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ']') {
			ps->p++;
			return true;
		}
		if (ps->p >= ps->end || *ps->p != ',')
			return fail(ps, "%s", "expected separator in list");
		ps->p++;
	}
}

static bool parse_dict(Parser *ps, QValue *out)
{
	*out = qv_dict();
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == '}') {
		ps->p++;
		return true;
	}
	for (;;) {
		QValue key, value;

		/* the key is any value first: a bad keyword is reported as such, as QEMU does */
		if (!parse_value(ps, &key))
			return false;
		if (key.kind != QV_STR) {
			qv_clear(&key);
			return fail(ps, "%s", "key is not a string in object");
		}
		skip_ws(ps);
		if (ps->p >= ps->end || *ps->p != ':') {
			qv_clear(&key);
			return fail(ps, "%s", "missing : in object pair");
		}
		ps->p++;
		if (!parse_value(ps, &value)) {
			qv_clear(&key);
			return false;
		}
		qv_dict_put(out, key.s, value);
		qv_clear(&key);
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == '}') {
			ps->p++;
			return true;
		}
		if (ps->p >= ps->end || *ps->p != ',')
			return fail(ps, "%s", "expected separator in dict");
		ps->p++;
	}
}

static bool parse_keyword(Parser *ps, QValue *out)
{
	const char *start = ps->p;
	g_autofree char *word = NULL;

	while (ps->p < ps->end && g_ascii_isalnum(*ps->p))
		ps->p++;
	if (ps->p == start)
		return fail(ps, "%s", "expecting value");
	word = g_strndup(start, ps->p - start);
	if (!strcmp(word, "true"))
		*out = qv_bool(true);
	else if (!strcmp(word, "false"))
		*out = qv_bool(false);
	else if (!strcmp(word, "null"))
		*out = (QValue){ .kind = QV_NONE };
	else
		return fail(ps, "invalid keyword '%s'", word);
	return true;
}

static bool parse_value(Parser *ps, QValue *out)
{
	bool ok;

	*out = (QValue){ .kind = QV_NONE };
	skip_ws(ps);
	if (ps->p >= ps->end)
		return fail(ps, "%s", "expecting value");
	if (*ps->p != '{' && *ps->p != '[') {
		if (*ps->p == '"' || *ps->p == '\'')
			return parse_string(ps, out);
		if (*ps->p == '-' || g_ascii_isdigit(*ps->p))
			return parse_number(ps, out);
		return parse_keyword(ps, out);
	}
	if (++ps->depth > JSON_MAX_NESTING) {
		error_setg(ps->errp, "JSON nesting depth limit exceeded");
		ps->failed = true;
		return false;
	}
	ok = *ps->p == '{' ? parse_dict(ps, out) : parse_list(ps, out);
	ps->depth--;
	return ok;
}

bool json_parse(const char *text, size_t len, QValue *out, Error **errp)
{
	Parser ps = { .p = text, .end = text + len, .errp = errp };

	if (parse_value(&ps, out)) {
		skip_ws(&ps);
		if (ps.p == ps.end)
			return true;
		fail(&ps, "%s", "expecting value");
	}
	qv_clear(out);
	return false;
}

/* ---- the streamer ---- */

void json_streamer_init(JsonStreamer *s, JsonEmit *emit, void *opaque)
{
	memset(s, 0, sizeof(*s));
	s->emit = emit;
	s->opaque = opaque;
	s->text = g_string_new(NULL);
}

void json_streamer_reset(JsonStreamer *s)
{
	g_string_truncate(s->text, 0);
	s->depth = s->tokens = 0;
	s->quote = 0;
	s->escape = s->word = s->skipping = false;
}

void json_streamer_destroy(JsonStreamer *s)
{
	g_string_free(s->text, TRUE);
	s->text = NULL;
}

/* One value's text is complete: parse it and hand it on. */
static void complete(JsonStreamer *s)
{
	QValue v;
	Error *err = NULL;
	bool skipped = s->skipping;

	if (!skipped && json_parse(s->text->str, s->text->len, &v, &err))
		s->emit(s->opaque, g_memdup2(&v, sizeof(v)), NULL);
	else if (!skipped)
		s->emit(s->opaque, NULL, err);
	json_streamer_reset(s);
}

/* A limit was passed: report it once, then drop input until the brackets balance. */
static void limit(JsonStreamer *s, const char *what)
{
	Error *err = NULL;

	if (s->skipping)
		return;
	error_setg(&err, "JSON %s limit exceeded", what);
	s->emit(s->opaque, NULL, err);
	s->skipping = true;
	g_string_truncate(s->text, 0);
}

static bool is_delimiter(uint8_t c)
{
	return strchr(" \t\r\n{}[],:\"'", c) && c;
}

static void feed_byte(JsonStreamer *s, uint8_t c)
{
	if (s->quote) {
		if (!s->skipping && s->text->len >= JSON_MAX_TEXT_SIZE)
			limit(s, "token size"); /* an endless string is bounded too */
		if (!s->skipping)
			g_string_append_c(s->text, c);
		if (s->escape)
			s->escape = false;
		else if (c == '\\')
			s->escape = true;
		else if (c == s->quote || c == '\n') /* a line break ends a broken string */
			s->quote = 0;
		if (!s->quote && !s->depth)
			complete(s);
		return;
	}
	if (s->word && is_delimiter(c)) {
		s->word = false;
		complete(s);
	}
	switch (c) {
	case ' ':
	case '\t':
	case '\r':
	case '\n':
		if (!s->text->len && !s->skipping)
			return;
		break;
	case '{':
	case '[':
		s->depth++;
		s->tokens++;
		break;
	case '}':
	case ']':
		s->tokens++;
		if (s->depth)
			s->depth--;
		if (!s->skipping)
			g_string_append_c(s->text, c);
		if (!s->depth)
			complete(s);
		return;
	case '"':
	case '\'':
		s->quote = c;
		s->tokens++;
		break;
	default:
		if (!s->depth && !s->word) {
			s->word = true;
			s->tokens++;
		} else if (s->depth && is_delimiter(c)) {
			s->tokens++;
		}
	}
	if (s->depth > JSON_MAX_NESTING)
		limit(s, "nesting depth");
	else if (s->text->len >= JSON_MAX_TEXT_SIZE)
		limit(s, "token size");
	else if (s->tokens > JSON_MAX_TOKEN_COUNT)
		limit(s, "token count");
	if (!s->skipping)
		g_string_append_c(s->text, c);
}

void json_streamer_feed(JsonStreamer *s, const uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		feed_byte(s, buf[i]);
}
