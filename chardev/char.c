// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The character-device core: the table of backend types, creation of chardevs from -chardev
 * options and from the legacy -serial/-monitor syntax, the registry that frontends look ids
 * up in, and the plumbing between frontends and backends. It also holds the non-blocking
 * fd I/O shared by the stdio, file and pipe backends, and an internal fd backend for tests.
 */
#include "qemu/osdep.h"
#include "qemu/cutils.h"
#include "qemu/main-loop.h"
#include "chardev/char.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>

/* The backends -chardev knows, in the order "-chardev help" lists them. */
static const ChardevClass *const chardev_classes[] = {
	&char_file_class, &char_mux_class, &char_null_class, &char_pipe_class, &char_stdio_class,
};

/* Options every backend accepts, on top of its class's opt_names. */
static const char *const common_opts[] = { "backend", "id", "mux", "logfile", "logappend" };

static GPtrArray *chardevs; /* Chardev *, oldest first */

static void chr_flush_at_exit(void);

void qemu_chr_print_help(FILE *out)
{
	fputs("Available chardev backend types: \n", out);
	for (size_t i = 0; i < ARRAY_SIZE(chardev_classes); i++)
		fprintf(out, "  %s\n", chardev_classes[i]->name);
}

static const ChardevClass *find_class(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(chardev_classes); i++)
		if (!strcmp(chardev_classes[i]->name, name))
			return chardev_classes[i];
	return NULL;
}

Chardev *qemu_chr_find(const char *id)
{
	if (!chardevs || !id)
		return NULL;
	for (guint i = 0; i < chardevs->len; i++) {
		Chardev *chr = g_ptr_array_index(chardevs, i);
		if (!strcmp(chr->label, id))
			return chr;
	}
	return NULL;
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

static Chardev *chr_alloc(const ChardevClass *cls, const char *id)
{
	Chardev *chr = g_malloc0(cls->instance_size);

	chr->cls = cls;
	chr->label = g_strdup(id);
	chr->logfd = -1;
	return chr;
}

static void chr_free(Chardev *chr)
{
	if (chr->logfd >= 0)
		close(chr->logfd);
	g_free(chr->label);
	g_free(chr);
}

static void chr_register(Chardev *chr)
{
	static bool flush_registered;

	if (!flush_registered) {
		atexit(chr_flush_at_exit);
		flush_registered = true;
	}
	if (!chardevs)
		chardevs = g_ptr_array_new();
	g_ptr_array_add(chardevs, chr);
}

void qemu_chr_delete(Chardev *chr)
{
	if (chardevs)
		g_ptr_array_remove(chardevs, chr);
	/* The frontend belongs to a device that may outlive us: leave it disconnected. */
	if (chr->be) {
		chr->be->chr = NULL;
		chr->be = NULL;
	}
	if (chr->cls->close)
		chr->cls->close(chr);
	chr_free(chr);
}

void qemu_chr_cleanup_all(void)
{
	/* Newest first, so a mux lets go of its base before the base closes. */
	while (chardevs && chardevs->len)
		qemu_chr_delete(g_ptr_array_index(chardevs, chardevs->len - 1));
	if (chardevs) {
		g_ptr_array_free(chardevs, TRUE);
		chardevs = NULL;
	}
}

int qemu_chr_open_path(const char *path, int flags, Error **errp)
{
	int fd = open(path, flags | O_CLOEXEC, 0666);

	if (fd < 0)
		error_setg_errno(errp, errno, "Could not open '%s'", path);
	return fd;
}

/* ---- creation from options ---- */

/* Marks the names this backend reads as used, so check_unused reports only strangers. */
static bool check_opts(const ChardevClass *cls, QemuOpts *opts, Error **errp)
{
	for (size_t i = 0; i < ARRAY_SIZE(common_opts); i++)
		qemu_opt_get(opts, common_opts[i]);
	for (size_t i = 0; cls->opt_names && cls->opt_names[i]; i++)
		qemu_opt_get(opts, cls->opt_names[i]);
	return qemu_opts_check_unused(opts, errp);
}

static bool open_logfile(Chardev *chr, QemuOpts *opts, Error **errp)
{
	const char *path = qemu_opt_get(opts, "logfile");
	Error *err = NULL;
	bool append = qemu_opt_get_bool(opts, "logappend", false, &err);

	if (err) {
		error_propagate(errp, err);
		return false;
	}
	if (!path)
		return true;
	chr->logfd =
	    qemu_chr_open_path(path, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC), errp);
	return chr->logfd >= 0;
}

static Chardev *chr_open(const ChardevClass *cls, const char *id, QemuOpts *opts, Error **errp)
{
	Chardev *chr = chr_alloc(cls, id);

	if (!open_logfile(chr, opts, errp) || !cls->open(chr, opts, errp)) {
		chr_free(chr);
		return NULL;
	}
	chr_register(chr);
	return chr;
}

static Chardev *mux_new(const char *id, Chardev *base, Error **errp)
{
	Chardev *chr = chr_alloc(&char_mux_class, id);

	if (!qemu_chr_mux_init(chr, base, errp)) {
		chr_free(chr);
		return NULL;
	}
	chr_register(chr);
	return chr;
}

/* Validates everything that needs no side effect, so a bad option opens no file. */
static const ChardevClass *check_new(QemuOpts *opts, bool *mux, Error **errp)
{
	const char *name = qemu_opt_get(opts, "backend");
	const char *id = qemu_opt_get(opts, "id");
	const ChardevClass *cls;
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
	cls = find_class(name);
	if (!cls) {
		error_setg(errp, "'%s' is not a valid char driver name", name);
		return NULL;
	}
	*mux = qemu_opt_get_bool(opts, "mux", false, &err);
	if (err) {
		error_propagate(errp, err);
		return NULL;
	}
	return check_opts(cls, opts, errp) ? cls : NULL;
}

