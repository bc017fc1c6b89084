// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The character-device core: the chardev types' base, creation of chardevs from -chardev
 * options (the backends found by type name, their options set as properties) and from the
 * legacy -serial/-monitor syntax, the /chardevs container frontends look ids up in, and the
 * plumbing between frontends and backends. It also holds the non-blocking fd I/O of the
 * chardev-fd types (stdio, file, pipe) and an internal fd backend for tests.
 */
#include "qemu/osdep.h"
#include <netdb.h>
#include "qemu/cutils.h"
#include "qemu/main-loop.h"
#include "chardev/char.h"
#include "qom/property.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>

/* Options the core reads for every backend (the backends' own are class properties). */
static const char *const core_opts[] = { "backend", "id", "mux" };

static Object *chardev_container(void)
{
	return object_get_container("chardevs");
}

static void chr_flush_at_exit(void);

/* The backends -chardev may name: chardev-NAME types, not abstract, not internal. */
static GSList *backend_classes(void)
{
	GSList *list = object_class_get_list(TYPE_CHARDEV, false), *keep = NULL;

	for (GSList *l = list; l; l = l->next)
		if (!CHARDEV_CLASS(l->data)->internal && !CHARDEV_CLASS(l->data)->alias &&
		    g_str_has_prefix(object_class_get_name(l->data), CHARDEV_TYPE_PREFIX))
			keep = g_slist_append(keep, l->data);
	g_slist_free(list);
	return keep;
}

void qemu_chr_print_help(FILE *out)
{
	GSList *list = backend_classes();

	fputs("Available chardev backend types: \n", out);
	for (GSList *l = list; l; l = l->next)
		fprintf(out, "  %s\n",
			object_class_get_name(l->data) + strlen(CHARDEV_TYPE_PREFIX));
	g_slist_free(list);
}

/* Every property of every backend, by name (the first class to have it decides its type). */
static GHashTable *all_backend_props(void)
{
	GHashTable *props = g_hash_table_new(g_str_hash, g_str_equal);
	GSList *list = backend_classes();

	for (GSList *l = list; l; l = l->next) {
		GPtrArray *pa = object_class_get_props(l->data);
		for (guint i = 0; i < pa->len; i++) {
			const Property *p = g_ptr_array_index(pa, i);
			if (!g_hash_table_contains(props, p->name))
				g_hash_table_insert(props, (gpointer)p->name, (gpointer)p);
		}
		g_ptr_array_free(pa, TRUE);
	}
	g_slist_free(list);
	return props;
}

/* QemuOpts' names for the kinds, as QEMU's -chardev help prints them. */
static const char *qemu_opts_type(const Property *p)
{
	if (p->info == &prop_info_bool || p->info == &prop_info_bit ||
	    p->info == &prop_info_on_off_auto)
		return "bool (on/off)";
	if (p->info == &prop_info_size)
		return "size";
	if (p->info->parse)
		return "num";
	return "str";
}

