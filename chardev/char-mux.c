// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The mux: up to four frontends (typically the serial port and the monitor) share one
 * backend. Output from every frontend goes to the backend; input goes to the focused one,
 * and waits in a small per-frontend buffer while that frontend cannot take it. Ctrl-A is the
 * escape: C-a h help, x quit, c switch focus, b break, t timestamps, C-a C-a a literal C-a.
 * Like QEMU's, a mux reports itself opened only once the machine is running, which here is
 * the first main_loop_wait().
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "chardev/char.h"
#include "qom/property.h"
#include "sysemu/runstate.h"
#include "sysemu/block-backend.h"

#define MUX_MAX	     4
#define MUX_BUF_SIZE 32
#define MUX_ESCAPE   0x01 /* Ctrl-A */

typedef struct MuxInput {
	uint8_t buf[MUX_BUF_SIZE];
	int head, len;
} MuxInput;

typedef struct MuxChardev {
	Chardev parent;
	CharBackend base; /* our own frontend on the multiplexed chardev */
	CharBackend *fes[MUX_MAX];
	MuxInput in[MUX_MAX];
	int focus; /* index into fes, -1 for none */
	bool got_escape;
	bool draining;
	bool timestamps;
	bool linestart;	  /* the next output byte starts a line and gets a timestamp */
	int64_t ts_start; /* ms; -1 until the first stamped line after C-a t */
	QEMUTimer *open_timer;
	char *chardev; /* property chardev: the id of the base, for -chardev mux,chardev=ID */
} MuxChardev;

static const char *const mux_help_lines[] = {
	"C-a h    print this help",
	"C-a x    exit emulator",
	"C-a s    save disk data back to file (if -snapshot)",
	"C-a t    toggle console timestamps",
	"C-a b    send break (magic sysrq)",
	"C-a c    switch between console and monitor",
	"C-a C-a  sends C-a",
};

static MuxChardev *to_mux(Chardev *chr)
{
	return container_of(chr, MuxChardev, parent);
}

/* ---- output ---- */

static void mux_write_stamp(MuxChardev *d)
{
	int64_t ms = qemu_clock_get_ms(QEMU_CLOCK_REALTIME);
	char buf[64];
	int secs;

	if (d->ts_start < 0)
		d->ts_start = ms;
	ms -= d->ts_start;
	secs = ms / 1000;
	snprintf(buf, sizeof(buf), "[%02d:%02d:%02d.%03d] ", secs / 3600, secs / 60 % 60, secs % 60,
		 (int)(ms % 1000));
	qemu_chr_fe_write_all(&d->base, (const uint8_t *)buf, strlen(buf));
}

/* Flow control passes through, except with timestamps (a stamp cannot be half written). */
static int mux_write(Chardev *chr, const uint8_t *buf, int len, bool all)
{
	MuxChardev *d = to_mux(chr);
	int start = 0;

	if (!d->timestamps)
		return all ? qemu_chr_fe_write_all(&d->base, buf, len)
			   : qemu_chr_fe_write(&d->base, buf, len);
	for (int i = 0; i < len; i++) {
		if (d->linestart) {
			qemu_chr_fe_write_all(&d->base, buf + start, i - start);
			mux_write_stamp(d);
			start = i;
			d->linestart = false;
		}
		if (buf[i] == '\n')
			d->linestart = true;
	}
	qemu_chr_fe_write_all(&d->base, buf + start, len - start);
	return len;
}

static void mux_puts(MuxChardev *d, const char *s)
{
	mux_write(&d->parent, (const uint8_t *)s, strlen(s), true);
}

/* ---- events and focus ---- */

static void mux_send_event(MuxChardev *d, int tag, QEMUChrEvent event)
{
	CharBackend *fe = tag >= 0 ? d->fes[tag] : NULL;

	if (fe && fe->chr_event)
		fe->chr_event(fe->opaque, event);
}

static void mux_broadcast(MuxChardev *d, QEMUChrEvent event)
{
	for (int tag = 0; tag < MUX_MAX; tag++)
		mux_send_event(d, tag, event);
}

static int fe_can_read(CharBackend *fe)
{
	if (!fe || !fe->chr_can_read || !fe->chr_read)
		return 0;
	return fe->chr_can_read(fe->opaque);
}

