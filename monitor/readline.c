// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Line editing for the human monitor: a line buffer with a cursor, the keys terminals send
 * (control characters and ESC [ sequences), and a bounded history. Redrawing prints the
 * prompt, the line and moves the cursor back, with the usual VT100 sequences.
 */
#include "qemu/osdep.h"
#include "monitor/readline.h"

void readline_init(ReadLineState *rs, const char *prompt, ReadLinePrinter *print, void *opaque)
{
	memset(rs, 0, sizeof(*rs));
	rs->line = g_string_new(NULL);
	rs->hist_pos = -1;
	rs->prompt = prompt;
	rs->print = print;
	rs->opaque = opaque;
}

void readline_free(ReadLineState *rs)
{
	g_string_free(rs->line, TRUE);
	for (int i = 0; i < rs->nb_history; i++)
		g_free(rs->history[i]);
}

void readline_reset(ReadLineState *rs)
{
	g_string_truncate(rs->line, 0);
	rs->cursor = 0;
	rs->hist_pos = -1;
	rs->esc = 0;
	rs->overflow = false;
}

/* Prompt, line, erase the rest, cursor back to where it is in the line. */
static void redraw(ReadLineState *rs)
{
	GString *out = g_string_new("\r");

	g_string_append(out, rs->prompt);
	g_string_append_len(out, rs->line->str, rs->line->len);
	g_string_append(out, "\033[K");
	if (rs->line->len > rs->cursor)
		g_string_append_printf(out, "\033[%zuD", rs->line->len - rs->cursor);
	rs->print(rs->opaque, out->str);
	g_string_free(out, TRUE);
}

static void insert(ReadLineState *rs, char c)
{
	if (rs->line->len >= READLINE_MAX) {
		rs->overflow = true;
		return;
	}
	g_string_insert_c(rs->line, rs->cursor++, c);
	if (rs->cursor == rs->line->len) {
		char s[2] = { c, 0 };
		rs->print(rs->opaque, s); /* at the end: a plain echo */
	} else {
		redraw(rs);
	}
}

static void add_history(ReadLineState *rs, const char *line)
{
	if (!*line || (rs->nb_history && !strcmp(rs->history[rs->nb_history - 1], line)))
		return;
	if (rs->nb_history == READLINE_HISTORY) {
		g_free(rs->history[0]);
		memmove(rs->history, rs->history + 1, sizeof(char *) * (READLINE_HISTORY - 1));
		rs->nb_history--;
	}
	rs->history[rs->nb_history++] = g_strdup(line);
}

static void history_move(ReadLineState *rs, int dir)
{
	int pos = rs->hist_pos < 0 ? rs->nb_history : rs->hist_pos;

	pos += dir;
	if (pos < 0 || pos > rs->nb_history)
		return;
	rs->hist_pos = pos == rs->nb_history ? -1 : pos;
	g_string_assign(rs->line, rs->hist_pos < 0 ? "" : rs->history[pos]);
	rs->cursor = rs->line->len;
	redraw(rs);
}

/* The final byte of ESC [ ... or ESC O ...: arrows, Home, End, Delete. */
static void escape(ReadLineState *rs, uint8_t c, int param)
{
	if (c == 'A') {
		history_move(rs, -1);
	} else if (c == 'B') {
		history_move(rs, 1);
	} else if (c == 'C' && rs->cursor < rs->line->len) {
		rs->cursor++;
		rs->print(rs->opaque, "\033[C");
	} else if (c == 'D' && rs->cursor > 0) {
		rs->cursor--;
		rs->print(rs->opaque, "\033[D");
	} else if (c == 'H' || (c == '~' && param == 1)) {
		rs->cursor = 0;
		redraw(rs);
	} else if (c == 'F' || (c == '~' && param == 4)) {
		rs->cursor = rs->line->len;
		redraw(rs);
	} else if (c == '~' && param == 3 && rs->cursor < rs->line->len) {
		g_string_erase(rs->line, rs->cursor, 1);
		redraw(rs);
	}
}

static char *finish(ReadLineState *rs)
{
	char *line = rs->overflow ? g_strdup("") : g_strdup(rs->line->str);

	rs->print(rs->opaque, "\n");
	add_history(rs, line);
	readline_reset(rs);
	return line;
}

char *readline_feed(ReadLineState *rs, uint8_t c)
{
	if (rs->esc == 1) {
		rs->esc = (c == '[' || c == 'O') ? 2 : 0;
		rs->esc_param = 0;
		return NULL;
	}
	if (rs->esc >= 2) {
		if (g_ascii_isdigit(c)) {
			rs->esc_param = MIN(rs->esc_param * 10 + (c - '0'), 1000);
			rs->esc = 3;
			return NULL;
		}
		rs->esc = 0;
		escape(rs, c, rs->esc_param);
		return NULL;
	}
	switch (c) {
	case '\r':
	case '\n':
		return finish(rs);
	case 27:
		rs->esc = 1;
		break;
	case 1: /* Ctrl-A */
		rs->cursor = 0;
		redraw(rs);
		break;
	case 5: /* Ctrl-E */
		rs->cursor = rs->line->len;
		redraw(rs);
		break;
	case 11: /* Ctrl-K */
		g_string_truncate(rs->line, rs->cursor);
		redraw(rs);
		break;
	case 21: /* Ctrl-U */
		g_string_erase(rs->line, 0, rs->cursor);
		rs->cursor = 0;
		redraw(rs);
		break;
	case 8:
	case 127:
		if (rs->cursor > 0) {
			g_string_erase(rs->line, --rs->cursor, 1);
			redraw(rs);
		}
		break;
	default:
		if (c >= 0x20 && c < 0x7f)
			insert(rs, c);
	}
	return NULL;
}