static gint cmp_names(gconstpointer a, gconstpointer b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void qemu_chr_print_options(FILE *out)
{
	GHashTable *props = all_backend_props();
	GPtrArray *names = g_ptr_array_new();
	GHashTableIter it;
	gpointer key;

	g_hash_table_iter_init(&it, props);
	while (g_hash_table_iter_next(&it, &key, NULL))
		g_ptr_array_add(names, key);
	g_ptr_array_add(names, (gpointer) "backend");
	g_ptr_array_add(names, (gpointer) "mux");
	g_ptr_array_sort(names, cmp_names);
	fputs("chardev options:\n", out);
	for (guint i = 0; i < names->len; i++) {
		const char *name = *(const char **)&g_ptr_array_index(names, i);
		const Property *p = g_hash_table_lookup(props, name);
		fprintf(out, "  %s=<%s>\n", name,
			p		      ? qemu_opts_type(p)
			: strcmp(name, "mux") ? "str"
					      : "bool (on/off)");
	}
	g_ptr_array_free(names, TRUE);
	g_hash_table_destroy(props);
}

static ChardevClass *find_class(const char *name)
{
	char *type = g_strconcat(CHARDEV_TYPE_PREFIX, name, NULL);
	ObjectClass *oc = object_class_by_name(type);

	g_free(type);
	if (!oc || !object_class_dynamic_cast(oc, TYPE_CHARDEV) || object_class_is_abstract(oc) ||
	    CHARDEV_CLASS(oc)->internal)
		return NULL;
	return CHARDEV_CLASS(oc);
}

Chardev *qemu_chr_find(const char *id)
{
	Object *obj = id ? object_child(chardev_container(), id) : NULL;
	return obj ? CHARDEV(obj) : NULL;
}

static bool check_new_id(const char *id, Error **errp)
{
	if (!id_check_wellformed(id, errp))
		return false;
	if (qemu_chr_find(id)) {
		error_setg(errp, "Duplicate ID '%s' for chardev", id);
		return false;
	}
	return true;
}

/* ---- lifetime ---- */

Chardev *qemu_chr_alloc(const char *type, const char *id)
{
	Chardev *chr = CHARDEV(object_new(type));

	chr->label = g_strdup(id);
	return chr;
}

void qemu_chr_register(Chardev *chr)
{
	static bool flush_registered;

	if (!flush_registered) {
		atexit(chr_flush_at_exit);
		flush_registered = true;
	}
	object_property_add_child(chardev_container(), chr->label, OBJECT(chr));
	object_unref(OBJECT(chr)); /* the tree holds it */
}

void qemu_chr_delete(Chardev *chr)
{
	/* The frontend belongs to a device that may outlive us: leave it disconnected. */
	if (chr->be) {
		chr->be->chr = NULL;
		chr->be = NULL;
	}
	if (chr->cls->close)
		chr->cls->close(chr);
	object_unparent(OBJECT(chr));
}

void qemu_chr_cleanup_all(void)
{
	Object *c = chardev_container();

	/* Newest first, so a mux lets go of its base before the base closes. */
	while (c->children->len)
		qemu_chr_delete(CHARDEV(g_ptr_array_index(c->children, c->children->len - 1)));
}

int qemu_chr_open_path(const char *path, int flags, Error **errp)
{
	int fd = open(path, flags | O_CLOEXEC, 0666);

	if (fd < 0)
		error_setg_errno(errp, errno, "Could not open '%s'", path);
	return fd;
}

/* ---- creation from options ---- */

/*
 * As QEMU's QemuOpts for -chardev: a name no backend has is an invalid parameter; a name
 * another backend has is checked for its type and otherwise ignored.
 */
static bool check_opts(ChardevClass *cc, QemuOpts *opts, Error **errp)
{
	GHashTable *props = all_backend_props();
	bool ok = true;

	for (guint i = 0; ok && i < opts->opts->len; i++) {
		QemuOpt *o = g_ptr_array_index(opts->opts, i);
		const Property *p = g_hash_table_lookup(props, o->name);
		QValue v = { 0 };
		bool core = false;

		for (size_t k = 0; k < ARRAY_SIZE(core_opts); k++)
			core |= !strcmp(o->name, core_opts[k]);
		if (!p && !core) {
			error_setg(errp, "Invalid parameter '%s'", o->name);
			ok = false;
		} else if (p && !object_class_find_property(OBJECT_CLASS(cc), o->name) &&
			   p->info->parse) {
			ok = p->info->parse(p, o->str, &v, errp);
			qv_clear(&v);
		}
	}
	g_hash_table_destroy(props);
	return ok;
}

static bool open_logfile(Chardev *chr, Error **errp)
{
	if (!chr->logfile)
		return true;
	chr->logfd = qemu_chr_open_path(
	    chr->logfile, O_WRONLY | O_CREAT | (chr->logappend ? O_APPEND : O_TRUNC), errp);
	return chr->logfd >= 0;
}

static Chardev *chr_open(ChardevClass *cc, const char *id, QemuOpts *opts, Error **errp)
{
	Chardev *chr = qemu_chr_alloc(object_class_get_name(OBJECT_CLASS(cc)), id);

	for (guint i = 0; i < opts->opts->len; i++) {
		QemuOpt *o = g_ptr_array_index(opts->opts, i);
		if (object_class_find_property(OBJECT_CLASS(cc), o->name) &&
		    !object_property_parse(OBJECT(chr), o->name, o->str, errp))
			goto fail;
	}
	if (!open_logfile(chr, errp) || !cc->open(chr, errp))
		goto fail;
	qemu_chr_register(chr);
	return chr;
fail:
	object_unref(OBJECT(chr));
	return NULL;
}

/* Validates everything that needs no side effect, so a bad option opens no file. */
static ChardevClass *check_new(QemuOpts *opts, bool *mux, Error **errp)
{
	const char *name = qemu_opt_get(opts, "backend");
	const char *id = qemu_opt_get(opts, "id");
	ChardevClass *cc;
	Error *err = NULL;

	if (!id) {
		error_setg(errp, "chardev: no id specified");
		return NULL;
	}
	if (!check_new_id(id, errp))
		return NULL;
	if (!name) {
		error_setg(errp, "chardev: \"%s\" missing backend", id);
		return NULL;
	}
	cc = find_class(name);
	if (!cc) {
		error_setg(errp, "'%s' is not a valid char driver name", name);
		return NULL;
	}
	*mux = qemu_opt_get_bool(opts, "mux", false, &err);
	if (err) {
		error_propagate(errp, err);
		return NULL;
	}
	return check_opts(cc, opts, errp) ? cc : NULL;
}

Chardev *qemu_chr_new_from_opts(QemuOpts *opts, Error **errp)
{
	ChardevClass *cc;
	const char *id, *backend = qemu_opt_get(opts, "backend");
	char *base_id;
	Chardev *base, *chr;
	bool mux = false;

	if (is_help_option(backend) || (opts->help && !backend)) {
		qemu_chr_print_help(stdout);
		return NULL;
	}
	if (opts->help) { /* NAME,help */
		qemu_chr_print_options(stdout);
		return NULL;
	}
	cc = check_new(opts, &mux, errp);
	if (!cc)
		return NULL;
	id = qemu_opt_get(opts, "id");
	if (!mux)
		return chr_open(cc, id, opts, errp);

	base_id = g_strdup_printf("%s-base", id);
	base = check_new_id(base_id, errp) ? chr_open(cc, base_id, opts, errp) : NULL;
	g_free(base_id);
	if (!base)
		return NULL;
	chr = qemu_chr_mux_new(id, base, errp);
	if (!chr)
		qemu_chr_delete(base);
	return chr;
}

/* ---- the legacy -serial/-monitor syntax ---- */

static const struct {
	const char *prefix; /* the whole word, or a prefix ending in ':' followed by a path */
	const char *backend;
} legacy_specs[] = {
	{ "null", "null" },  { "stdio", "stdio" }, { "pty", "pty" },
	{ "file:", "file" }, { "pipe:", "pipe" },
};

static void append_escaped(GString *s, const char *val)
{
	for (; *val; val++) {
		if (*val == ',')
			g_string_append_c(s, ',');
		g_string_append_c(s, *val);
	}
}

/*
 * "tcp:[HOST]:PORT[,OPTS]", "telnet:..." and "unix:PATH[,OPTS]": a socket chardev. NULL
 * with *bad set for a malformed address, which QEMU reports with nothing but the caller's line.
 */
static GString *legacy_socket_opts(const char *spec, bool *bad)
{
	bool telnet = g_str_has_prefix(spec, "telnet:");
	const char *rest = strchr(spec, ':') + 1, *colon, *opts;
	GString *s = g_string_new("socket");

	opts = strchr(rest, ',');
	if (!opts)
		opts = rest + strlen(rest);
	if (g_str_has_prefix(spec, "unix:")) {
		g_string_append(s, ",path=");
		g_string_append_len(s, rest, opts - rest);
	} else {
		colon = memchr(rest, ':', opts - rest);
		if (!colon || colon + 1 == opts) {
			*bad = true;
			g_string_free(s, TRUE);
			return NULL;
		}
		g_string_append(s, ",host=");
		g_string_append_len(s, rest, colon - rest);
		g_string_append(s, ",port=");
		g_string_append_len(s, colon + 1, opts - colon - 1);
		if (telnet)
			g_string_append(s, ",telnet=on");
	}
	g_string_append(s, opts);
	return s;
}

/* "[HOST]:PORT" into ",KEY_HOST=HOST,KEY_PORT=PORT"; false when there is no port. */
static bool append_host_port(GString *s, const char *addr, const char *key_host,
			     const char *key_port)
{
	const char *colon = strrchr(addr, ':');
	g_autofree char *host = colon ? g_strndup(addr, colon - addr) : NULL;

	if (!colon || !colon[1])
		return false;
	g_string_append_printf(s, ",%s=", key_host);
	append_escaped(s, host);
	g_string_append_printf(s, ",%s=", key_port);
	append_escaped(s, colon + 1);
	return true;
}

/* "udp:[HOST]:PORT[@[LOCALADDR]:LOCALPORT]": a udp chardev. */
static GString *legacy_udp_opts(const char *spec, bool *bad)
{
	g_auto(GStrv) parts = g_strsplit(spec + strlen("udp:"), "@", 2);
	GString *s = g_string_new("udp");

	if (!append_host_port(s, parts[0], "host", "port") ||
	    (parts[1] && !append_host_port(s, parts[1], "localaddr", "localport"))) {
		*bad = true;
		g_string_free(s, TRUE);
		return NULL;
	}
	return s;
}

/* Turns "file:PATH" and friends into -chardev options; NULL when the spec is unknown. */
static GString *legacy_to_opts(const char *spec, bool *bad)
{
	if (g_str_has_prefix(spec, "tcp:") || g_str_has_prefix(spec, "telnet:") ||
	    g_str_has_prefix(spec, "unix:"))
		return legacy_socket_opts(spec, bad);
	if (g_str_has_prefix(spec, "udp:"))
		return legacy_udp_opts(spec, bad);
	if (g_str_has_prefix(spec, "/dev/")) { /* a host serial line, as QEMU takes it */
		GString *s = g_string_new("serial,path=");

		append_escaped(s, spec);
		return s;
	}
	for (size_t i = 0; i < ARRAY_SIZE(legacy_specs); i++) {
		const char *prefix = legacy_specs[i].prefix;
		size_t len = strlen(prefix);
		GString *s;

		if (prefix[len - 1] == ':' ? strncmp(spec, prefix, len) : strcmp(spec, prefix))
			continue;
		s = g_string_new(legacy_specs[i].backend);
		if (prefix[len - 1] == ':') {
			g_string_append(s, ",path=");
			append_escaped(s, spec + len);
		}
		return s;
	}
	return NULL;
}

Chardev *qemu_chr_new(const char *label, const char *spec, Error **errp)
{
	return qemu_chr_new_spec(label, spec, NULL, errp);
}

Chardev *qemu_chr_new_spec(const char *label, const char *spec, bool *bad_spec, Error **errp)
{
	const char *rest = spec;
	bool mon = false, bad = false;
	bool *bad_out = bad_spec ? bad_spec : &bad;
	GString *s;
	QemuOpts *opts;
	Chardev *chr;

	if (!strcmp(spec, "none"))
		return NULL;
	if (g_str_has_prefix(spec, "chardev:")) {
		chr = qemu_chr_find(spec + strlen("chardev:"));
		if (!chr)
			error_setg(errp, "Chardev '%s' not found", spec + strlen("chardev:"));
		return chr;
	}
	if (g_str_has_prefix(spec, "mon:")) {
		mon = true;
		rest = spec + strlen("mon:");
	}
	*bad_out = false;
	s = legacy_to_opts(rest, &bad);
	if (!s && bad) {
		*bad_out = true;
		error_setg(errp, "%s", ""); /* QEMU says only what the caller adds */
		return NULL;
	}
	if (!s) {
		*bad_out = true;
		error_setg(errp, "'%s' is not a valid char driver", rest);
		return NULL;
	}
	g_string_append(s, ",id=");
	append_escaped(s, label);
	/* A monitor muxed on stdio takes Ctrl-C as a key for the guest, not as SIGINT. */
	if (mon)
		g_string_append(s, strcmp(rest, "stdio") ? ",mux=on" : ",mux=on,signal=off");
	opts = qemu_opts_parse(s->str, "backend", errp);
	g_string_free(s, TRUE);
	if (!opts) {
		*bad_out = true;
		return NULL;
	}
	chr = qemu_chr_new_from_opts(opts, errp);
	qemu_opts_free(opts);
	return chr;
}

char *qemu_chr_filename(Chardev *chr)
{
	return chr->cls->filename
		   ? chr->cls->filename(chr)
		   : g_strdup(object_get_typename(OBJECT(chr)) + strlen(CHARDEV_TYPE_PREFIX));
}

/* ---- between frontends and backends ---- */

static void log_write(int fd, const uint8_t *buf, int len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		buf += n;
		len -= n;
	}
}

