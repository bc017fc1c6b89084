// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Writing JSON as QEMU's QMP does: ", " and ": " between items, every character outside
 * printable ASCII escaped (\uXXXX, surrogate pairs above the BMP), bytes that are not UTF-8
 * written as U+FFFD; the pretty form indents by four spaces and puts an empty object's
 * braces on two lines, as QEMU's.
 */
#include "qemu/osdep.h"
#include "qobject/json.h"

static void write_string(GString *out, const char *s)
{
	const char *end = s + strlen(s);

	g_string_append_c(out, '"');
	while (s < end) {
		gunichar c = g_utf8_get_char_validated(s, end - s);

		if (c == (gunichar)-1 || c == (gunichar)-2) {
			c = 0xfffd;
			s++;
		} else {
			s = g_utf8_next_char(s);
		}
		switch (c) {
		case '"':
			g_string_append(out, "\\\"");
			break;
		case '\\':
			g_string_append(out, "\\\\");
			break;
		case '\b':
			g_string_append(out, "\\b");
			break;
		case '\f':
			g_string_append(out, "\\f");
			break;
		case '\n':
			g_string_append(out, "\\n");
			break;
		case '\r':
			g_string_append(out, "\\r");
			break;
		case '\t':
			g_string_append(out, "\\t");
			break;
		default:
			if (c >= 0x20 && c < 0x7f)
				g_string_append_c(out, c);
			else if (c < 0x10000)
				g_string_append_printf(out, "\\u%04x", c);
			else
				g_string_append_printf(out, "\\u%04x\\u%04x",
						       0xd800 + ((c - 0x10000) >> 10),
						       0xdc00 + ((c - 0x10000) & 0x3ff));
		}
	}
	g_string_append_c(out, '"');
}

static void newline(GString *out, bool pretty, int level)
{
	if (!pretty)
		return;
	g_string_append_c(out, '\n');
	for (int i = 0; i < level; i++)
		g_string_append(out, "    ");
}

static void write_value(GString *out, const QValue *v, bool pretty, int level)
{
	switch (v->kind) {
	case QV_NONE:
		g_string_append(out, "null");
		break;
	case QV_BOOL:
		g_string_append(out, v->b ? "true" : "false");
		break;
	case QV_INT:
		g_string_append_printf(out, "%" PRId64, v->i);
		break;
	case QV_UINT:
		g_string_append_printf(out, "%" PRIu64, v->u);
		break;
	case QV_NUM: {
		char buf[G_ASCII_DTOSTR_BUF_SIZE];
		g_string_append(out, g_ascii_formatd(buf, sizeof(buf), "%.17g", v->d));
		break;
	}
	case QV_STR:
		write_string(out, v->s);
		break;
	case QV_LIST:
		g_string_append_c(out, '[');
		for (guint i = 0; i < v->list->len; i++) {
			g_string_append(out, i ? pretty ? "," : ", " : "");
			newline(out, pretty, level + 1);
			write_value(out, g_ptr_array_index(v->list, i), pretty, level + 1);
		}
		newline(out, pretty, level);
		g_string_append_c(out, ']');
		break;
	case QV_DICT:
		g_string_append_c(out, '{');
		for (guint i = 0; i < v->dict->len; i++) {
			const QValueEntry *e = g_ptr_array_index(v->dict, i);

			g_string_append(out, i ? pretty ? "," : ", " : "");
			newline(out, pretty, level + 1);
			write_string(out, e->key);
			g_string_append(out, ": ");
			write_value(out, &e->value, pretty, level + 1);
		}
		newline(out, pretty, level);
		g_string_append_c(out, '}');
		break;
	}
}

GString *json_write(const QValue *v, bool pretty)
{
	GString *out = g_string_new(NULL);

	write_value(out, v, pretty, 0);
	return out;
}
