// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tests of the mux that -nographic and mon:stdio put between the console and its frontends.
 * The mux sits on an fd chardev over a socketpair, so the test plays the user at the other
 * end: it types bytes (escapes included) and reads back what the mux prints, while two
 * frontends stand in for the serial port and the monitor.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "chardev/char.h"
#include "sysemu/runstate.h"
#include "block/block_int.h"
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>

typedef struct TestFe {
	CharBackend be;
	GString *in;
	int room; /* what can_read answers */
	int events[32];
	int n_events;
} TestFe;

typedef struct MuxTest {
	int user; /* our end of the socketpair: the keyboard and the screen */
	Chardev *mux;
	TestFe a, b; /* a attaches first (the monitor), b second (the serial port) */
} MuxTest;

static int fe_can_read(void *opaque)
{
	TestFe *fe = opaque;
	return fe->room;
}

static void fe_read(void *opaque, const uint8_t *buf, int size)
{
	TestFe *fe = opaque;

	g_assert_cmpint(size, <=, fe->room);
	g_string_append_len(fe->in, (const char *)buf, size);
}

static void fe_event(void *opaque, QEMUChrEvent event)
{
	TestFe *fe = opaque;

	g_assert_cmpint(fe->n_events, <, (int)ARRAY_SIZE(fe->events));
	fe->events[fe->n_events++] = event;
}

static void fe_attach(TestFe *fe, Chardev *chr)
{
	fe->in = g_string_new(NULL);
	fe->room = 64;
	fe->n_events = 0;
	g_assert_true(qemu_chr_fe_init(&fe->be, chr, &error_abort));
	qemu_chr_fe_set_handlers(&fe->be, fe_can_read, fe_read, fe_event, fe);
}

static void fe_detach(TestFe *fe)
{
	qemu_chr_fe_deinit(&fe->be);
	g_string_free(fe->in, TRUE);
}

static void fe_puts(TestFe *fe, const char *s)
{
	int len = strlen(s);
	g_assert_cmpint(qemu_chr_fe_write(&fe->be, (const uint8_t *)s, len), ==, len);
}

/* The events seen since the last call, as a string of digits, e.g. "23". */
static char *fe_events(TestFe *fe)
{
	GString *s = g_string_new(NULL);

	for (int i = 0; i < fe->n_events; i++)
		g_string_append_c(s, '0' + fe->events[i]);
	fe->n_events = 0;
	return g_string_free(s, FALSE);
}

static void assert_events(TestFe *fe, const int *want, int n)
{
	char *got = fe_events(fe);
	GString *w = g_string_new(NULL);

	for (int i = 0; i < n; i++)
		g_string_append_c(w, '0' + want[i]);
	g_assert_cmpstr(got, ==, w->str);
	g_string_free(w, TRUE);
	g_free(got);
}

#define EXPECT_EVENTS(fe, ...)                                                                     \
	do {                                                                                       \
		static const int want_[] = { __VA_ARGS__ };                                        \
		assert_events(fe, want_, ARRAY_SIZE(want_));                                       \
	} while (0)
#define EXPECT_NO_EVENTS(fe) assert_events(fe, NULL, 0)

static void pump(void)
{
	for (int i = 0; i < 10; i++)
		main_loop_wait(SCALE_MS);
}

/* Types bytes and lets the main loop carry them through the mux. */
static void type(MuxTest *t, const char *keys, int len)
{
	g_assert_cmpint(write(t->user, keys, len), ==, len);
	pump();
}

static void type_str(MuxTest *t, const char *keys)
{
	type(t, keys, strlen(keys));
}

/* What the mux printed since the last call. */
static char *screen(MuxTest *t)
{
	GString *s = g_string_new(NULL);
	struct pollfd pfd = { .fd = t->user, .events = POLLIN };
	char buf[4096];

	pump();
	while (poll(&pfd, 1, 50) > 0) {
		ssize_t n = read(t->user, buf, sizeof(buf));
		if (n <= 0)
			break;
		g_string_append_len(s, buf, n);
	}
	return g_string_free(s, FALSE);
}

static void expect_screen(MuxTest *t, const char *want)
{
	char *got = screen(t);

	g_assert_cmpstr(got, ==, want);
	g_free(got);
}

