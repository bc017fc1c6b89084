// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Monitors on chardevs. A QMP monitor greets each client that connects, cuts its input into
 * JSON values, gates everything behind qmp_capabilities and writes one reply per request;
 * events reach every negotiated QMP monitor. A human monitor prints its banner and prompt and
 * runs one command per line (monitor/hmp.c). Output turns "\n" into "\r\n", as QEMU's does,
 * and is never refused: a client that reads late gets all of it from the chardev's buffer.
 */
#include "qemu/osdep.h"
#include "qemu/job.h"
#include "qemu/option.h"
#include "qobject/json.h"
#include "monitor/monitor.h"
#include "monitor/hmp.h"
#include "monitor/qmp.h"
#include "monitor/readline.h"

typedef struct Monitor {
	CharBackend be;
	bool qmp, pretty;
	bool negotiating; /* QMP: only qmp_capabilities until it has run */
	JsonStreamer json;
	ReadLineState rl; /* HMP: the line being typed, and the history */
	bool mux_out;	  /* HMP on a mux: another frontend has the focus */
	bool greeted;	  /* HMP: the banner was printed */
} Monitor;

static GPtrArray *monitors;
static Monitor *cur_qmp; /* the QMP monitor running a command, for qmp_capabilities */

static void monitor_puts(Monitor *mon, const char *s)
{
	GString *out = g_string_sized_new(strlen(s) + 16);

	for (; *s; s++) {
		if (*s == '\n')
			g_string_append_c(out, '\r');
		g_string_append_c(out, *s);
	}
	qemu_chr_fe_write_all(&mon->be, (const uint8_t *)out->str, out->len);
	g_string_free(out, TRUE);
}

static void monitor_send(Monitor *mon, const QValue *v)
{
	GString *text = json_write(v, mon->pretty);

	g_string_append_c(text, '\n');
	monitor_puts(mon, text->str);
	g_string_free(text, TRUE);
}

/* ---- QMP ---- */

static void qmp_greet(Monitor *mon)
{
	QValue greeting = qv_dict(), qmp = qv_dict();

	qv_dict_put(&qmp, "version", qmp_version_info());
	qv_dict_put(&qmp, "capabilities", qv_list());
	qv_dict_put(&greeting, "QMP", qmp);
	monitor_send(mon, &greeting);
	qv_clear(&greeting);
}

static void qmp_handle(void *opaque, QValue *req, Error *err)
{
	Monitor *mon = opaque;
	QValue reply;

	if (err) {
		reply = qmp_error_reply(err);
	} else {
		cur_qmp = mon;
		reply = qmp_dispatch_gated(req, mon->negotiating);
		cur_qmp = NULL;
		qv_clear(req);
		g_free(req);
	}
	monitor_send(mon, &reply);
	qv_clear(&reply);
	job_conclude_pending(); /* a job's last events follow its command's reply, as in QEMU */
}

/* qmp_capabilities: ends negotiation on the monitor that sent it. */
static void qmp_capabilities(const QValue *args, QValue *ret, Error **errp)
{
	const QValue *enable = qv_dict_get(args, "enable");

	for (guint i = 0; enable && i < enable->list->len; i++) {
		const QValue *cap = g_ptr_array_index(enable->list, i);

		if (cap->kind != QV_STR) {
			error_setg(errp,
				   "Invalid parameter type for 'enable[%u]', expected: string", i);
			return;
		}
		error_setg(errp, "Capability '%s' not available", cap->s);
		return;
	}
	if (cur_qmp)
		cur_qmp->negotiating = false;
}

void qmp_event_send(const char *name, QValue *data)
{
	gint64 now = g_get_real_time();
	QValue event = qv_dict(), ts = qv_dict();

	qv_dict_put(&ts, "seconds", qv_int(now / G_USEC_PER_SEC));
	qv_dict_put(&ts, "microseconds", qv_int(now % G_USEC_PER_SEC));
	qv_dict_put(&event, "timestamp", ts);
	qv_dict_put(&event, "event", qv_str(name));
	if (data) {
		qv_dict_put(&event, "data", *data);
		*data = (QValue){ .kind = QV_NONE };
	}
	for (guint i = 0; monitors && i < monitors->len; i++) {
		Monitor *mon = g_ptr_array_index(monitors, i);
		if (mon->qmp && !mon->negotiating)
			monitor_send(mon, &event);
	}
	qv_clear(&event);
}

/* ---- HMP ---- */

static void hmp_prompt(Monitor *mon)
{
	monitor_puts(mon, "(qemu) ");
}

static void hmp_printer(void *opaque, const char *text)
{
	monitor_puts(opaque, text);
}

static void hmp_input(Monitor *mon, const uint8_t *buf, int len)
{
	for (int i = 0; i < len; i++) {
		char *line = readline_feed(&mon->rl, buf[i]);

		if (line) {
			hmp_run(line, hmp_printer, mon);
			g_free(line);
			hmp_prompt(mon);
		}
	}
}