int qemu_chr_write(Chardev *s, const uint8_t *buf, int len, bool all)
{
	int done;

	if (len <= 0)
		return 0;
	done = s->cls->write ? s->cls->write(s, buf, len, all) : len;
	if (s->logfd >= 0)
		log_write(s->logfd, buf, done);
	return done;
}

void qemu_chr_accept_input(Chardev *s)
{
	if (s->cls->accept_input)
		s->cls->accept_input(s);
}

int qemu_chr_be_can_write(Chardev *s)
{
	CharBackend *be = s->be;

	if (!be || !be->chr_can_read)
		return 0;
	return be->chr_can_read(be->opaque);
}

void qemu_chr_be_write(Chardev *s, const uint8_t *buf, int len)
{
	CharBackend *be = s->be;

	if (be && be->chr_read)
		be->chr_read(be->opaque, buf, len);
}

void qemu_chr_be_write_ready(Chardev *s)
{
	CharBackend *be = s->be;

	if (be && be->chr_write_ready)
		be->chr_write_ready(be->opaque);
}

void qemu_chr_be_event(Chardev *s, QEMUChrEvent event)
{
	CharBackend *be = s->be;

	if (event == CHR_EVENT_OPENED)
		s->be_open = true;
	else if (event == CHR_EVENT_CLOSED)
		s->be_open = false;
	if (be && be->chr_event)
		be->chr_event(be->opaque, event);
}