static void setup(MuxTest *t, bool open)
{
	QemuOpts *opts = qemu_opts_parse("mux,id=m,chardev=base", "backend", &error_abort);
	int sv[2];

	g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
	fcntl(sv[1], F_SETFL, O_NONBLOCK);
	t->user = sv[1];
	qemu_chr_new_fd("base", sv[0], sv[0], &error_abort);
	t->mux = qemu_chr_new_from_opts(opts, &error_abort);
	qemu_opts_free(opts);
	fe_attach(&t->a, t->mux);
	fe_attach(&t->b, t->mux);
	if (open) {
		pump();
		t->a.n_events = t->b.n_events = 0;
	}
}

static void teardown(MuxTest *t)
{
	fe_detach(&t->a);
	fe_detach(&t->b);
	qemu_chr_cleanup_all();
	close(t->user);
}

static void test_attach_events(void)
{
	MuxTest t;
	TestFe c;

	setup(&t, false);
	/* The last frontend to register takes the focus. */
	EXPECT_EVENTS(&t.a, CHR_EVENT_MUX_IN, CHR_EVENT_MUX_OUT);
	EXPECT_EVENTS(&t.b, CHR_EVENT_MUX_IN);
	/* The mux opens once the main loop runs, and tells everyone. */
	g_assert_false(t.mux->be_open);
	pump();
	g_assert_true(t.mux->be_open);
	EXPECT_EVENTS(&t.a, CHR_EVENT_OPENED);
	EXPECT_EVENTS(&t.b, CHR_EVENT_OPENED);
	/* A late frontend hears of the open mux at once. */
	fe_attach(&c, t.mux);
	EXPECT_EVENTS(&t.b, CHR_EVENT_MUX_OUT);
	EXPECT_EVENTS(&c, CHR_EVENT_MUX_IN, CHR_EVENT_OPENED);
	fe_detach(&c);
	teardown(&t);
}

static void test_output(void)
{
	MuxTest t;

	setup(&t, true);
	fe_puts(&t.a, "from-a ");
	fe_puts(&t.b, "from-b");
	expect_screen(&t, "from-a from-b");
	teardown(&t);
}

static void test_input_to_focus(void)
{
	MuxTest t;

	setup(&t, true);
	type_str(&t, "hi");
	g_assert_cmpstr(t.b.in->str, ==, "hi");
	g_assert_cmpstr(t.a.in->str, ==, "");
	teardown(&t);
}

static void test_switch_focus(void)
{
	MuxTest t;

	setup(&t, true);
	type_str(&t, "\001c");
	EXPECT_EVENTS(&t.b, CHR_EVENT_MUX_OUT);
	EXPECT_EVENTS(&t.a, CHR_EVENT_MUX_IN);
	type_str(&t, "info");
	g_assert_cmpstr(t.a.in->str, ==, "info");
	g_assert_cmpstr(t.b.in->str, ==, "");
	/* And back round. */
	type_str(&t, "\001cls");
	EXPECT_EVENTS(&t.a, CHR_EVENT_MUX_OUT);
	EXPECT_EVENTS(&t.b, CHR_EVENT_MUX_IN);
	g_assert_cmpstr(t.b.in->str, ==, "ls");
	g_assert_cmpstr(t.a.in->str, ==, "info");
	expect_screen(&t, "");
	teardown(&t);
}

static void test_escape_escape(void)
{
	MuxTest t;

	setup(&t, true);
	type_str(&t, "a\001\001b");
	g_assert_cmpstr(t.b.in->str, ==, "a\001b");
	/* The escape may arrive split across reads. */
	type_str(&t, "\001");
	g_assert_cmpstr(t.b.in->str, ==, "a\001b");
	type_str(&t, "\001");
	g_assert_cmpstr(t.b.in->str, ==, "a\001b\001");
	expect_screen(&t, "");
	teardown(&t);
}

static const char help_text[] = "\n\r"
				"C-a h    print this help\n\r"
				"C-a x    exit emulator\n\r"
				"C-a s    save disk data back to file (if -snapshot)\n\r"
				"C-a t    toggle console timestamps\n\r"
				"C-a b    send break (magic sysrq)\n\r"
				"C-a c    switch between console and monitor\n\r"
				"C-a C-a  sends C-a\n\r";

static void test_help(void)
{
	MuxTest t;

	setup(&t, true);
	type_str(&t, "\001h");
	expect_screen(&t, help_text);
	type_str(&t, "\001?");
	expect_screen(&t, help_text);
	g_assert_cmpstr(t.b.in->str, ==, "");
	teardown(&t);
}

