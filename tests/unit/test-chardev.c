// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Tests of the main loop (timers, fd handlers, wakeups) and of the chardev core: creation
 * from -chardev options and the legacy syntax with every error QEMU reports, the null, file,
 * pipe and stdio backends, non-blocking output when nobody reads, input flow control, and
 * the terminal being restored on each way a process can end.
 */
#include "qemu/osdep.h"
#include "test-timing.h"
#include "qemu/main-loop.h"
#include "chardev/char.h"
#include "sysemu/runstate.h"
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/stat.h>
#include <sys/wait.h>

/* ---- helpers ---- */

typedef struct TestFe {
	CharBackend be;
	GString *in;
	int room; /* what can_read answers */
	int events[32];
	int n_events;
} TestFe;

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

static void fe_attach(TestFe *fe, Chardev *chr, int room)
{
	fe->in = g_string_new(NULL);
	fe->room = room;
	fe->n_events = 0;
	g_assert_true(qemu_chr_fe_init(&fe->be, chr, &error_abort));
	qemu_chr_fe_set_handlers(&fe->be, fe_can_read, fe_read, fe_event, fe);
}

static void fe_detach(TestFe *fe)
{
	qemu_chr_fe_deinit(&fe->be);
	g_string_free(fe->in, TRUE);
	fe->in = NULL;
}

static bool fe_saw(TestFe *fe, QEMUChrEvent event)
{
	for (int i = 0; i < fe->n_events; i++)
		if (fe->events[i] == event)
			return true;
	return false;
}

static void fe_puts(TestFe *fe, const char *s)
{
	int len = strlen(s);
	g_assert_cmpint(qemu_chr_fe_write(&fe->be, (const uint8_t *)s, len), ==, len);
}

static Chardev *chr_create(const char *params, Error **errp)
{
	QemuOpts *opts = qemu_opts_parse(params, "backend", &error_abort);
	Chardev *chr = qemu_chr_new_from_opts(opts, errp);

	qemu_opts_free(opts);
	return chr;
}

/* Runs the main loop until cond holds; false after 5 seconds. */
static bool pump_until(bool (*cond)(void *), void *opaque)
{
	int64_t end = g_get_monotonic_time() + test_scaled(5 * G_USEC_PER_SEC);

	while (!cond(opaque)) {
		if (g_get_monotonic_time() > end)
			return false;
		main_loop_wait(10 * SCALE_MS);
	}
	return true;
}

static void pump(int iterations)
{
	for (int i = 0; i < iterations; i++)
		main_loop_wait(SCALE_MS);
}

typedef struct {
	TestFe *fe;
	const char *want;
} WantInput;

static bool input_is(void *opaque)
{
	WantInput *w = opaque;
	return !strcmp(w->fe->in->str, w->want);
}

static void expect_input(TestFe *fe, const char *want)
{
	WantInput w = { fe, want };

	if (!pump_until(input_is, &w))
		g_assert_cmpstr(fe->in->str, ==, want);
}

/* Reads what arrives on fd within timeout_ms of silence. */
static GString *read_all(int fd, int timeout_ms)
{
	GString *s = g_string_new(NULL);
	char buf[65536];
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	while (poll(&pfd, 1, timeout_ms) > 0) {
		ssize_t n = read(fd, buf, sizeof(buf));
		if (n <= 0)
			break;
		g_string_append_len(s, buf, n);
	}
	return s;
}

static char *tmp_dir(void)
{
	char *dir = g_dir_make_tmp("qs-chardev-XXXXXX", NULL);

	g_assert_nonnull(dir);
	return dir;
}

static void rm_dir(char *dir)
{
	GDir *d = g_dir_open(dir, 0, NULL);
	const char *name;

	while ((name = g_dir_read_name(d))) {
		char *p = g_build_filename(dir, name, NULL);
		unlink(p);
		g_free(p);
	}
	g_dir_close(d);
	rmdir(dir);
	g_free(dir);
}

static char *file_contents(const char *path)
{
	char *text = NULL;

	g_assert_true(g_file_get_contents(path, &text, NULL, NULL));
	return text;
}

/* ---- main loop ---- */

static GString *timer_log;

static void log_cb(void *opaque)
{
	g_string_append(timer_log, opaque);
}

static void test_timers_order(void)
{
	int64_t now = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
	QEMUTimer *a = timer_new_ns(QEMU_CLOCK_VIRTUAL, log_cb, "a");
	QEMUTimer *b = timer_new_ns(QEMU_CLOCK_VIRTUAL, log_cb, "b");
	QEMUTimer *c = timer_new_ns(QEMU_CLOCK_VIRTUAL, log_cb, "c");
	QEMUTimer *d = timer_new_ns(QEMU_CLOCK_VIRTUAL, log_cb, "d");

	timer_log = g_string_new(NULL);
	timer_mod(c, now + 30 * SCALE_MS);
	timer_mod(a, now + 10 * SCALE_MS);
	timer_mod(b, now + 20 * SCALE_MS);
	timer_mod(d, now + 20 * SCALE_MS); /* same deadline as b, armed later: fires after b */
	timer_mod(a, now + 5 * SCALE_MS);  /* re-arming moves it rather than duplicating it */
	g_assert_true(timer_pending(a));
	while (timer_pending(c))
		main_loop_wait(-1);
	g_assert_cmpstr(timer_log->str, ==, "abdc");
	g_assert_false(timer_pending(a));
	g_assert_cmpint(qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL), >=, now + 30 * SCALE_MS);
	timer_free(a);
	timer_free(b);
	timer_free(c);
	timer_free(d);
	g_string_free(timer_log, TRUE);
}

static void test_timers_deadline(void)
{
	QEMUTimer *t = timer_new_ns(QEMU_CLOCK_REALTIME, log_cb, "t");
	QEMUTimer *h = timer_new_ns(QEMU_CLOCK_HOST, log_cb, "h");
	int64_t d;

	g_assert_cmpint(qemu_timers_deadline_ns(), ==, -1);
	timer_mod(t, qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + 10 * NANOSECONDS_PER_SECOND);
	d = qemu_timers_deadline_ns();
	g_assert_cmpint(d, >, 9 * NANOSECONDS_PER_SECOND);
	g_assert_cmpint(d, <=, 10 * NANOSECONDS_PER_SECOND);
	/* The nearest timer counts, whatever its clock. */
	timer_mod(h, qemu_clock_get_ns(QEMU_CLOCK_HOST) + 10 * SCALE_MS);
	g_assert_cmpint(qemu_timers_deadline_ns(), <=, 10 * SCALE_MS);
	timer_del(h);
	g_assert_cmpint(qemu_timers_deadline_ns(), >, 5 * NANOSECONDS_PER_SECOND);
	g_assert_cmpint(timer_expire_time_ns(h), ==, -1);
	/* An overdue timer means "now", not a negative wait. */
	timer_mod(t, qemu_clock_get_ns(QEMU_CLOCK_REALTIME) - SCALE_MS);
	g_assert_cmpint(qemu_timers_deadline_ns(), ==, 0);
	timer_del(t);
	g_assert_cmpint(qemu_timers_deadline_ns(), ==, -1);
	timer_free(t);
	timer_free(h);
}