/* ---- fd-backed chardevs ---- */

#define CHR_READ_CHUNK	   4096
#define CHR_CLOSE_FLUSH_MS 2000 /* how long closing waits for a slow reader of our output */

static void fd_chr_readable(void *opaque);
static void fd_chr_writable(void *opaque);

static guint outq_len(FdChardev *s)
{
	return s->outq->len - s->outq_head;
}

guint qemu_chr_fd_pending(FdChardev *s)
{
	return outq_len(s);
}

static void fd_update_handlers(FdChardev *s)
{
	IOHandler *rd = s->reading ? fd_chr_readable : NULL;
	/* A refused writer waits for room even when the queue is empty (out_max 0). */
	IOHandler *wr = (outq_len(s) || s->refused) && s->fd_out >= 0 ? fd_chr_writable : NULL;

	if (s->fd_in >= 0 && s->fd_in == s->fd_out) {
		qemu_set_fd_handler(s->fd_in, rd, wr, s);
		return;
	}
	if (s->fd_in >= 0)
		qemu_set_fd_handler(s->fd_in, rd, NULL, s);
	if (s->fd_out >= 0)
		qemu_set_fd_handler(s->fd_out, NULL, wr, s);
}

/* Writes what the fd takes without blocking; -1 on an error other than "full". */
static ssize_t write_nonblock(int fd, const uint8_t *buf, size_t len)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = write(fd, buf + done, len - done);
		if (n > 0) {
			done += n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 || errno == EAGAIN || errno == EWOULDBLOCK)
			break;
		return -1;
	}
	return done;
}

