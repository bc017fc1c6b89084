// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Integer expressions of the human monitor (monitor/hmp-expr.h): a recursive descent over
 * QEMU's grammar, sum of logic of products of unary terms, in 64-bit wrapping arithmetic.
 */
#include "qemu/osdep.h"
#include "monitor/hmp-expr.h"

typedef struct Expr {
	const char *p;
	const char *err; /* the first error; later ones are not reported */
	char buf[64];	 /* for messages that quote a character */
} Expr;

static uint64_t sum(Expr *e);

static void skip(Expr *e)
{
	while (*e->p == ' ' || *e->p == '\t')
		e->p++;
}

static uint64_t fail(Expr *e, const char *msg)
{
	if (!e->err)
		e->err = msg;
	return 0;
}

static uint64_t number(Expr *e)
{
	char *end;
	uint64_t v;

	if (!g_ascii_isdigit(*e->p)) {
		if (!e->err)
			snprintf(e->buf, sizeof(e->buf), "invalid char '%c' in expression", *e->p);
		return fail(e, e->buf);
	}
	errno = 0;
	v = strtoull(e->p, &end, 0);
	if (errno == ERANGE)
		return fail(e, "number too large");
	e->p = end;
	return v;
}

static uint64_t character(Expr *e)
{
	uint64_t v;

	e->p++;
	if (!*e->p)
		return fail(e, "character constant expected");
	v = (uint8_t)*e->p++;
	if (*e->p != '\'')
		return fail(e, "missing terminating ' character");
	e->p++;
	return v;
}

static uint64_t unary(Expr *e)
{
	uint64_t v;

	skip(e);
	switch (*e->p) {
	case '+':
		e->p++;
		return unary(e);
	case '-':
		e->p++;
		return -unary(e);
	case '~':
		e->p++;
		return ~unary(e);
	case '(':
		e->p++;
		v = sum(e);
		skip(e);
		if (*e->p != ')')
			return fail(e, "')' expected");
		e->p++;
		return v;
	case '\'':
		return character(e);
	case '$':
		return fail(e, "unknown register");
	case '\0':
		return fail(e, "unexpected end of expression");
	default:
		return number(e);
	}
}

static uint64_t product(Expr *e)
{
	uint64_t v = unary(e), w;

	for (;;) {
		char op;

		skip(e);
		op = *e->p;
		if (e->err || (op != '*' && op != '/' && op != '%'))
			return v;
		e->p++;
		w = unary(e);
		if (op == '*')
			v *= w;
		else if (!w)
			return fail(e, "division by zero");
		else
			v = op == '/' ? (uint64_t)((int64_t)v / (int64_t)w)
				      : (uint64_t)((int64_t)v % (int64_t)w);
	}
}

static uint64_t logic(Expr *e)
{
	uint64_t v = product(e), w;

	for (;;) {
		char op;

		skip(e);
		op = *e->p;
		if (e->err || (op != '&' && op != '|' && op != '^'))
			return v;
		e->p++;
		w = product(e);
		v = op == '&' ? v & w : op == '|' ? v | w : v ^ w;
	}
}

static uint64_t sum(Expr *e)
{
	uint64_t v = logic(e), w;

	for (;;) {
		char op;

		skip(e);
		op = *e->p;
		if (e->err || (op != '+' && op != '-'))
			return v;
		e->p++;
		w = logic(e);
		v = op == '+' ? v + w : v - w;
	}
}

const char *hmp_eval_expr(const char **p, uint64_t *val)
{
	static char msg[64];
	Expr e = { .p = *p };

	*val = sum(&e);
	*p = e.p;
	if (!e.err)
		return NULL;
	/* a quoted character lives in e: copy it out before e goes */
	g_strlcpy(msg, e.err, sizeof(msg));
	return msg;
}