static int rearm_count;
static QEMUTimer *rearm_timer, *self_free_timer;

static void rearm_cb(void *opaque)
{
	if (++rearm_count < 3)
		timer_mod(rearm_timer, qemu_clock_get_ns(QEMU_CLOCK_REALTIME) + SCALE_MS);
}

static void self_free_cb(void *opaque)
{
	timer_free(self_free_timer);
	self_free_timer = NULL;
}

static void test_timers_callbacks(void)
{
	int64_t start = qemu_clock_get_ns(QEMU_CLOCK_REALTIME);

	rearm_count = 0;
	rearm_timer = timer_new_ns(QEMU_CLOCK_REALTIME, rearm_cb, NULL);
	self_free_timer = timer_new_ns(QEMU_CLOCK_REALTIME, self_free_cb, NULL);
	timer_mod(rearm_timer, start);
	timer_mod(self_free_timer, start + 2 * SCALE_MS);
	while (timer_pending(rearm_timer) || self_free_timer)
		main_loop_wait(-1);
	g_assert_cmpint(rearm_count, ==, 3);
	timer_free(rearm_timer);
}

static void test_clocks(void)
{
	int64_t v1 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);
	int64_t host = qemu_clock_get_ns(QEMU_CLOCK_HOST);
	int64_t v2 = qemu_clock_get_ns(QEMU_CLOCK_VIRTUAL);

	g_assert_cmpint(v1, >=, 0);
	g_assert_cmpint(v2, >=, v1);
	/* Guest time starts near zero with the process; host time is the wall clock. */
	g_assert_cmpint(v1, <, 600 * NANOSECONDS_PER_SECOND);
	g_assert_cmpint(llabs(host / SCALE_US - g_get_real_time()), <, G_USEC_PER_SEC);
}

static int handler_calls;

static void count_read(void *opaque)
{
	int *fd = opaque;
	char c;

	handler_calls++;
	g_assert_cmpint(read(*fd, &c, 1), ==, 1);
}

static void count_write(void *opaque)
{
	handler_calls++;
}

static void remove_self(void *opaque)
{
	int *fd = opaque;

	handler_calls++;
	qemu_set_fd_handler(*fd, NULL, NULL, NULL);
}

static void test_fd_handlers(void)
{
	int p[2];

	g_assert_cmpint(pipe(p), ==, 0);
	handler_calls = 0;
	qemu_set_fd_handler(p[0], count_read, NULL, &p[0]);
	main_loop_wait(0);
	g_assert_cmpint(handler_calls, ==, 0);
	g_assert_cmpint(write(p[1], "xy", 2), ==, 2);
	main_loop_wait(0);
	main_loop_wait(0);
	g_assert_cmpint(handler_calls, ==, 2);
	main_loop_wait(0);
	g_assert_cmpint(handler_calls, ==, 2);

	/* Removed handlers are not called, even with input pending. */
	qemu_set_fd_handler(p[0], NULL, NULL, NULL);
	g_assert_cmpint(write(p[1], "z", 1), ==, 1);
	main_loop_wait(0);
	g_assert_cmpint(handler_calls, ==, 2);

	/* A handler may remove itself while running. */
	qemu_set_fd_handler(p[0], remove_self, NULL, &p[0]);
	main_loop_wait(0);
	main_loop_wait(0);
	g_assert_cmpint(handler_calls, ==, 3);

	/* Write handlers fire while the fd has room. */
	qemu_set_fd_handler(p[1], NULL, count_write, NULL);
	main_loop_wait(0);
	g_assert_cmpint(handler_calls, ==, 4);
	qemu_set_fd_handler(p[1], NULL, NULL, NULL);
	close(p[0]);
	close(p[1]);
}

static void test_fd_handler_wakes_wait(void)
{
	int p[2];
	int64_t start;

	g_assert_cmpint(pipe(p), ==, 0);
	handler_calls = 0;
	qemu_set_fd_handler(p[0], count_read, NULL, &p[0]);
	g_assert_cmpint(write(p[1], "x", 1), ==, 1);
	start = g_get_monotonic_time();
	main_loop_wait(-1);
	g_assert_cmpint(handler_calls, ==, 1);
	g_assert_cmpint(g_get_monotonic_time() - start, <, test_scaled(G_USEC_PER_SEC));
	qemu_set_fd_handler(p[0], NULL, NULL, NULL);
	close(p[0]);
	close(p[1]);
}

static void test_notify(void)
{
	int64_t start = g_get_monotonic_time();

	qemu_notify_event();
	main_loop_wait(10 * NANOSECONDS_PER_SECOND);
	g_assert_cmpint(g_get_monotonic_time() - start, <, test_scaled(2 * G_USEC_PER_SEC));
	/* The wakeup is consumed: a plain wait now times out. */
	start = g_get_monotonic_time();
	main_loop_wait(20 * SCALE_MS);
	g_assert_cmpint(g_get_monotonic_time() - start, >=, 15000);
}

/* ---- creation and errors ---- */

static void test_help(void)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);

	qemu_chr_print_help(f);
	fclose(f);
	g_assert_cmpstr(text, ==,
			"Available chardev backend types: \n"
			"  file\n  memory\n  mux\n  null\n  pipe\n  pty\n  ringbuf\n  serial\n  "
			"socket\n  stdio\n  udp\n");
	free(text);
}

/* "-chardev help" prints to stdout and returns NULL with no error. */
static void test_help_option(void)
{
	char *dir = tmp_dir();
	char *path = g_build_filename(dir, "stdout", NULL);
	int saved = dup(STDOUT_FILENO);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	Error *err = NULL;
	Chardev *chr;
	char *text;

	fflush(stdout);
	dup2(fd, STDOUT_FILENO);
	chr = chr_create("help", &err);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	close(fd);
	g_assert_null(chr);
	g_assert_null(err);
	text = file_contents(path);
	g_assert_true(g_str_has_prefix(text, "Available chardev backend types: \n  file\n"));
	g_free(text);
	g_free(path);
	rm_dir(dir);
}

