// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Unit tests of the human monitor's line editor: typing, Enter, backspace and Delete, moving
 * the cursor (arrows, Home/End, Ctrl-A/E) and editing in the middle, Ctrl-U/K, the history on
 * the up and down arrows, and an over-long line dropped rather than cut.
 */
#include "qemu/osdep.h"
#include "monitor/readline.h"

static GString *screen;

static void print(void *opaque, const char *text)
{
	g_string_append(screen, text);
}

/* Feeds keys; returns the lines they finished, joined with '|'. */
static char *keys(ReadLineState *rs, const char *k)
{
	GString *lines = g_string_new(NULL);

	for (; *k; k++) {
		char *line = readline_feed(rs, (uint8_t)*k);
		if (line) {
			g_string_append_printf(lines, "%s%s", lines->len ? "|" : "", line);
			g_free(line);
		}
	}
	return g_string_free(lines, FALSE);
}

static void check(ReadLineState *rs, const char *k, const char *want)
{
	char *got = keys(rs, k);

	g_assert_cmpstr(got, ==, want);
	g_free(got);
}

static void test_editing(void)
{
	ReadLineState rs;

	screen = g_string_new(NULL);
	readline_init(&rs, "(qemu) ", print, NULL);
	check(&rs, "info status\r", "info status");
	g_assert_true(g_str_has_prefix(screen->str, "info status"));
	check(&rs,
	      "abc\x7f"
	      "d\n",
	      "abd");
	/* left arrow, insert, End, append */
	check(&rs, "stp\033[Do\033[Fx\r", "stopx");
	/* Ctrl-A, Delete, Ctrl-E */
	check(&rs, "xquit\x01\033[3~\x05\r", "quit");
	/* Ctrl-U kills before the cursor, Ctrl-K after it */
	check(&rs, "junk\x15help\r", "help");
	check(&rs, "helpjunk\033[D\033[D\033[D\033[D\x0b\r", "help");
	/* an unknown sequence and stray controls do nothing */
	check(&rs, "\033[99Zc\x02\r", "c");
	readline_free(&rs);
	g_string_free(screen, TRUE);
}

static void test_history(void)
{
	ReadLineState rs;

	screen = g_string_new(NULL);
	readline_init(&rs, "(qemu) ", print, NULL);
	check(&rs, "one\rtwo\rtwo\r\r", "one|two|two|");
	/* up: the last line (the repeat and the empty line were not kept) */
	check(&rs, "\033[A\r", "two");
	check(&rs, "\033[A\033[A\r", "one");
	/* past the oldest stays there; down past the newest gives an empty line */
	check(&rs, "\033[A\033[A\033[A\033[A\033[B\r", "two");
	check(&rs, "\033[A\033[B\033[B\r", "");
	/* an edited history line is a new line */
	check(&rs, "\033[A!\r", "two!");
	/* ESC O A (application cursor keys) too */
	check(&rs, "\033OA\r", "two!");
	for (int i = 0; i < 100; i++) {
		char line[16];
		snprintf(line, sizeof(line), "l%d\r", i);
		g_free(keys(&rs, line));
	}
	g_assert_cmpint(rs.nb_history, ==, READLINE_HISTORY);
	check(&rs, "\033[A\r", "l99");
	readline_free(&rs);
	g_string_free(screen, TRUE);
}

static void test_overflow(void)
{
	ReadLineState rs;
	GString *big = g_string_new(NULL);

	screen = g_string_new(NULL);
	readline_init(&rs, "(qemu) ", print, NULL);
	for (int i = 0; i < READLINE_MAX + 10; i++)
		g_string_append_c(big, 'a');
	g_string_append_c(big, '\r');
	check(&rs, big->str, "");
	check(&rs, "ok\r", "ok");
	readline_free(&rs);
	g_string_free(big, TRUE);
	g_string_free(screen, TRUE);
}

int main(int argc, char **argv)
{
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/readline/editing", test_editing);
	g_test_add_func("/readline/history", test_history);
	g_test_add_func("/readline/overflow", test_overflow);
	return g_test_run();
}