static void test_quit(void)
{
	MuxTest t;

	setup(&t, true);
	g_assert_cmpint(qemu_shutdown_requested(), ==, SHUTDOWN_CAUSE_NONE);
	type_str(&t, "\001x");
	expect_screen(&t, "QEMU: Terminated\n\r");
	g_assert_cmpint(qemu_shutdown_requested(), ==, SHUTDOWN_CAUSE_HOST_UI);
	g_assert_cmpint(qemu_shutdown_requested(), ==, SHUTDOWN_CAUSE_NONE);
	g_assert_cmpstr(t.b.in->str, ==, "");
	teardown(&t);
}

static void count_done(void *opaque, int ret)
{
	g_assert_cmpint(ret, ==, 0);
	(*(int *)opaque)++;
}

/*
 * Ctrl-A s with guest writes still running: they all complete first, and every one of them
 * reaches the image (none lands in the overlay after it was copied down and emptied).
 */
static void test_commit_in_flight(void)
{
	enum { N = 400, LEN = 16384 };
	g_autofree char *img = NULL, *drive = NULL;
	g_autofree uint8_t *data = g_malloc(N * LEN), *back = g_malloc(N * LEN);
	struct iovec iov[N];
	BlockBackend *blk;
	int done = 0;
	int fd = g_file_open_tmp("mux-commit-XXXXXX.img", &img, NULL);
	MuxTest t;

	g_assert_cmpint(fd, >=, 0);
	g_assert_cmpint(ftruncate(fd, N * LEN), ==, 0);
	drive = g_strdup_printf("file=%s,format=raw,if=none,id=c0,snapshot=on", img);
	blk = drive_new(drive, &error_abort);
	setup(&t, true);
	for (int i = 0; i < N * LEN; i++)
		data[i] = i * 13 + i / LEN;
	for (int i = 0; i < N; i++) {
		iov[i] = (struct iovec){ data + i * LEN, LEN };
		blk_aio_pwritev(blk, (int64_t)i * LEN, &iov[i], 1, count_done, &done);
	}
	type_str(&t, "\001s");
	g_assert_cmpint(done, ==, N);
	g_assert_cmpint(pread(fd, back, N * LEN, 0), ==, N * LEN);
	g_assert_cmpmem(back, N * LEN, data, N * LEN);
	teardown(&t);
	blk_close_all();
	close(fd);
	unlink(img);
}

static void test_break(void)
{
	MuxTest t;

	setup(&t, true);
	type_str(&t, "\001b");
	EXPECT_EVENTS(&t.b, CHR_EVENT_BREAK);
	EXPECT_NO_EVENTS(&t.a);
	g_assert_cmpstr(t.b.in->str, ==, "");
	teardown(&t);
}

static void test_unknown_escape(void)
{
	MuxTest t;

	setup(&t, true);
	type_str(&t, "\001zk\001s");
	g_assert_cmpstr(t.b.in->str, ==, "k");
	expect_screen(&t, "");
	EXPECT_NO_EVENTS(&t.b);
	teardown(&t);
}

static void test_timestamps(void)
{
	GRegex *stamped = g_regex_new("^one\n\\[00:00:\\d\\d\\.\\d\\d\\d\\] two\n"
				      "\\[00:00:\\d\\d\\.\\d\\d\\d\\] three$",
				      0, 0, NULL);
	MuxTest t;
	char *got;

	setup(&t, true);
	type_str(&t, "\001t");
	/* The line in progress when toggled is left alone; each line after it is stamped. */
	fe_puts(&t.b, "one\ntwo\n");
	fe_puts(&t.a, "three");
	got = screen(&t);
	g_assert_true(g_regex_match(stamped, got, 0, NULL));
	g_free(got);
	type_str(&t, "\001t");
	fe_puts(&t.b, "\nplain\nagain");
	expect_screen(&t, "\nplain\nagain");
	g_regex_unref(stamped);
	teardown(&t);
}

static void test_buffered_input(void)
{
	MuxTest t;

	setup(&t, true);
	t.b.room = 0;
	type_str(&t, "abc");
	g_assert_cmpstr(t.b.in->str, ==, "");
	t.b.room = 1;
	qemu_chr_fe_accept_input(&t.b.be);
	g_assert_cmpstr(t.b.in->str, ==, "abc");
	teardown(&t);
}

/* More than the mux buffers stays with the base chardev, none of it lost. */
static void test_flow_control(void)
{
	char keys[200];
	MuxTest t;

	for (size_t i = 0; i < sizeof(keys); i++)
		keys[i] = 'A' + i % 26;
	setup(&t, true);
	t.b.room = 0;
	type(&t, keys, sizeof(keys));
	g_assert_cmpint(t.b.in->len, ==, 0);
	t.b.room = 7;
	qemu_chr_fe_accept_input(&t.b.be);
	for (int i = 0; i < 100 && t.b.in->len < sizeof(keys); i++)
		main_loop_wait(SCALE_MS);
	g_assert_cmpint(t.b.in->len, ==, sizeof(keys));
	g_assert_true(!memcmp(t.b.in->str, keys, sizeof(keys)));
	teardown(&t);
}