/* Hands buffered input to a frontend for as long as it has room. */
static void mux_drain(MuxChardev *d, int tag)
{
	CharBackend *fe = d->fes[tag];
	MuxInput *q = &d->in[tag];

	if (d->draining)
		return;
	d->draining = true;
	while (q->len && fe_can_read(fe) > 0) {
		uint8_t ch = q->buf[q->head];

		q->head = (q->head + 1) % MUX_BUF_SIZE;
		q->len--;
		fe->chr_read(fe->opaque, &ch, 1);
	}
	d->draining = false;
}

static void mux_set_focus(MuxChardev *d, int tag)
{
	if (d->focus >= 0)
		mux_send_event(d, d->focus, CHR_EVENT_MUX_OUT);
	d->focus = tag;
	mux_send_event(d, tag, CHR_EVENT_MUX_IN);
	if (tag >= 0)
		mux_drain(d, tag);
	/* The new focus may have room where the old one had none. */
	qemu_chr_fe_accept_input(&d->base);
}

static void mux_cycle_focus(MuxChardev *d)
{
	for (int i = 1; i <= MUX_MAX; i++) {
		int tag = (d->focus + i) % MUX_MAX;

		if (d->fes[tag]) {
			mux_set_focus(d, tag);
			return;
		}
	}
}

/* ---- the escape commands ---- */

static void mux_print_help(MuxChardev *d)
{
	mux_puts(d, "\n\r");
	for (size_t i = 0; i < ARRAY_SIZE(mux_help_lines); i++) {
		mux_puts(d, mux_help_lines[i]);
		mux_puts(d, "\n\r");
	}
}

static void mux_quit(MuxChardev *d)
{
	mux_puts(d, "QEMU: Terminated\n\r");
	qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
}

static void mux_send_break(MuxChardev *d)
{
	mux_send_event(d, d->focus, CHR_EVENT_BREAK);
}

static void mux_toggle_timestamps(MuxChardev *d)
{
	d->timestamps = !d->timestamps;
	d->ts_start = -1;
	d->linestart = false;
}

static void mux_commit(MuxChardev *d)
{
	blk_drain_all(); /* no guest write may land while the overlay is copied down */
	blk_commit_all();
}

static const struct {
	uint8_t key;
	void (*run)(MuxChardev *d);
} mux_commands[] = {
	{ 'h', mux_print_help }, { '?', mux_print_help },  { 'x', mux_quit },
	{ 'b', mux_send_break }, { 'c', mux_cycle_focus }, { 't', mux_toggle_timestamps },
	{ 's', mux_commit },
};

/* Runs the escape state machine; true when ch is input for the focused frontend. */
static bool mux_proc_byte(MuxChardev *d, uint8_t ch)
{
	if (!d->got_escape) {
		d->got_escape = ch == MUX_ESCAPE;
		return !d->got_escape;
	}
	d->got_escape = false;
	if (ch == MUX_ESCAPE)
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(mux_commands); i++)
		if (mux_commands[i].key == ch)
			mux_commands[i].run(d);
	return false;
}

/* ---- input from the base chardev ---- */

static void mux_deliver(MuxChardev *d, uint8_t ch)
{
	CharBackend *fe;
	MuxInput *q;

	if (d->focus < 0)
		return;
	fe = d->fes[d->focus];
	q = &d->in[d->focus];
	if (!q->len && fe_can_read(fe) > 0) {
		fe->chr_read(fe->opaque, &ch, 1);
		return;
	}
	if (q->len < MUX_BUF_SIZE)
		q->buf[(q->head + q->len++) % MUX_BUF_SIZE] = ch;
}

static int mux_can_read(void *opaque)
{
	MuxChardev *d = opaque;

	/* With no frontend the escapes must still work (Ctrl-A x); other input has no reader. */
	if (d->focus < 0)
		return MUX_BUF_SIZE;
	return MUX_BUF_SIZE - d->in[d->focus].len;
}

static void mux_read(void *opaque, const uint8_t *buf, int len)
{
	MuxChardev *d = opaque;

	for (int i = 0; i < len; i++)
		if (mux_proc_byte(d, buf[i]))
			mux_deliver(d, buf[i]);
}

static void mux_base_event(void *opaque, QEMUChrEvent event)
{
	MuxChardev *d = opaque;

	/* Frontends hear nothing before the mux itself opens. */
	if (d->parent.be_open)
		mux_broadcast(d, event);
}

/* Every frontend may have been held back: each retries. */
static void mux_write_ready(void *opaque)
{
	MuxChardev *d = opaque;

	for (int tag = 0; tag < MUX_MAX; tag++)
		if (d->fes[tag] && d->fes[tag]->chr_write_ready)
			d->fes[tag]->chr_write_ready(d->fes[tag]->opaque);
}