static void outq_clear(FdChardev *s)
{
	g_byte_array_set_size(s->outq, 0);
	s->outq_head = 0;
}

static void outq_push(FdChardev *s, const uint8_t *buf, guint len)
{
	/* Compact once the consumed head dominates, keeping the copying amortised. */
	if (s->outq_head && s->outq_head >= s->outq->len / 2) {
		g_byte_array_remove_range(s->outq, 0, s->outq_head);
		s->outq_head = 0;
	}
	g_byte_array_append(s->outq, buf, len);
}

/* A frontend held back by a full queue may go on once half of it has drained. */
static void fd_maybe_write_ready(FdChardev *s)
{
	if (s->refused && (s->out_dead || outq_len(s) <= s->parent.out_max / 2)) {
		s->refused = false;
		qemu_chr_be_write_ready(&s->parent);
	}
}

static void fd_out_failed(FdChardev *s)
{
	if (s->hangup) {
		s->hangup(s);
		return;
	}
	s->out_dead = true;
	outq_clear(s);
	fd_update_handlers(s);
	fd_maybe_write_ready(s);
}

static void fd_flush(FdChardev *s)
{
	ssize_t n = write_nonblock(s->fd_out, s->outq->data + s->outq_head, outq_len(s));

	if (n < 0) {
		fd_out_failed(s);
		return;
	}
	s->outq_head += n;
	if (!outq_len(s))
		outq_clear(s);
}

static void fd_chr_writable(void *opaque)
{
	FdChardev *s = opaque;

	fd_flush(s);
	fd_update_handlers(s);
	fd_maybe_write_ready(s);
}