/* Input held for one frontend stays its own across focus changes. */
static void test_per_frontend_buffer(void)
{
	MuxTest t;

	setup(&t, true);
	t.b.room = 0;
	type_str(&t, "xy\001cq");
	g_assert_cmpstr(t.a.in->str, ==, "q");
	g_assert_cmpstr(t.b.in->str, ==, "");
	type_str(&t, "\001c");
	g_assert_cmpstr(t.b.in->str, ==, "");
	t.b.room = 10;
	qemu_chr_fe_accept_input(&t.b.be);
	g_assert_cmpstr(t.b.in->str, ==, "xy");
	g_assert_cmpstr(t.a.in->str, ==, "q");
	teardown(&t);
}

static void test_too_many(void)
{
	CharBackend more[3];
	Error *err = NULL;
	MuxTest t;

	setup(&t, true);
	g_assert_true(qemu_chr_fe_init(&more[0], t.mux, &error_abort));
	g_assert_true(qemu_chr_fe_init(&more[1], t.mux, &error_abort));
	g_assert_false(qemu_chr_fe_init(&more[2], t.mux, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Device 'm' is in use");
	error_free(err);
	err = NULL;
	/* The base belongs to the mux. */
	g_assert_false(qemu_chr_fe_init(&more[2], qemu_chr_find("base"), &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Device 'base' is in use");
	error_free(err);
	/* A freed slot can be taken again. */
	qemu_chr_fe_deinit(&more[0]);
	g_assert_true(qemu_chr_fe_init(&more[2], t.mux, &error_abort));
	qemu_chr_fe_deinit(&more[1]);
	qemu_chr_fe_deinit(&more[2]);
	teardown(&t);
}

/* A focused frontend going away hands the focus on. */
static void test_detach_focused(void)
{
	MuxTest t;

	setup(&t, true);
	fe_detach(&t.b);
	EXPECT_EVENTS(&t.a, CHR_EVENT_MUX_IN);
	type_str(&t, "to-a");
	g_assert_cmpstr(t.a.in->str, ==, "to-a");
	fe_detach(&t.a);
	qemu_chr_cleanup_all();
	close(t.user);
}

/* Frontends left attached when the chardevs go are disconnected, not dangling. */
static void test_cleanup_with_frontends(void)
{
	MuxTest t;

	setup(&t, true);
	qemu_chr_cleanup_all();
	g_assert_false(qemu_chr_fe_backend_connected(&t.a.be));
	g_assert_false(qemu_chr_fe_backend_connected(&t.b.be));
	fe_puts(&t.a, "into the void");
	fe_detach(&t.a);
	fe_detach(&t.b);
	close(t.user);
}

int main(int argc, char **argv)
{
	/* CI may run us without stdin; keep fd 0 from being handed to a test's socket. */
	if (fcntl(STDIN_FILENO, F_GETFD) < 0)
		open("/dev/null", O_RDONLY);
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/char-mux/attach-events", test_attach_events);
	g_test_add_func("/char-mux/output", test_output);
	g_test_add_func("/char-mux/input-to-focus", test_input_to_focus);
	g_test_add_func("/char-mux/switch-focus", test_switch_focus);
	g_test_add_func("/char-mux/escape-escape", test_escape_escape);
	g_test_add_func("/char-mux/help", test_help);
	g_test_add_func("/char-mux/quit", test_quit);
	g_test_add_func("/char-mux/break", test_break);
	g_test_add_func("/char-mux/commit-in-flight", test_commit_in_flight);
	g_test_add_func("/char-mux/unknown-escape", test_unknown_escape);
	g_test_add_func("/char-mux/timestamps", test_timestamps);
	g_test_add_func("/char-mux/buffered-input", test_buffered_input);
	g_test_add_func("/char-mux/flow-control", test_flow_control);
	g_test_add_func("/char-mux/per-frontend-buffer", test_per_frontend_buffer);
	g_test_add_func("/char-mux/too-many", test_too_many);
	g_test_add_func("/char-mux/detach-focused", test_detach_focused);
	g_test_add_func("/char-mux/cleanup-with-frontends", test_cleanup_with_frontends);
	return g_test_run();
}