static const struct {
	const char *params;
	const char *error;
} bad_chardevs[] = {
	{ "null", "chardev: no id specified" },
	{ "id=x", "chardev: \"x\" missing backend" },
	{ "foo,id=x", "'foo' is not a valid char driver name" },
	{ "null,id=1x", "Parameter 'id' expects an identifier" },
	{ "null,id=x_y!", "Parameter 'id' expects an identifier" },
	{ "null,id=x,bogus=1", "Invalid parameter 'bogus'" },
	/* another backend's option is checked for its type, as QEMU's QemuOpts do */
	{ "null,id=x,append=maybe", "Parameter 'append' expects 'on' or 'off'" },
	{ "null,id=x,mux=maybe", "Parameter 'mux' expects 'on' or 'off'" },
	{ "null,id=x,logappend=2", "Parameter 'logappend' expects 'on' or 'off'" },
	{ "null,id=x,logfile=/nonexistent-qs/l",
	  "Could not open '/nonexistent-qs/l': No such file or directory" },
	{ "file,id=x", "chardev: file: no filename given" },
	{ "file,id=x,path=/nonexistent-qs/f",
	  "Could not open '/nonexistent-qs/f': No such file or directory" },
	{ "file,id=x,path=/tmp/qs-never,append=2", "Parameter 'append' expects 'on' or 'off'" },
	{ "file,id=x,path=/dev/null,input-path=/nonexistent-qs/i",
	  "Could not open '/nonexistent-qs/i': No such file or directory" },
	{ "pipe,id=x", "chardev: pipe: no filename given" },
	{ "pipe,id=x,path=/nonexistent-qs/p",
	  "Could not open '/nonexistent-qs/p': No such file or directory" },
	{ "stdio,id=x,signal=sometimes", "Parameter 'signal' expects 'on' or 'off'" },
	{ "mux,id=x", "chardev: mux: no chardev given" },
	{ "mux,id=x,chardev=nope", "mux: base chardev nope not found" },
	{ "file,id=x,path=/nonexistent-qs/f,mux=on",
	  "Could not open '/nonexistent-qs/f': No such file or directory" },
};

static void test_errors(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(bad_chardevs); i++) {
		Error *err = NULL;

		g_test_message("%s", bad_chardevs[i].params);
		g_assert_null(chr_create(bad_chardevs[i].params, &err));
		g_assert_nonnull(err);
		g_assert_cmpstr(error_get_pretty(err), ==, bad_chardevs[i].error);
		error_free(err);
		/* A failed creation leaves nothing behind. */
		g_assert_null(qemu_chr_find("x"));
		g_assert_null(qemu_chr_find("x-base"));
	}
	g_assert_cmpint(access("/tmp/qs-never", F_OK), !=, 0);
}

/* As in QEMU 7.2, an option of another backend is accepted and means nothing here. */
static void test_foreign_options(void)
{
	Chardev *chr = chr_create("null,id=x,path=/nonexistent-qs/p,signal=off", &error_abort);

	g_assert_cmpstr(object_get_typename(OBJECT(chr)), ==, "chardev-null");
	qemu_chr_delete(chr);
	g_assert_null(qemu_chr_find("x"));
}

static void test_bad_id_hint(void)
{
	char *text = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&text, &size);
	Error *err = NULL;

	g_assert_null(chr_create("null,id=-x", &err));
	error_set_output(f);
	error_report_err(err);
	error_set_output(NULL);
	fclose(f);
	g_assert_nonnull(strstr(text, "Parameter 'id' expects an identifier\n"
				      "Identifiers consist of letters, digits, '-', '.', '_', "
				      "starting with a letter.\n"));
	free(text);
}

