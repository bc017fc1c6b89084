// SPDX-License-Identifier: GPL-2.0-or-later
/* Parser for QEMU's key=value option strings and the typed getters consumers read them with. */
#include "qemu/osdep.h"
#include "qemu/option.h"
#include "qemu/cutils.h"

bool is_help_option(const char *s)
{
	return s && (!strcmp(s, "help") || !strcmp(s, "?"));
}

/* Copies up to the next unescaped delimiter, undoing ',,'; returns where parsing stops. */
static const char *get_token(const char *p, char delim, GString *out)
{
	g_string_truncate(out, 0);
	while (*p) {
		if (*p == ',') {
			if (p[1] != ',')
				break;
			p++;
		} else if (*p == delim) {
			break;
		}
		g_string_append_c(out, *p++);
	}
	return p;
}

static void opt_add(QemuOpts *opts, const char *name, const char *value)
{
	QemuOpt *o = g_new0(QemuOpt, 1);
	o->name = g_strdup(name);
	o->str = g_strdup(value);
	g_ptr_array_add(opts->opts, o);
}

static void opt_free(gpointer p)
{
	QemuOpt *o = p;
	g_free(o->name);
	g_free(o->str);
	g_free(o);
}

/* QEMU 7.2's words for "foo" (foo=on) and "nofoo" (foo=off), still accepted. */
static void warn_short_form(const char *key, bool no)
{
	warn_report("short-form boolean option '%s%s' deprecated", no ? "no" : "", key);
	if (!strcmp(key, "delay"))
		error_printf("Please use nodelay=%s instead\n", no ? "on" : "off");
	else
		error_printf("Please use %s=%s instead\n", key, no ? "off" : "on");
}

static QemuOpts *opts_parse(const char *params, const char *implied_key, bool noisy, Error **errp)
{
	QemuOpts *opts = g_new0(QemuOpts, 1);
	GString *key = g_string_new(NULL), *val = g_string_new(NULL);
	const char *p = params;
	bool first = true;

	opts->opts = g_ptr_array_new_with_free_func(opt_free);
	while (*p || first) {
		const char *after_key = get_token(p, '=', key);
		if (*after_key == '=') {
			p = get_token(after_key + 1, 0, val);
			if (key->len == 0) {
				error_setg(errp, "Invalid parameter ''");
				goto fail;
			}
			opt_add(opts, key->str, val->str);
		} else if (first && implied_key) {
			p = after_key;
			if (is_help_option(key->str))
				opts->help = true;
			else
				opt_add(opts, implied_key, key->str);
		} else {
			p = after_key;
			if (is_help_option(key->str)) {
				opts->help = true;
			} else if (key->len == 0) {
				if (!first || *p) {
					error_setg(errp, "Invalid parameter ''");
					goto fail;
				}
			} else {
				bool no = g_str_has_prefix(key->str, "no");
				const char *name = key->str + (no ? 2 : 0);

				if (noisy)
					warn_short_form(name, no);
				opt_add(opts, name, no ? "off" : "on");
			}
		}
		first = false;
		if (*p == ',')
			p++;
		else if (!*p)
			break;
	}
	g_string_free(key, TRUE);
	g_string_free(val, TRUE);
	return opts;
fail:
	g_string_free(key, TRUE);
	g_string_free(val, TRUE);
	qemu_opts_free(opts);
	return NULL;
}

QemuOpts *qemu_opts_parse(const char *params, const char *implied_key, Error **errp)
{
	return opts_parse(params, implied_key, false, errp);
}

QemuOpts *qemu_opts_parse_noisily(const char *params, const char *implied_key, Error **errp)
{
	return opts_parse(params, implied_key, true, errp);
}

void qemu_opts_free(QemuOpts *opts)
{
	if (!opts)
		return;
	g_ptr_array_free(opts->opts, TRUE);
	g_free(opts);
}

void qemu_opt_unset(QemuOpts *opts, const char *name)
{
	for (guint i = opts->opts->len; i-- > 0;)
		if (!strcmp(((QemuOpt *)g_ptr_array_index(opts->opts, i))->name, name))
			g_ptr_array_remove_index(opts->opts, i);
}

void qemu_opt_set(QemuOpts *opts, const char *name, const char *value)
{
	QemuOpt *o = g_new0(QemuOpt, 1);

	o->name = g_strdup(name);
	o->str = g_strdup(value);
	g_ptr_array_add(opts->opts, o);
}

const char *qemu_opt_get(QemuOpts *opts, const char *name)
{
	const char *found = NULL;
	for (guint i = 0; i < opts->opts->len; i++) {
		QemuOpt *o = g_ptr_array_index(opts->opts, i);
		if (!strcmp(o->name, name)) {
			o->used = true;
			found = o->str;
		}
	}
	return found;
}

bool qemu_opt_has(QemuOpts *opts, const char *name)
{
	for (guint i = 0; i < opts->opts->len; i++) {
		QemuOpt *o = g_ptr_array_index(opts->opts, i);
		if (!strcmp(o->name, name))
			return true;
	}
	return false;
}

bool parse_option_bool(const char *name, const char *value, bool *ret, Error **errp)
{
	static const char *const yes[] = { "on", "yes", "true", "y" };
	static const char *const no[] = { "off", "no", "false", "n" };
	for (size_t i = 0; i < ARRAY_SIZE(yes); i++) {
		if (!strcmp(value, yes[i])) {
			*ret = true;
			return true;
		}
		if (!strcmp(value, no[i])) {
			*ret = false;
			return true;
		}
	}
	error_setg(errp, "Parameter '%s' expects 'on' or 'off'", name);
	return false;
}

bool parse_option_number(const char *name, const char *value, uint64_t *ret, Error **errp)
{
	if (qemu_strtou64(value, ret) < 0) {
		error_setg(errp, "Parameter '%s' expects a number", name);
		return false;
	}
	return true;
}

bool parse_option_size(const char *name, const char *value, uint64_t *ret, Error **errp)
{
	if (qemu_strtosz(value, 1, ret) < 0) {
		error_setg(errp, "Parameter '%s' expects a non-negative number below 2^64", name);
		error_append_hint(errp, "Optional suffix k, M, G, T, P or E means kilo-, mega-, "
					"giga-, tera-, peta-\nand exabytes, respectively.\n");
		return false;
	}
	return true;
}

bool qemu_opt_get_bool(QemuOpts *opts, const char *name, bool defval, Error **errp)
{
	const char *v = qemu_opt_get(opts, name);
	bool ret = defval;
	if (v)
		parse_option_bool(name, v, &ret, errp);
	return ret;
}

uint64_t qemu_opt_get_number(QemuOpts *opts, const char *name, uint64_t defval, Error **errp)
{
	const char *v = qemu_opt_get(opts, name);
	uint64_t ret = defval;
	if (v && !parse_option_number(name, v, &ret, errp))
		return defval;
	return ret;
}

uint64_t qemu_opt_get_size(QemuOpts *opts, const char *name, uint64_t defval, Error **errp)
{
	const char *v = qemu_opt_get(opts, name);
	uint64_t ret = defval;
	if (v && !parse_option_size(name, v, &ret, errp))
		return defval;
	return ret;
}

bool qemu_opts_check_unused(QemuOpts *opts, Error **errp)
{
	for (guint i = 0; i < opts->opts->len; i++) {
		QemuOpt *o = g_ptr_array_index(opts->opts, i);
		if (!o->used) {
			error_setg(errp, "Invalid parameter '%s'", o->name);
			return false;
		}
	}
	return true;
}