void qemu_chr_fd_kick(FdChardev *s)
{
	if (s->fd_out >= 0 && outq_len(s))
		fd_chr_writable(s);
	else
		fd_update_handlers(s);
}

int qemu_chr_fd_write(Chardev *chr, const uint8_t *buf, int len, bool all)
{
	FdChardev *s = container_of(chr, FdChardev, parent);
	bool idle = !outq_len(s);
	ssize_t done = 0;
	guint take;

	if (s->out_dead || (s->fd_out < 0 && (!s->hold_output || s->discarding)))
		return len;
	/* Anything already queued goes first, so only an idle fd is written directly. */
	if (idle && s->fd_out >= 0) {
		done = write_nonblock(s->fd_out, buf, len);
		if (done < 0) {
			fd_out_failed(s);
			if (!s->hold_output || s->discarding)
				return len;
			done = 0; /* the peer went away: this output waits for the next one */
		}
	}
	take = len - done;
	/* with nobody connected even write_all is bounded: memory, not a reader, is at stake */
	if ((!all || s->fd_out < 0) && outq_len(s) + take > chr->out_max)
		take = chr->out_max > outq_len(s) ? chr->out_max - outq_len(s) : 0;
	if (take) {
		outq_push(s, buf + done, take);
		if (idle)
			fd_update_handlers(s);
	}
	if (done + take < (guint)len && !s->refused) {
		s->refused = true;
		fd_update_handlers(s);
	}
	return done + take;
}

static void fd_chr_readable(void *opaque)
{
	FdChardev *s = opaque;
	uint8_t buf[CHR_READ_CHUNK];
	int room = qemu_chr_be_can_write(&s->parent);
	ssize_t n;

	if (room <= 0) {
		/* Leave the input in the kernel until the frontend calls accept_input. */
		s->reading = false;
		fd_update_handlers(s);
		return;
	}
	n = read(s->fd_in, buf, MIN((size_t)room, sizeof(buf)));
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (n <= 0 && s->hangup) {
		s->hangup(s);
		return;
	}
	if (n <= 0) {
		s->in_eof = true;
		s->reading = false;
		fd_update_handlers(s);
		qemu_chr_be_event(&s->parent, CHR_EVENT_CLOSED);
		return;
	}
	if (s->filter_input)
		n = s->filter_input(s, buf, n);
	if (n > 0)
		qemu_chr_be_write(&s->parent, buf, n);
}

void qemu_chr_fd_accept_input(Chardev *chr)
{
	FdChardev *s = container_of(chr, FdChardev, parent);

	if (s->fd_in < 0 || s->in_eof || s->reading)
		return;
	s->reading = true;
	fd_update_handlers(s);
}

