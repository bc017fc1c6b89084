// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * QEMU's "key=val,key=val" option strings: ',,' escapes a comma, the first item may stand for an
 * implied key ("-M virt" is "type=virt"), a bare "key" means key=on ("nokey" key=off), and
 * "help" or "?" asks for
 * help. Values stay strings until a consumer reads them with the typed getters below, which
 * also remember what was read so that leftovers can be reported as invalid parameters.
 */
#ifndef QEMU_OPTION_H
#define QEMU_OPTION_H

typedef struct QemuOpt {
	char *name;
	char *str;
	bool used;
} QemuOpt;

typedef struct QemuOpts {
	GPtrArray *opts; /* QemuOpt *, in command-line order */
	bool help;	 /* a bare "help" or "?" appeared */
} QemuOpts;

/* "foo" is foo=on and "nofoo" foo=off, as in QEMU. */
QemuOpts *qemu_opts_parse(const char *params, const char *implied_key, Error **errp);
/* The same, warning about those short forms as QEMU 7.2 does: for a user's string, read once. */
QemuOpts *qemu_opts_parse_noisily(const char *params, const char *implied_key, Error **errp);
void qemu_opts_free(QemuOpts *opts);

/* The last value given for name, or NULL; marks every occurrence used. */
const char *qemu_opt_get(QemuOpts *opts, const char *name);
/* Removes every name=...; adds name=value after the others. */
void qemu_opt_unset(QemuOpts *opts, const char *name);
void qemu_opt_set(QemuOpts *opts, const char *name, const char *value);
bool qemu_opt_has(QemuOpts *opts, const char *name);
bool qemu_opt_get_bool(QemuOpts *opts, const char *name, bool defval, Error **errp);
uint64_t qemu_opt_get_number(QemuOpts *opts, const char *name, uint64_t defval, Error **errp);
uint64_t qemu_opt_get_size(QemuOpts *opts, const char *name, uint64_t defval, Error **errp);
/* Reports the first option nobody read: "Invalid parameter 'foo'". */
bool qemu_opts_check_unused(QemuOpts *opts, Error **errp);
/* True when the value asks for help ("help" or "?"). */
bool is_help_option(const char *s);

/* Typed parsers shared with object properties; errors name the parameter as QEMU does. */
bool parse_option_bool(const char *name, const char *value, bool *ret, Error **errp);
bool parse_option_size(const char *name, const char *value, uint64_t *ret, Error **errp);
bool parse_option_number(const char *name, const char *value, uint64_t *ret, Error **errp);

#endif