/* ---- chardev side ---- */

static int monitor_can_read(void *opaque)
{
	return 4096;
}

static void monitor_read(void *opaque, const uint8_t *buf, int size)
{
	Monitor *mon = opaque;

	if (mon->qmp)
		json_streamer_feed(&mon->json, buf, size);
	else
		hmp_input(mon, buf, size);
}

/* The banner once per connection, then the prompt. */
static void hmp_greet(Monitor *mon)
{
	if (!mon->greeted)
		monitor_puts(mon,
			     "QEMU " QEMU_VERSION " monitor - type 'help' for more information\n");
	mon->greeted = true;
	hmp_prompt(mon);
}

static void monitor_event(void *opaque, QEMUChrEvent event)
{
	Monitor *mon = opaque;

	switch (event) {
	case CHR_EVENT_OPENED:
		if (mon->qmp) {
			mon->negotiating = true;
			json_streamer_reset(&mon->json);
			qmp_greet(mon);
		} else if (!mon->mux_out) {
			hmp_greet(mon);
		}
		break;
	case CHR_EVENT_MUX_IN:
		mon->mux_out = false;
		/* Ctrl-A c: the monitor greets; while the mux is not open yet, OPENED will. */
		if (!mon->qmp && mon->be.chr && mon->be.chr->be_open)
			hmp_greet(mon);
		break;
	case CHR_EVENT_MUX_OUT:
		mon->mux_out = true;
		break;
	case CHR_EVENT_CLOSED:
		/* replies to the client that left are not for the next one */
		qemu_chr_fe_discard_output(&mon->be);
		mon->negotiating = true;
		mon->greeted = false;
		readline_reset(&mon->rl);
		break;
	default:
		break;
	}
}

static bool monitor_new(Chardev *chr, bool qmp, bool pretty, Error **errp)
{
	Monitor *mon = g_new0(Monitor, 1);

	if (!qemu_chr_fe_init(&mon->be, chr, errp)) {
		g_free(mon);
		return false;
	}
	mon->qmp = qmp;
	mon->pretty = pretty;
	mon->negotiating = true;
	readline_init(&mon->rl, "(qemu) ", hmp_printer, mon);
	json_streamer_init(&mon->json, qmp_handle, mon);
	if (!monitors)
		monitors = g_ptr_array_new();
	g_ptr_array_add(monitors, mon);
	qemu_chr_fe_set_handlers(&mon->be, monitor_can_read, monitor_read, monitor_event, mon);
	return true;
}

bool monitor_new_qmp(Chardev *chr, bool pretty, Error **errp)
{
	return monitor_new(chr, true, pretty, errp);
}

bool monitor_new_hmp(Chardev *chr, Error **errp)
{
	return monitor_new(chr, false, false, errp);
}

bool monitor_new_from_opts(QemuOpts *opts, Error **errp)
{
	const char *id = qemu_opt_get(opts, "chardev");
	const char *mode = qemu_opt_get(opts, "mode");
	Error *err = NULL;
	bool pretty = qemu_opt_get_bool(opts, "pretty", false, &err);
	Chardev *chr;

	if (err) {
		error_propagate(errp, err);
		return false;
	}
	for (guint i = 0; i < opts->opts->len; i++) {
		const char *name = ((QemuOpt *)g_ptr_array_index(opts->opts, i))->name;

		if (strcmp(name, "chardev") && strcmp(name, "mode") && strcmp(name, "pretty")) {
			error_setg(errp, "Invalid parameter '%s'", name);
			return false;
		}
	}
	if (!id) {
		error_setg(errp, "Parameter 'chardev' is missing");
		return false;
	}
	chr = qemu_chr_find(id);
	if (!chr) {
		error_setg(errp, "chardev \"%s\" not found", id);
		return false;
	}
	if (mode && strcmp(mode, "readline") && strcmp(mode, "control")) {
		error_setg(errp, "Parameter 'mode' does not accept value '%s'", mode);
		return false;
	}
	if (pretty && !(mode && !strcmp(mode, "control"))) {
		error_setg(errp, "'pretty' is not compatible with HMP monitors");
		return false;
	}
	return monitor_new(chr, mode && !strcmp(mode, "control"), pretty, errp);
}

void monitor_cleanup_all(void)
{
	for (guint i = 0; monitors && i < monitors->len; i++) {
		Monitor *mon = g_ptr_array_index(monitors, i);

		qemu_chr_fe_deinit(&mon->be);
		json_streamer_destroy(&mon->json);
		readline_free(&mon->rl);
		g_free(mon);
	}
	if (monitors)
		g_ptr_array_set_size(monitors, 0);
}

static const QmpArg capabilities_args[] = {
	{ "enable", QV_LIST, true },
	{ NULL },
};

static const QmpCommand monitor_commands[] = {
	{ "qmp_capabilities", qmp_capabilities, capabilities_args },
	{ NULL },
};

static void monitor_register(void)
{
	qmp_register_commands(monitor_commands);
}
qmp_init(monitor_register)