static void set_nonblock(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	if (flags >= 0)
		fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

void qemu_chr_fd_init(FdChardev *s, int fd_in, bool own_in, int fd_out, bool own_out)
{
	s->fd_in = fd_in;
	s->fd_out = fd_out;
	s->own_in = own_in && fd_in >= 0;
	s->own_out = own_out && fd_out >= 0;
	s->outq = g_byte_array_new();
	/* A reader going away must be a write error (EPIPE) we handle, not a fatal signal. */
	signal(SIGPIPE, SIG_IGN);
	/* Our own open file descriptions can be non-blocking without affecting anyone else. */
	if (s->own_in)
		set_nonblock(fd_in);
	if (s->own_out)
		set_nonblock(fd_out);
}

/* Gives pending output a bounded chance to reach a slow reader before we go away. */
static void fd_drain_output(FdChardev *s)
{
	int64_t end = qemu_clock_get_ms(QEMU_CLOCK_REALTIME) + CHR_CLOSE_FLUSH_MS;

	while (outq_len(s) && !s->out_dead && s->fd_out >= 0) {
		struct pollfd pfd = { .fd = s->fd_out, .events = POLLOUT };
		int64_t left = end - qemu_clock_get_ms(QEMU_CLOCK_REALTIME);

		if (left <= 0 || poll(&pfd, 1, left) <= 0)
			break;
		fd_flush(s);
	}
}

void qemu_chr_fe_discard_output(CharBackend *be)
{
	FdChardev *s;

	if (!be->chr || !object_dynamic_cast(OBJECT(be->chr), TYPE_CHARDEV_FD))
		return;
	s = container_of(be->chr, FdChardev, parent);
	if (s->outq)
		outq_clear(s);
	s->discarding = s->fd_out < 0;
	fd_update_handlers(s);
	fd_maybe_write_ready(s);
}

void qemu_chr_fd_drain(Chardev *chr)
{
	FdChardev *s = container_of(chr, FdChardev, parent);

	if (s->outq && s->fd_out >= 0)
		fd_drain_output(s);
}

/* An exit() from anywhere still gets queued output out, within the same bounded wait. */
static void chr_flush_at_exit(void)
{
	Object *c = chardev_container();

	for (guint i = 0; i < c->children->len; i++) {
		Object *obj = g_ptr_array_index(c->children, i);

		if (object_dynamic_cast(obj, TYPE_CHARDEV_FD))
			fd_drain_output(container_of(CHARDEV(obj), FdChardev, parent));
	}
}

void qemu_chr_fd_close(Chardev *chr)
{
	FdChardev *s = container_of(chr, FdChardev, parent);

	if (s->fd_out >= 0)
		fd_drain_output(s);
	if (s->fd_in >= 0)
		qemu_set_fd_handler(s->fd_in, NULL, NULL, NULL);
	if (s->fd_out >= 0)
		qemu_set_fd_handler(s->fd_out, NULL, NULL, NULL);
	if (s->own_in)
		close(s->fd_in);
	if (s->own_out && !(s->own_in && s->fd_out == s->fd_in))
		close(s->fd_out);
	g_byte_array_free(s->outq, TRUE);
	s->outq = NULL;
}

Chardev *qemu_chr_new_fd(const char *id, int fd_in, int fd_out, Error **errp)
{
	Chardev *chr;

	if (!check_new_id(id, errp))
		return NULL;
	chr = qemu_chr_alloc(CHARDEV_TYPE_PREFIX "host-fds", id);
	qemu_chr_fd_init(container_of(chr, FdChardev, parent), fd_in, true, fd_out, true);
	chr->be_open = true;
	qemu_chr_register(chr);
	return chr;
}

/* ---- the types ---- */

static const Property chardev_props[] = {
	PROP("logappend", prop_info_bool, Chardev, logappend),
	PROP("logfile", prop_info_string, Chardev, logfile),
	PROP("x-out-buffer", prop_info_size, Chardev, out_max,
	     PROP_DEFAULT_U(CHR_OUT_QUEUE_DEFAULT)),
	PROP_END,
};

static void chardev_init(Object *obj)
{
	Chardev *chr = CHARDEV(obj);

	chr->cls = CHARDEV_CLASS(obj->klass);
	chr->logfd = -1;
}

static void chardev_finalize(Object *obj)
{
	Chardev *chr = CHARDEV(obj);

	if (chr->logfd >= 0)
		close(chr->logfd);
	g_free(chr->label);
}

static void chardev_class_init(ObjectClass *oc, const void *data)
{
	object_class_add_props(oc, chardev_props);
}

static void fd_class_init(ObjectClass *oc, const void *data)
{
	ChardevClass *cc = CHARDEV_CLASS(oc);

	cc->write = qemu_chr_fd_write;
	cc->accept_input = qemu_chr_fd_accept_input;
	cc->close = qemu_chr_fd_close;
}

/* Internal: fds the caller opened (qemu_chr_new_fd). */
static void host_fds_class_init(ObjectClass *oc, const void *data)
{
	CHARDEV_CLASS(oc)->internal = true;
}

static void chardev_register_types(void)
{
	static const TypeInfo types[] = {
		{ .name = TYPE_CHARDEV,
		  .parent = TYPE_OBJECT,
		  .abstract = true,
		  .instance_size = sizeof(Chardev),
		  .class_size = sizeof(ChardevClass),
		  .class_init = chardev_class_init,
		  .instance_init = chardev_init,
		  .instance_finalize = chardev_finalize },
		{ .name = TYPE_CHARDEV_FD,
		  .parent = TYPE_CHARDEV,
		  .abstract = true,
		  .instance_size = sizeof(FdChardev),
		  .class_init = fd_class_init },
		{ .name = CHARDEV_TYPE_PREFIX "host-fds",
		  .parent = TYPE_CHARDEV_FD,
		  .class_init = host_fds_class_init },
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}
type_init(chardev_register_types)