Chardev *qemu_chr_new_from_opts(QemuOpts *opts, Error **errp)
{
	const ChardevClass *cls;
	const char *id;
	char *base_id;
	Chardev *base, *chr;
	bool mux = false;

	if (opts->help || is_help_option(qemu_opt_get(opts, "backend"))) {
		qemu_chr_print_help(stdout);
		return NULL;
	}
	cls = check_new(opts, &mux, errp);
	if (!cls)
		return NULL;
	id = qemu_opt_get(opts, "id");
	if (!mux)
		return chr_open(cls, id, opts, errp);

	base_id = g_strdup_printf("%s-base", id);
	base = check_new_id(base_id, errp) ? chr_open(cls, base_id, opts, errp) : NULL;
	g_free(base_id);
	if (!base)
		return NULL;
	chr = mux_new(id, base, errp);
	if (!chr)
		qemu_chr_delete(base);
	return chr;
}

/* ---- the legacy -serial/-monitor syntax ---- */

static const struct {
	const char *prefix; /* the whole word, or a prefix ending in ':' followed by a path */
	const char *backend;
} legacy_specs[] = {
	{ "null", "null" },
	{ "stdio", "stdio" },
	{ "file:", "file" },
	{ "pipe:", "pipe" },
};

static void append_escaped(GString *s, const char *val)
{
	for (; *val; val++) {
		if (*val == ',')
			g_string_append_c(s, ',');
		g_string_append_c(s, *val);
	}
}

/* Turns "file:PATH" and friends into -chardev options; NULL when the spec is unknown. */
static GString *legacy_to_opts(const char *spec)
{
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
	const char *rest = spec;
	bool mon = false;
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
	s = legacy_to_opts(rest);
	if (!s) {
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
	if (!opts)
		return NULL;
	chr = qemu_chr_new_from_opts(opts, errp);
	qemu_opts_free(opts);
	return chr;
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

int qemu_chr_write(Chardev *s, const uint8_t *buf, int len)
{
	if (len <= 0)
		return 0;
	if (s->logfd >= 0)
		log_write(s->logfd, buf, len);
	return s->cls->write ? s->cls->write(s, buf, len) : len;
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

static void fd_update_handlers(FdChardev *s)
{
	IOHandler *rd = s->reading ? fd_chr_readable : NULL;
	IOHandler *wr = outq_len(s) ? fd_chr_writable : NULL;

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
	guint room = CHR_OUT_QUEUE_MAX - outq_len(s);

	/* Compact once the consumed head dominates, keeping the copying amortised. */
	if (s->outq_head && s->outq_head >= s->outq->len / 2) {
		g_byte_array_remove_range(s->outq, 0, s->outq_head);
		s->outq_head = 0;
	}
	g_byte_array_append(s->outq, buf, MIN(len, room));
}

static void fd_out_failed(FdChardev *s)
{
	s->out_dead = true;
	outq_clear(s);
	fd_update_handlers(s);
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
}

int qemu_chr_fd_write(Chardev *chr, const uint8_t *buf, int len)
{
	FdChardev *s = container_of(chr, FdChardev, parent);
	bool idle = !outq_len(s);
	ssize_t done = 0;

	if (s->fd_out < 0 || s->out_dead)
		return len;
	/* Anything already queued goes first, so only an idle fd is written directly. */
	if (idle) {
		done = write_nonblock(s->fd_out, buf, len);
		if (done < 0) {
			fd_out_failed(s);
			return len;
		}
	}
	if (done < len) {
		outq_push(s, buf + done, len - done);
		if (idle)
			fd_update_handlers(s);
	}
	return len;
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
	if (n <= 0) {
		s->in_eof = true;
		s->reading = false;
		fd_update_handlers(s);
		qemu_chr_be_event(&s->parent, CHR_EVENT_CLOSED);
		return;
	}
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

	while (outq_len(s) && !s->out_dead) {
		struct pollfd pfd = { .fd = s->fd_out, .events = POLLOUT };
		int64_t left = end - qemu_clock_get_ms(QEMU_CLOCK_REALTIME);

		if (left <= 0 || poll(&pfd, 1, left) <= 0)
			break;
		fd_flush(s);
	}
}

/* An exit() from anywhere still gets queued output out, within the same bounded wait. */
static void chr_flush_at_exit(void)
{
	for (guint i = 0; chardevs && i < chardevs->len; i++) {
		Chardev *chr = g_ptr_array_index(chardevs, i);

		if (chr->cls->write == qemu_chr_fd_write)
			fd_drain_output(container_of(chr, FdChardev, parent));
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

static const ChardevClass char_fd_class = {
	.name = "fd",
	.instance_size = sizeof(FdChardev),
	.write = qemu_chr_fd_write,
	.accept_input = qemu_chr_fd_accept_input,
	.close = qemu_chr_fd_close,
};

Chardev *qemu_chr_new_fd(const char *id, int fd_in, int fd_out, Error **errp)
{
	Chardev *chr;

	if (!check_new_id(id, errp))
		return NULL;
	chr = chr_alloc(&char_fd_class, id);
	qemu_chr_fd_init(container_of(chr, FdChardev, parent), fd_in, true, fd_out, true);
	chr->be_open = true;
	chr_register(chr);
	return chr;
}