static void mux_open_now(void *opaque)
{
	MuxChardev *d = opaque;

	d->parent.be_open = true;
	mux_broadcast(d, CHR_EVENT_OPENED);
}

/* ---- the class ---- */

static bool mux_init(Chardev *chr, Chardev *base, Error **errp)
{
	MuxChardev *d = to_mux(chr);

	if (!qemu_chr_fe_init(&d->base, base, errp))
		return false;
	d->focus = -1;
	d->ts_start = -1;
	qemu_chr_fe_set_handlers(&d->base, mux_can_read, mux_read, mux_base_event, d);
	qemu_chr_fe_set_write_ready(&d->base, mux_write_ready);
	d->open_timer = timer_new_ns(QEMU_CLOCK_REALTIME, mux_open_now, d);
	timer_mod(d->open_timer, 0);
	return true;
}

Chardev *qemu_chr_mux_new(const char *id, Chardev *base, Error **errp)
{
	Chardev *chr = qemu_chr_alloc(CHARDEV_TYPE_PREFIX "mux", id);

	if (!mux_init(chr, base, errp)) {
		object_unref(OBJECT(chr));
		return NULL;
	}
	qemu_chr_register(chr);
	return chr;
}

static bool mux_open(Chardev *chr, Error **errp)
{
	const char *id = to_mux(chr)->chardev;
	Chardev *base;

	if (!id) {
		error_setg(errp, "chardev: mux: no chardev given");
		return false;
	}
	base = qemu_chr_find(id);
	if (!base) {
		error_setg(errp, "mux: base chardev %s not found", id);
		return false;
	}
	return mux_init(chr, base, errp);
}

static void mux_accept_input(Chardev *chr)
{
	MuxChardev *d = to_mux(chr);

	if (d->focus >= 0)
		mux_drain(d, d->focus);
	qemu_chr_fe_accept_input(&d->base);
}

static bool mux_fe_attach(Chardev *chr, CharBackend *be, Error **errp)
{
	MuxChardev *d = to_mux(chr);

	for (int tag = 0; tag < MUX_MAX; tag++) {
		if (!d->fes[tag]) {
			d->fes[tag] = be;
			d->in[tag].head = d->in[tag].len = 0;
			be->tag = tag;
			return true;
		}
	}
	error_setg(errp, "Device '%s' is in use", chr->label);
	return false;
}

static void mux_fe_detach(Chardev *chr, CharBackend *be)
{
	MuxChardev *d = to_mux(chr);

	if (d->fes[be->tag] != be)
		return;
	d->fes[be->tag] = NULL;
	d->in[be->tag].len = 0;
	/* Hand the focus on rather than leave the console deaf. */
	if (d->focus == be->tag) {
		d->focus = -1;
		mux_cycle_focus(d);
	}
}

static void mux_fe_handlers_set(Chardev *chr, CharBackend *be)
{
	mux_set_focus(to_mux(chr), be->tag);
}

static void mux_close(Chardev *chr)
{
	MuxChardev *d = to_mux(chr);

	for (int tag = 0; tag < MUX_MAX; tag++)
		if (d->fes[tag])
			d->fes[tag]->chr = NULL;
	qemu_chr_fe_deinit(&d->base);
	timer_free(d->open_timer);
}

static bool mux_has_frontend(Chardev *chr)
{
	MuxChardev *d = to_mux(chr);

	for (int tag = 0; tag < MUX_MAX; tag++)
		if (d->fes[tag])
			return true;
	return false;
}

static const Property mux_props[] = {
	PROP("chardev", prop_info_string, MuxChardev, chardev),
	PROP_END,
};

static void mux_class_init(ObjectClass *oc, const void *data)
{
	ChardevClass *cc = CHARDEV_CLASS(oc);

	cc->open = mux_open;
	cc->write = mux_write;
	cc->accept_input = mux_accept_input;
	cc->close = mux_close;
	cc->fe_attach = mux_fe_attach;
	cc->fe_detach = mux_fe_detach;
	cc->fe_handlers_set = mux_fe_handlers_set;
	cc->has_frontend = mux_has_frontend;
	object_class_add_props(oc, mux_props);
}

static void mux_register_types(void)
{
	static const TypeInfo info = {
		.name = CHARDEV_TYPE_PREFIX "mux",
		.parent = TYPE_CHARDEV,
		.instance_size = sizeof(MuxChardev),
		.class_init = mux_class_init,
	};
	type_register(&info);
}
type_init(mux_register_types)