static void test_duplicate(void)
{
	Error *err = NULL;
	Chardev *a = chr_create("null,id=a", &error_abort);

	g_assert_null(chr_create("null,id=a", &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Duplicate ID 'a' for chardev");
	error_free(err);
	err = NULL;
	g_assert_null(chr_create("file,id=a,path=/dev/null,mux=on", &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Duplicate ID 'a' for chardev");
	error_free(err);
	err = NULL;
	/* mux=on also claims ID-base. */
	chr_create("null,id=b-base", &error_abort);
	g_assert_null(chr_create("null,id=b,mux=on", &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Duplicate ID 'b-base' for chardev");
	error_free(err);
	g_assert_null(qemu_chr_find("b"));
	g_assert_true(qemu_chr_find("a") == a);
	qemu_chr_cleanup_all();
	g_assert_null(qemu_chr_find("a"));
}

/* An unknown option is reported before anything is opened, so the file is not truncated. */
static void test_bad_option_no_side_effect(void)
{
	char *dir = tmp_dir();
	char *path = g_build_filename(dir, "keep", NULL);
	char *params = g_strdup_printf("file,id=f,path=%s,bogus=on", path);
	Error *err = NULL;
	char *text;

	g_assert_true(g_file_set_contents(path, "precious", -1, NULL));
	g_assert_null(chr_create(params, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Invalid parameter 'bogus'");
	error_free(err);
	text = file_contents(path);
	g_assert_cmpstr(text, ==, "precious");
	g_free(text);
	g_free(params);
	g_free(path);
	rm_dir(dir);
}

/* ---- backends ---- */

static void test_null(void)
{
	Chardev *chr = chr_create("null,id=n", &error_abort);
	TestFe fe;

	g_assert_true(qemu_chr_find("n") == chr);
	g_assert_cmpstr(object_get_typename(OBJECT(chr)), ==, "chardev-null");
	fe_attach(&fe, chr, 100);
	g_assert_true(qemu_chr_fe_backend_connected(&fe.be));
	fe_puts(&fe, "swallowed");
	pump(3);
	g_assert_cmpstr(fe.in->str, ==, "");
	/* Like QEMU's, null never reports itself opened. */
	g_assert_cmpint(fe.n_events, ==, 0);
	fe_detach(&fe);
	qemu_chr_cleanup_all();
}

static void test_in_use(void)
{
	Chardev *chr = chr_create("null,id=n", &error_abort);
	CharBackend one, two;
	Error *err = NULL;

	g_assert_true(qemu_chr_fe_init(&one, chr, &error_abort));
	g_assert_false(qemu_chr_fe_init(&two, chr, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Device 'n' is in use");
	error_free(err);
	qemu_chr_fe_deinit(&one);
	g_assert_true(qemu_chr_fe_init(&two, chr, &error_abort));
	qemu_chr_fe_deinit(&two);
	qemu_chr_cleanup_all();
}

static void test_no_backend(void)
{
	CharBackend be;

	g_assert_true(qemu_chr_fe_init(&be, NULL, &error_abort));
	g_assert_false(qemu_chr_fe_backend_connected(&be));
	g_assert_cmpint(qemu_chr_fe_write(&be, (const uint8_t *)"abc", 3), ==, 3);
	qemu_chr_fe_accept_input(&be);
	qemu_chr_fe_deinit(&be);
}

/* Deleting a chardev leaves its frontend disconnected, not dangling. */
static void test_frontend_outlives_chardev(void)
{
	TestFe fe;

	fe_attach(&fe, chr_create("null,id=n", &error_abort), 10);
	qemu_chr_cleanup_all();
	g_assert_false(qemu_chr_fe_backend_connected(&fe.be));
	fe_puts(&fe, "still fine");
	fe_detach(&fe);
}

static void test_file(void)
{
	char *dir = tmp_dir();
	char *path = g_build_filename(dir, "out.txt", NULL);
	char *params = g_strdup_printf("file,id=f,path=%s", path);
	char *append = g_strdup_printf("file,id=f,path=%s,append=on", path);
	char *text;
	TestFe fe;

	fe_attach(&fe, chr_create(params, &error_abort), 0);
	g_assert_true(fe_saw(&fe, CHR_EVENT_OPENED));
	fe_puts(&fe, "hello\n");
	fe_detach(&fe);
	qemu_chr_cleanup_all();
	text = file_contents(path);
	g_assert_cmpstr(text, ==, "hello\n");
	g_free(text);

	fe_attach(&fe, chr_create(append, &error_abort), 0);
	fe_puts(&fe, "more");
	fe_detach(&fe);
	qemu_chr_cleanup_all();
	text = file_contents(path);
	g_assert_cmpstr(text, ==, "hello\nmore");
	g_free(text);

	fe_attach(&fe, chr_create(params, &error_abort), 0);
	fe_puts(&fe, "x");
	fe_detach(&fe);
	qemu_chr_cleanup_all();
	text = file_contents(path);
	g_assert_cmpstr(text, ==, "x");
	g_free(text);
	g_free(params);
	g_free(append);
	g_free(path);
	rm_dir(dir);
}

static bool saw_closed(void *opaque)
{
	return fe_saw(opaque, CHR_EVENT_CLOSED);
}

static void test_file_input(void)
{
	char *dir = tmp_dir();
	char *in = g_build_filename(dir, "in", NULL);
	char *params = g_strdup_printf("file,id=f,path=/dev/null,input-path=%s", in);
	TestFe fe;

	g_assert_true(g_file_set_contents(in, "typed input", -1, NULL));
	fe_attach(&fe, chr_create(params, &error_abort), 4);
	expect_input(&fe, "typed input");
	g_assert_true(pump_until(saw_closed, &fe));
	fe_detach(&fe);
	qemu_chr_cleanup_all();
	g_free(params);
	g_free(in);
	rm_dir(dir);
}

static void test_logfile(void)
{
	char *dir = tmp_dir();
	char *log = g_build_filename(dir, "log", NULL);
	char *params = g_strdup_printf("null,id=n,logfile=%s", log);
	char *again = g_strdup_printf("null,id=n,logfile=%s,logappend=on", log);
	char *text;
	TestFe fe;

	fe_attach(&fe, chr_create(params, &error_abort), 0);
	fe_puts(&fe, "first ");
	fe_detach(&fe);
	qemu_chr_cleanup_all();
	fe_attach(&fe, chr_create(again, &error_abort), 0);
	fe_puts(&fe, "second");
	fe_detach(&fe);
	qemu_chr_cleanup_all();
	text = file_contents(log);
	g_assert_cmpstr(text, ==, "first second");
	g_free(text);
	g_free(params);
	g_free(again);
	g_free(log);
	rm_dir(dir);
}

static void test_pipe_pair(void)
{
	char *dir = tmp_dir();
	char *base = g_build_filename(dir, "p", NULL);
	char *in = g_strconcat(base, ".in", NULL);
	char *out = g_strconcat(base, ".out", NULL);
	char *params = g_strdup_printf("pipe,id=p,path=%s", base);
	int host_in, host_out;
	GString *got;
	TestFe fe;

	g_assert_cmpint(mkfifo(in, 0600), ==, 0);
	g_assert_cmpint(mkfifo(out, 0600), ==, 0);
	fe_attach(&fe, chr_create(params, &error_abort), 100);
	/* The chardev holds both FIFOs open, so the host side opens without waiting. */
	host_in = open(in, O_WRONLY | O_NONBLOCK);
	host_out = open(out, O_RDONLY | O_NONBLOCK);
	g_assert_cmpint(host_in, >=, 0);
	g_assert_cmpint(host_out, >=, 0);
	g_assert_cmpint(write(host_in, "ping", 4), ==, 4);
	expect_input(&fe, "ping");
	fe_puts(&fe, "pong");
	got = read_all(host_out, 200);
	g_assert_cmpstr(got->str, ==, "pong");
	g_string_free(got, TRUE);
	fe_detach(&fe);
	qemu_chr_cleanup_all();
	close(host_in);
	close(host_out);
	g_free(params);
	g_free(in);
	g_free(out);
	g_free(base);
	rm_dir(dir);
}

/* Without P.in/P.out the one FIFO carries both ways, so output loops back as input. */
static void test_pipe_single(void)
{
	char *dir = tmp_dir();
	char *path = g_build_filename(dir, "p", NULL);
	char *params = g_strdup_printf("pipe,id=p,path=%s", path);
	TestFe fe;

	g_assert_cmpint(mkfifo(path, 0600), ==, 0);
	fe_attach(&fe, chr_create(params, &error_abort), 100);
	fe_puts(&fe, "loop");
	expect_input(&fe, "loop");
	fe_detach(&fe);
	qemu_chr_cleanup_all();
	g_free(params);
	g_free(path);
	rm_dir(dir);
}

static void test_legacy(void)
{
	char *dir = tmp_dir();
	char *path = g_build_filename(dir, "a,b.txt", NULL);
	char *spec = g_strconcat("file:", path, NULL);
	Error *err = NULL;
	Chardev *chr;
	char *text;
	TestFe fe;

	g_assert_null(qemu_chr_new("serial0", "none", &err));
	g_assert_null(err);

	chr = qemu_chr_new("serial0", "null", &error_abort);
	g_assert_cmpstr(object_get_typename(OBJECT(chr)), ==, "chardev-null");
	g_assert_cmpstr(chr->label, ==, "serial0");
	g_assert_true(qemu_chr_new("serial1", "chardev:serial0", &error_abort) == chr);

	/* Commas in the path are not option separators. */
	chr = qemu_chr_new("serial2", spec, &error_abort);
	fe_attach(&fe, chr, 0);
	fe_puts(&fe, "legacy");
	fe_detach(&fe);

	chr = qemu_chr_new("monitor0", "mon:null", &error_abort);
	g_assert_cmpstr(object_get_typename(OBJECT(chr)), ==, "chardev-mux");
	g_assert_cmpstr(object_get_typename(OBJECT(qemu_chr_find("monitor0-base"))), ==,
			"chardev-null");

	g_assert_null(qemu_chr_new("serial3", "chardev:nope", &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Chardev 'nope' not found");
	error_free(err);
	err = NULL;
	g_assert_null(qemu_chr_new("serial3", "bogus", &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "'bogus' is not a valid char driver");
	error_free(err);
	err = NULL;
	g_assert_null(qemu_chr_new("serial3", "mon:vc:80Cx24C", &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "'vc:80Cx24C' is not a valid char driver");
	error_free(err);
	err = NULL;
	/* udp without HOST:PORT is malformed, as tcp: */
	g_assert_null(qemu_chr_new("serial3", "mon:udp:1234", &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "");
	error_free(err);
	err = NULL;
	/* a malformed address: QEMU adds nothing to the caller's line */
	g_assert_null(qemu_chr_new("serial3", "tcp:1234", &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "");
	error_free(err);
	err = NULL;
	g_assert_null(qemu_chr_new("serial0", "null", &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Duplicate ID 'serial0' for chardev");
	error_free(err);

	qemu_chr_cleanup_all();
	text = file_contents(path);
	g_assert_cmpstr(text, ==, "legacy");
	g_free(text);
	g_free(spec);
	g_free(path);
	rm_dir(dir);
}

static void test_mux_on(void)
{
	Chardev *chr = chr_create("null,id=x,mux=on", &error_abort);
	Chardev *base = qemu_chr_find("x-base");
	CharBackend be;
	Error *err = NULL;

	g_assert_true(qemu_chr_find("x") == chr);
	g_assert_cmpstr(object_get_typename(OBJECT(chr)), ==, "chardev-mux");
	g_assert_cmpstr(object_get_typename(OBJECT(base)), ==, "chardev-null");
	g_assert_false(qemu_chr_fe_init(&be, base, &err));
	g_assert_cmpstr(error_get_pretty(err), ==, "Device 'x-base' is in use");
	error_free(err);
	qemu_chr_cleanup_all();
}

/* ---- non-blocking output and input flow control ---- */

#define FLOOD_BYTES (4 << 20)

static uint8_t flood_byte(size_t i)
{
	return i % 251;
}

/* Floods a chardev whose reader sleeps: every write returns at once, and nothing is lost. */
static void flood(int writer, int reader)
{
	Chardev *chr = qemu_chr_new_fd("flood", -1, writer, &error_abort);
	uint8_t chunk[4096];
	int64_t start = g_get_monotonic_time();
	GString *got;
	TestFe fe;

	/* A blocking write would hang here forever: let SIGALRM turn that into a failure. */
	alarm(test_scaled(20));
	fe_attach(&fe, chr, 0);
	for (size_t off = 0; off < FLOOD_BYTES; off += sizeof(chunk)) {
		for (size_t i = 0; i < sizeof(chunk); i++)
			chunk[i] = flood_byte(off + i);
		g_assert_cmpint(qemu_chr_fe_write(&fe.be, chunk, sizeof(chunk)), ==, sizeof(chunk));
	}
	g_assert_cmpint(g_get_monotonic_time() - start, <, test_scaled(2 * G_USEC_PER_SEC));
	alarm(0);

	/* Once the reader wakes up, the queued output follows in order. */
	got = g_string_new(NULL);
	for (int quiet = 0; quiet < 20;) {
		GString *part;

		main_loop_wait(0);
		part = read_all(reader, 5);
		quiet = part->len ? 0 : quiet + 1;
		g_string_append_len(got, part->str, part->len);
		g_string_free(part, TRUE);
	}
	g_assert_cmpint(got->len, ==, FLOOD_BYTES);
	for (size_t i = 0; i < got->len; i++)
		if ((uint8_t)got->str[i] != flood_byte(i))
			g_error("output differs at byte %zu", i);
	g_string_free(got, TRUE);
	fe_detach(&fe);
	qemu_chr_cleanup_all();
}

static int ready_calls;

static void count_ready(void *opaque)
{
	ready_calls++;
}

/*
 * At the bound (x-out-buffer) output is refused rather than dropped; once the reader has
 * taken half, the frontend hears write_ready, and what it then writes follows in order.
 */
static void test_output_bound(void)
{
	enum { BOUND = 64 << 10 };
	Chardev *chr;
	uint8_t chunk[4096];
	size_t sent = 0, got = 0;
	int p[2], n;
	TestFe fe;

	g_assert_cmpint(pipe2(p, O_NONBLOCK), ==, 0);
	chr = qemu_chr_new_fd("bound", -1, p[1], &error_abort);
	chr->out_max = BOUND;
	fe_attach(&fe, chr, 0);
	qemu_chr_fe_set_write_ready(&fe.be, count_ready);
	ready_calls = 0;
	/* The pipe takes its own 64K first; then the queue fills to the bound. */
	do {
		for (size_t i = 0; i < sizeof(chunk); i++)
			chunk[i] = flood_byte(sent + i);
		n = qemu_chr_fe_write(&fe.be, chunk, sizeof(chunk));
		g_assert_cmpint(n, >=, 0);
		sent += n;
	} while (n == sizeof(chunk));
	g_assert_cmpint(sent, <, 4 * BOUND);
	g_assert_cmpint(qemu_chr_fe_write(&fe.be, chunk, 1), ==, 0);
	g_assert_cmpint(ready_calls, ==, 0);
	/* Reading drains the pipe; the main loop refills it from the queue and says ready. */
	while (!ready_calls) {
		uint8_t buf[8192];
		ssize_t r = read(p[0], buf, sizeof(buf));

		for (ssize_t i = 0; i < r; i++, got++)
			g_assert_cmpint(buf[i], ==, flood_byte(got));
		main_loop_wait(0);
	}
	g_assert_cmpint(ready_calls, ==, 1);
	g_assert_cmpint(qemu_chr_fe_write(&fe.be, (const uint8_t *)"", 0), ==, 0);
	for (size_t i = 0; i < sizeof(chunk); i++)
		chunk[i] = flood_byte(sent + i);
	g_assert_cmpint(qemu_chr_fe_write(&fe.be, chunk, sizeof(chunk)), ==, sizeof(chunk));
	sent += sizeof(chunk);
	for (int quiet = 0; quiet < 20 && got < sent;) {
		uint8_t buf[8192];
		ssize_t r = read(p[0], buf, sizeof(buf));

		quiet = r > 0 ? 0 : quiet + 1;
		for (ssize_t i = 0; i < r; i++, got++)
			g_assert_cmpint(buf[i], ==, flood_byte(got));
		main_loop_wait(0);
	}
	g_assert_cmpint(got, ==, sent);
	/* write_all never refuses, whatever the queue holds */
	chr->out_max = 0;
	for (int i = 0; i < 2 * BOUND / (int)sizeof(chunk); i++)
		g_assert_cmpint(qemu_chr_fe_write_all(&fe.be, chunk, sizeof(chunk)), ==,
				sizeof(chunk));
	g_assert_cmpint(qemu_chr_fe_write(&fe.be, chunk, 10), ==, 0);
	fe_detach(&fe);
	qemu_chr_cleanup_all();
	close(p[0]);
}

/* ---- the socket backend ---- */

static int unix_connect(const char *path)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);

	g_assert_cmpint(fd, >=, 0);
	g_strlcpy(un.sun_path, path, sizeof(un.sun_path));
	g_assert_cmpint(connect(fd, (struct sockaddr *)&un, sizeof(un)), ==, 0);
	return fd;
}

static bool fe_opened(void *opaque)
{
	return fe_saw(opaque, CHR_EVENT_OPENED);
}

static bool fe_closed(void *opaque)
{
	return fe_saw(opaque, CHR_EVENT_CLOSED);
}

/* Output waits for the first client; the next client after a hang-up gets what followed. */
static void test_socket_relisten(void)
{
	char *dir = tmp_dir(), *path = g_strdup_printf("%s/s", dir);
	char *params = g_strdup_printf("socket,id=s,path=%s,server=on,wait=off", path);
	Chardev *chr = chr_create(params, &error_abort);
	GString *got;
	TestFe fe;
	int c;

	fe_attach(&fe, chr, 64);
	fe_puts(&fe, "one");
	g_assert_false(fe_saw(&fe, CHR_EVENT_OPENED));
	c = unix_connect(path);
	g_assert_true(pump_until(fe_opened, &fe));
	got = read_all(c, 200);
	g_assert_cmpstr(got->str, ==, "one");
	g_string_free(got, TRUE);
	g_assert_cmpint(write(c, "in", 2), ==, 2);
	expect_input(&fe, "in");
	close(c);
	g_assert_true(pump_until(fe_closed, &fe));
	fe_puts(&fe, "two");
	fe.n_events = 0;
	c = unix_connect(path);
	g_assert_true(pump_until(fe_opened, &fe));
	got = read_all(c, 200);
	g_assert_cmpstr(got->str, ==, "two");
	g_string_free(got, TRUE);
	close(c);
	fe_detach(&fe);
	qemu_chr_cleanup_all();
	g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
	g_free(params);
	g_free(path);
	rm_dir(dir);
}

/* telnet=on: the server offers its options first; commands are taken out of the input. */
static void test_socket_telnet(void)
{
	static const uint8_t offer[] = { 255, 251, 1, 255, 251, 3, 255, 251, 0, 255, 253, 0 };
	static const char in[] = "a\xff\xfb\x01"
				 "b\xff\xff"
				 "c\xff\xfa\x18\x01\xff\xf0"
				 "d\xff\xf3";
	char *dir = tmp_dir(), *path = g_strdup_printf("%s/t", dir);
	char *params = g_strdup_printf("socket,id=t,path=%s,server=on,wait=off,telnet=on", path);
	Chardev *chr = chr_create(params, &error_abort);
	GString *got;
	TestFe fe;
	int c;

	fe_attach(&fe, chr, 64);
	c = unix_connect(path);
	g_assert_true(pump_until(fe_opened, &fe));
	got = read_all(c, 200);
	g_assert_cmpmem(got->str, got->len, offer, sizeof(offer));
	g_string_free(got, TRUE);
	/* sent in two pieces, split inside a command */
	g_assert_cmpint(write(c, in, 5), ==, 5);
	pump(5);
	g_assert_cmpint(write(c, in + 5, sizeof(in) - 1 - 5), ==, sizeof(in) - 1 - 5);
	expect_input(&fe, "ab\xff"
			  "cd");
	g_assert_true(fe_saw(&fe, CHR_EVENT_BREAK));
	close(c);
	fe_detach(&fe);
	qemu_chr_cleanup_all();
	g_free(params);
	g_free(path);
	rm_dir(dir);
}

static void test_nonblock_socket(void)
{
	int sv[2];

	g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
	fcntl(sv[1], F_SETFL, O_NONBLOCK);
	flood(sv[0], sv[1]);
	close(sv[1]);
}

static void test_nonblock_pipe(void)
{
	int p[2];

	g_assert_cmpint(pipe2(p, O_NONBLOCK), ==, 0);
	flood(p[1], p[0]);
	close(p[0]);
}

/* Output still queued when the process calls exit() reaches a reader that keeps reading. */
static void test_flush_at_exit(void)
{
	const size_t total = 256 * 1024; /* well past what a pipe holds */
	int p[2], status;
	size_t got = 0;
	pid_t pid;

	g_assert_cmpint(pipe(p), ==, 0);
	fflush(stdout);
	pid = fork();
	g_assert_cmpint(pid, >=, 0);
	if (pid == 0) {
		uint8_t *buf = g_malloc0(total);
		CharBackend be;

		close(p[0]);
		qemu_chr_fe_init(&be, qemu_chr_new_fd("out", -1, p[1], &error_abort), &error_abort);
		qemu_chr_fe_write(&be, buf, total);
		g_free(buf);
		exit(0);
	}
	close(p[1]);
	for (;;) {
		char buf[65536];
		ssize_t n = read(p[0], buf, sizeof(buf));
		if (n <= 0)
			break;
		got += n;
	}
	close(p[0]);
	g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
	g_assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	g_assert_cmpint(got, ==, total);
}

/* A reader that went away makes output vanish, not the process (no SIGPIPE, no error). */
static void test_reader_gone(void)
{
	int p[2];
	TestFe fe;

	g_assert_cmpint(pipe(p), ==, 0);
	close(p[0]);
	fe_attach(&fe, qemu_chr_new_fd("gone", -1, p[1], &error_abort), 0);
	fe_puts(&fe, "nobody hears this");
	fe_puts(&fe, "nor this");
	fe_detach(&fe);
	qemu_chr_cleanup_all();
}

static void test_input_flow_control(void)
{
	int sv[2];
	GString *got;
	TestFe fe;

	g_assert_cmpint(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), ==, 0);
	/* One fd for both directions, as a socket chardev would have. */
	fe_attach(&fe, qemu_chr_new_fd("sock", sv[0], sv[0], &error_abort), 0);
	g_assert_true(fe_saw(&fe, CHR_EVENT_OPENED));
	g_assert_cmpint(write(sv[1], "abcdef", 6), ==, 6);
	pump(5);
	g_assert_cmpstr(fe.in->str, ==, "");

	/* can_read bounds each delivery (fe_read checks it). */
	fe.room = 4;
	qemu_chr_fe_accept_input(&fe.be);
	expect_input(&fe, "abcdef");

	fe_puts(&fe, "reply");
	got = read_all(sv[1], 200);
	g_assert_cmpstr(got->str, ==, "reply");
	g_string_free(got, TRUE);

	close(sv[1]);
	g_assert_true(pump_until(saw_closed, &fe));
	fe_detach(&fe);
	qemu_chr_cleanup_all();
}

/* ---- stdio ---- */

static void test_stdio_twice(void)
{
	Error *err = NULL;

	g_assert_nonnull(chr_create("stdio,id=s1", &error_abort));
	g_assert_null(chr_create("stdio,id=s2", &err));
	g_assert_cmpstr(error_get_pretty(err), ==,
			"cannot use stdio by multiple character devices");
	error_free(err);
	qemu_chr_cleanup_all();
	/* Closing frees the slot. */
	g_assert_nonnull(chr_create("stdio,id=s2", &error_abort));
	qemu_chr_cleanup_all();
}

/* The stdout description is shared with stderr and the shell: it must stay blocking. */
static void test_stdio_stdout_flags(void)
{
	int before = fcntl(STDOUT_FILENO, F_GETFL);

	g_assert_nonnull(chr_create("stdio,id=s", &error_abort));
	g_assert_cmpint(fcntl(STDOUT_FILENO, F_GETFL) & O_NONBLOCK, ==, before & O_NONBLOCK);
	qemu_chr_cleanup_all();
	g_assert_cmpint(fcntl(STDOUT_FILENO, F_GETFL), ==, before);
}

typedef struct Pty {
	int master, slave;
	int saved_stdin;
	struct termios orig;
} Pty;

/* Makes a pseudo-terminal our stdin, as an interactive run would have. */
static void pty_as_stdin(Pty *p)
{
	p->master = posix_openpt(O_RDWR | O_NOCTTY);
	g_assert_cmpint(p->master, >=, 0);
	g_assert_cmpint(grantpt(p->master), ==, 0);
	g_assert_cmpint(unlockpt(p->master), ==, 0);
	p->slave = open(ptsname(p->master), O_RDWR | O_NOCTTY);
	g_assert_cmpint(p->slave, >=, 0);
	g_assert_cmpint(tcgetattr(p->slave, &p->orig), ==, 0);
	g_assert_true(p->orig.c_lflag & ICANON);
	g_assert_true(p->orig.c_lflag & ECHO);
	p->saved_stdin = dup(STDIN_FILENO);
	dup2(p->slave, STDIN_FILENO);
}

static void pty_restore_stdin(Pty *p)
{
	dup2(p->saved_stdin, STDIN_FILENO);
	close(p->saved_stdin);
	close(p->slave);
	close(p->master);
}

static tcflag_t pty_lflag(Pty *p)
{
	struct termios t;

	g_assert_cmpint(tcgetattr(p->slave, &t), ==, 0);
	return t.c_lflag;
}

static void test_stdio_raw_mode(void)
{
	Pty p;

	pty_as_stdin(&p);
	g_assert_nonnull(chr_create("stdio,id=s", &error_abort));
	g_assert_false(pty_lflag(&p) & (ICANON | ECHO));
	g_assert_true(pty_lflag(&p) & ISIG);
	/* After Ctrl-Z and fg the shell has cooked the terminal again: SIGCONT re-raws it. */
	tcsetattr(p.slave, TCSANOW, &p.orig);
	raise(SIGCONT);
	g_assert_false(pty_lflag(&p) & ICANON);
	qemu_chr_cleanup_all();
	g_assert_cmpint(pty_lflag(&p), ==, p.orig.c_lflag);

	/* mon:stdio hands Ctrl-C to the guest. */
	g_assert_nonnull(qemu_chr_new("serial0", "mon:stdio", &error_abort));
	g_assert_false(pty_lflag(&p) & (ICANON | ISIG));
	qemu_chr_cleanup_all();
	g_assert_cmpint(pty_lflag(&p), ==, p.orig.c_lflag);
	pty_restore_stdin(&p);
}

/* How a child that put the pty in raw mode ends. */
enum { END_EXIT, END_SIGNAL, END_CTRL_C, END_TWO_SIGNALS, END_ABORT, END_OWN_HANDLER };

static volatile sig_atomic_t own_handler_ran;

static void own_handler(int sig)
{
	own_handler_ran = sig;
}

static void child_run(int how)
{
	Chardev *chr;

	if (how == END_CTRL_C) {
		/* Make the pty our controlling terminal, so that Ctrl-C on it means SIGINT. */
		setsid();
		ioctl(STDIN_FILENO, TIOCSCTTY, 0);
	}
	if (how == END_OWN_HANDLER)
		signal(SIGTERM, own_handler);
	chr = chr_create("stdio,id=s", &error_abort);
	g_assert_nonnull(chr);
	switch (how) {
	case END_EXIT:
		exit(3); /* an error exit that never closes the chardev */
	case END_SIGNAL:
	case END_CTRL_C:
		if (how == END_SIGNAL)
			raise(SIGTERM);
		else
			g_assert_cmpint(write(STDERR_FILENO, "R", 1), ==, 1);
		while (qemu_shutdown_requested() != SHUTDOWN_CAUSE_HOST_SIGNAL)
			main_loop_wait(-1);
		exit(0);
	case END_TWO_SIGNALS:
		raise(SIGTERM);
		raise(SIGTERM);
		break;
	case END_ABORT:
		abort();
	case END_OWN_HANDLER:
		/* The program's own handler stays in charge. */
		raise(SIGTERM);
		exit(own_handler_ran == SIGTERM ? 4 : 5);
	}
	_exit(99);
}

static int run_child(int how, Pty *p, GString **err_text, pid_t *child)
{
	int errp[2], status;
	pid_t pid;

	g_assert_cmpint(pipe(errp), ==, 0);
	fflush(stdout);
	pid = fork();
	g_assert_cmpint(pid, >=, 0);
	if (pid == 0) {
		dup2(errp[1], STDERR_FILENO);
		child_run(how);
	}
	close(errp[1]);
	if (how == END_CTRL_C) {
		char c;

		/* Once the child is in raw mode, type Ctrl-C at it. */
		g_assert_cmpint(read(errp[0], &c, 1), ==, 1);
		g_assert_cmpint(write(p->master, "\003", 1), ==, 1);
	}
	*err_text = read_all(errp[0], 5000);
	close(errp[0]);
	g_assert_cmpint(waitpid(pid, &status, 0), ==, pid);
	g_assert_cmpint(pty_lflag(p), ==, p->orig.c_lflag);
	*child = pid;
	return status;
}

/* The first word of our command line, which QEMU names a signal's sender by. */
static char *own_name(void)
{
	char *cmdline = NULL;

	g_assert_true(g_file_get_contents("/proc/self/cmdline", &cmdline, NULL, NULL));
	return cmdline;
}

static void test_stdio_restore_on_exit(void)
{
	char *name = own_name(), *want;
	GString *err;
	pid_t pid;
	int status;
	Pty p;

	pty_as_stdin(&p);
	status = run_child(END_EXIT, &p, &err, &pid);
	g_assert_true(WIFEXITED(status));
	g_assert_cmpint(WEXITSTATUS(status), ==, 3);
	g_string_free(err, TRUE);

	/* A signal some process sent is reported with the sender... */
	status = run_child(END_SIGNAL, &p, &err, &pid);
	g_assert_true(WIFEXITED(status));
	g_assert_cmpint(WEXITSTATUS(status), ==, 0);
	want = g_strdup_printf("qemu-system-riscv64: terminating on signal 15 from pid %d (%s)\n",
			       (int)pid, name);
	g_assert_cmpstr(err->str, ==, want);
	g_free(want);
	g_string_free(err, TRUE);

	/* ...Ctrl-C at the terminal without one. */
	status = run_child(END_CTRL_C, &p, &err, &pid);
	g_assert_true(WIFEXITED(status));
	g_assert_cmpint(WEXITSTATUS(status), ==, 0);
	g_assert_cmpstr(err->str, ==, "qemu-system-riscv64: terminating on signal 2\n");
	g_string_free(err, TRUE);

	status = run_child(END_TWO_SIGNALS, &p, &err, &pid);
	g_assert_true(WIFSIGNALED(status));
	g_assert_cmpint(WTERMSIG(status), ==, SIGTERM);
	g_string_free(err, TRUE);

	status = run_child(END_ABORT, &p, &err, &pid);
	g_assert_true(WIFSIGNALED(status));
	g_assert_cmpint(WTERMSIG(status), ==, SIGABRT);
	g_string_free(err, TRUE);

	status = run_child(END_OWN_HANDLER, &p, &err, &pid);
	g_assert_true(WIFEXITED(status));
	g_assert_cmpint(WEXITSTATUS(status), ==, 4);
	g_assert_cmpstr(err->str, ==, "");
	g_string_free(err, TRUE);
	pty_restore_stdin(&p);
	g_free(name);
}

int main(int argc, char **argv)
{
	/* CI may run us without stdin; keep fd 0 from being handed to a test's socket. */
	if (fcntl(STDIN_FILENO, F_GETFD) < 0)
		open("/dev/null", O_RDONLY);
	g_test_init(&argc, &argv, NULL);
	g_test_add_func("/main-loop/timers-order", test_timers_order);
	g_test_add_func("/main-loop/timers-deadline", test_timers_deadline);
	g_test_add_func("/main-loop/timers-callbacks", test_timers_callbacks);
	g_test_add_func("/main-loop/clocks", test_clocks);
	g_test_add_func("/main-loop/fd-handlers", test_fd_handlers);
	g_test_add_func("/main-loop/fd-handler-wakes-wait", test_fd_handler_wakes_wait);
	g_test_add_func("/main-loop/notify", test_notify);
	g_test_add_func("/chardev/help", test_help);
	g_test_add_func("/chardev/help-option", test_help_option);
	g_test_add_func("/chardev/errors", test_errors);
	g_test_add_func("/chardev/foreign-options", test_foreign_options);
	g_test_add_func("/chardev/bad-id-hint", test_bad_id_hint);
	g_test_add_func("/chardev/duplicate", test_duplicate);
	g_test_add_func("/chardev/bad-option-no-side-effect", test_bad_option_no_side_effect);
	g_test_add_func("/chardev/null", test_null);
	g_test_add_func("/chardev/in-use", test_in_use);
	g_test_add_func("/chardev/no-backend", test_no_backend);
	g_test_add_func("/chardev/frontend-outlives-chardev", test_frontend_outlives_chardev);
	g_test_add_func("/chardev/file", test_file);
	g_test_add_func("/chardev/file-input", test_file_input);
	g_test_add_func("/chardev/logfile", test_logfile);
	g_test_add_func("/chardev/pipe-pair", test_pipe_pair);
	g_test_add_func("/chardev/pipe-single", test_pipe_single);
	g_test_add_func("/chardev/legacy", test_legacy);
	g_test_add_func("/chardev/mux-on", test_mux_on);
	g_test_add_func("/chardev/nonblock-socket", test_nonblock_socket);
	g_test_add_func("/chardev/nonblock-pipe", test_nonblock_pipe);
	g_test_add_func("/chardev/output-bound", test_output_bound);
	g_test_add_func("/chardev/socket-relisten", test_socket_relisten);
	g_test_add_func("/chardev/socket-telnet", test_socket_telnet);
	g_test_add_func("/chardev/flush-at-exit", test_flush_at_exit);
	g_test_add_func("/chardev/reader-gone", test_reader_gone);
	g_test_add_func("/chardev/input-flow-control", test_input_flow_control);
	g_test_add_func("/chardev/stdio-twice", test_stdio_twice);
	g_test_add_func("/chardev/stdio-stdout-flags", test_stdio_stdout_flags);
	g_test_add_func("/chardev/stdio-raw-mode", test_stdio_raw_mode);
	g_test_add_func("/chardev/stdio-restore-on-exit", test_stdio_restore_on_exit);
	return g_test_run();
}
