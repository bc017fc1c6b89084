// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The human monitor's line editor: printable keys insert at the cursor, backspace and delete,
 * Ctrl-A/E or Home/End, Ctrl-U and Ctrl-K, left and right arrows, and a history of earlier
 * lines on the up and down arrows; the terminal is redrawn with VT100 sequences, as QEMU's
 * readline does. Lines are bounded (READLINE_MAX); longer input is dropped at its end.
 */
#ifndef MONITOR_READLINE_H
#define MONITOR_READLINE_H

#define READLINE_MAX	 4096
#define READLINE_HISTORY 64

typedef void ReadLinePrinter(void *opaque, const char *text);

typedef struct ReadLineState {
	GString *line;
	size_t cursor;
	char *history[READLINE_HISTORY]; /* oldest first */
	int nb_history;
	int hist_pos;	    /* -1: editing a new line */
	int esc;	    /* 0, after ESC (1), after ESC [ or ESC O (2), inside ESC [ n (3) */
	int esc_param;	    /* the n of ESC [ n ~ */
	bool overflow;	    /* the line passed READLINE_MAX */
	const char *prompt; /* what a redraw prints first */
	ReadLinePrinter *print;
	void *opaque;
} ReadLineState;

void readline_init(ReadLineState *rs, const char *prompt, ReadLinePrinter *print, void *opaque);
void readline_free(ReadLineState *rs);
/* Takes one key; returns a finished line (the caller frees it), else NULL. */
char *readline_feed(ReadLineState *rs, uint8_t c);
/* Forgets the line being typed (a new client). */
void readline_reset(ReadLineState *rs);

#endif
