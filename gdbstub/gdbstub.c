// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The GDB remote serial protocol server. Bytes from the chardev become packets ($...#cs,
 * acknowledged unless gdb asked for no-ack mode; a bare Ctrl-C stops the machine); each
 * packet's command runs from a table. The machine stops when gdb connects, at a breakpoint,
 * after a step and at Ctrl-C (all harts: all-stop), and each stop is reported with the hart
 * as thread (cpu index + 1). Registers and the target description come from the CPU class;
 * memory is read and written through the hart's current address translation. Every number
 * and length gdb sends is checked: a malformed packet gets an error reply, never a crash.
 */
#include "qemu/osdep.h"
#include "qemu/main-loop.h"
#include "accel/tcg/debug.h"
#include "accel/tcg/tb.h"
#include "chardev/char.h"
#include "exec/address-spaces.h"
#include "exec/gdbstub.h"
#include "hw/core/cpu.h"
#include "monitor/hmp.h"
#include "sysemu/runstate.h"

#define GDB_MAX_PACKET 16384 /* what qSupported offers: PacketSize=4000 */
#define GDB_SIGINT     2
#define GDB_SIGQUIT    3
#define GDB_SIGTRAP    5

enum { RS_IDLE, RS_DATA, RS_CSUM1, RS_CSUM2 };

typedef struct GDBState {
	CharBackend be;
	bool connected;
	bool no_ack;
	int rstate;
	GString *packet;
	uint8_t csum; /* of the packet so far */
	uint8_t got_csum;
	CPUState *g_cpu;    /* Hg: registers and memory */
	CPUState *c_cpu;    /* Hc, and the one that stopped */
	bool running;	    /* resumed by gdb: a stop must be reported */
	bool state_handler; /* gdb_vm_state_change is registered */
	bool own_chr;	    /* the chardev was made for us (not chardev:ID) */
	/* For the fuzz test: replies go here instead of the chardev. */
	void (*test_out)(void *opaque, const char *reply);
	void *test_opaque;
} GDBState;

static GDBState gdb;

/* ---- output ---- */

static void put_raw(const char *buf, size_t len)
{
	if (gdb.be.chr)
		qemu_chr_fe_write_all(&gdb.be, (const uint8_t *)buf, len);
}

/* Sends one packet; binary payloads have $ # } * escaped. */
static void put_packet_len(const char *data, size_t len)
{
	GString *p = g_string_new("$");
	uint8_t csum = 0;

	if (gdb.test_out) {
		char *copy = g_strndup(data, len);
		gdb.test_out(gdb.test_opaque, copy);
		g_free(copy);
		g_string_free(p, TRUE);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		char c = data[i];

		if (c == '$' || c == '#' || c == '}' || c == '*') {
			g_string_append_c(p, '}');
			csum += '}';
			c ^= 0x20;
		}
		g_string_append_c(p, c);
		csum += (uint8_t)c;
	}
	g_string_append_printf(p, "#%02x", csum);
	put_raw(p->str, p->len);
	g_string_free(p, TRUE);
}

static void put_packet(const char *s)
{
	put_packet_len(s, strlen(s));
}

static void put_hex(GString *out, const uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		g_string_append_printf(out, "%02x", buf[i]);
}

/* ---- parsing helpers: every number is checked ---- */

static bool parse_hex(const char **p, uint64_t *v)
{
	const char *s = *p;
	uint64_t r = 0;
	int n = 0;

	while (g_ascii_isxdigit(*s) && n < 17) {
		r = r << 4 | g_ascii_xdigit_value(*s++);
		n++;
	}
	if (!n || n > 16)
		return false;
	*p = s;
	*v = r;
	return true;
}

static bool expect(const char **p, char c)
{
	if (**p != c)
		return false;
	(*p)++;
	return true;
}

/* "ADDR,LEN" */
static bool parse_addr_len(const char **p, uint64_t *addr, uint64_t *len)
{
	return parse_hex(p, addr) && expect(p, ',') && parse_hex(p, len);
}

/* Thread ids: 1-based cpu index in hex; 0 any; -1 all (p1.N multiprocess form accepted). */
static bool parse_thread(const char *s, CPUState **cpu)
{
	uint64_t id;

	if (s[0] == 'p') {
		s = strchr(s, '.');
		if (!s)
			return false;
		s++;
	}
	if (!strcmp(s, "-1") || !strcmp(s, "0")) {
		*cpu = NULL;
		return true;
	}
	if (!parse_hex(&s, &id) || *s || id < 1 || id > (uint64_t)nb_cpus)
		return false;
	*cpu = cpus[id - 1];
	return true;
}

static CPUState *first_cpu_or(CPUState *cpu)
{
	return cpu ? cpu : nb_cpus ? cpus[0] : NULL;
}

/* ---- stops and resumes ---- */

static void send_stop(CPUState *cpu, int sig)
{
	static const char *const kinds[] = { [BP_MEM_WRITE] = "watch",
					     [BP_MEM_READ] = "rwatch",
					     [BP_MEM_READ | BP_MEM_WRITE] = "awatch" };
	char buf[96];

	if (cpu && cpu->watch_hit)
		snprintf(buf, sizeof(buf), "T%02x%s:%" PRIx64 ";thread:%02x;", sig,
			 kinds[cpu->watch_flags], cpu->watch_addr, cpu->cpu_index + 1);
	else
		snprintf(buf, sizeof(buf), "T%02xthread:%02x;", sig, cpu ? cpu->cpu_index + 1 : 1);
	put_packet(buf);
}

static void stop_all_steps(void)
{
	for (int i = 0; i < nb_cpus; i++) {
		cpu_single_step(cpus[i], false);
		cpus[i]->debug_stopped = false;
	}
}

static void clear_watch_hits(void)
{
	for (int i = 0; i < nb_cpus; i++)
		cpus[i]->watch_hit = false;
}

/* From the CPU loop: a breakpoint or the end of a step. */
static void gdb_cpu_stopped(CPUState *cpu)
{
	vm_stop(RUN_STATE_DEBUG);
	stop_all_steps();
	gdb.c_cpu = gdb.g_cpu = cpu;
	if (gdb.running && gdb.connected) {
		gdb.running = false;
		send_stop(cpu, GDB_SIGTRAP);
	}
	clear_watch_hits();
}

static void resume(CPUState *step)
{
	stop_all_steps();
	clear_watch_hits();
	for (int i = 0; i < nb_cpus; i++) {
		/* each may sit on a breakpoint or a watched access it stopped at */
		cpus[i]->skip_bp_once = true;
		cpus[i]->skip_watch_once = true;
	}
	if (step)
		cpu_single_step(step, true);
	gdb.running = true;
	vm_start();
}

static void interrupt(void)
{
	bool was_running = gdb.running;

	gdb.running = false; /* answered here, not by the state handler */
	if (runstate_is_running())
		vm_stop(RUN_STATE_PAUSED);
	if (was_running || !gdb.test_out)
		send_stop(first_cpu_or(gdb.c_cpu), GDB_SIGINT);
}

/*
 * Someone else stopped the machine while gdb waits for it (the monitor's stop, a guest
 * poweroff under -no-shutdown): gdb is told, with QEMU's signals.
 */
static void gdb_vm_state_change(void *opaque, bool running, RunState state)
{
	if (running || state == RUN_STATE_DEBUG || !gdb.running || !gdb.connected)
		return;
	gdb.running = false;
	send_stop(first_cpu_or(gdb.c_cpu), state == RUN_STATE_SHUTDOWN ? GDB_SIGQUIT : GDB_SIGINT);
}

/* ---- commands ---- */

static void cmd_query_stop(const char *p)
{
	send_stop(first_cpu_or(gdb.c_cpu), GDB_SIGTRAP);
}

static void cmd_read_regs(const char *p)
{
	CPUState *cpu = first_cpu_or(gdb.g_cpu);
	GByteArray *regs = g_byte_array_new();
	GString *out = g_string_new(NULL);

	for (int r = 0; cpu && r < CPU_GET_CLASS(cpu)->gdb_num_core_regs; r++)
		CPU_GET_CLASS(cpu)->gdb_read_register(cpu, regs, r);
	put_hex(out, regs->data, regs->len);
	put_packet(out->str);
	g_string_free(out, TRUE);
	g_byte_array_free(regs, TRUE);
}

static bool unhex(const char *s, size_t hexlen, uint8_t *out)
{
	for (size_t i = 0; i < hexlen / 2; i++) {
		int hi = g_ascii_xdigit_value(s[2 * i]), lo = g_ascii_xdigit_value(s[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		out[i] = hi << 4 | lo;
	}
	return !(hexlen & 1);
}

static void cmd_write_regs(const char *p)
{
	CPUState *cpu = first_cpu_or(gdb.g_cpu);
	size_t len = strlen(p), need = 0;
	g_autofree uint8_t *buf = g_malloc(len / 2 + 1);
	GByteArray *probe = g_byte_array_new();

	for (int r = 0; cpu && r < CPU_GET_CLASS(cpu)->gdb_num_core_regs; r++)
		need += CPU_GET_CLASS(cpu)->gdb_read_register(cpu, probe, r);
	g_byte_array_free(probe, TRUE);
	if (!cpu || len != 2 * need || !unhex(p, len, buf)) {
		put_packet("E22");
		return;
	}
	for (int r = 0, off = 0; r < CPU_GET_CLASS(cpu)->gdb_num_core_regs; r++)
		off += CPU_GET_CLASS(cpu)->gdb_write_register(cpu, buf + off, r);
	put_packet("OK");
}

static void cmd_read_reg(const char *p)
{
	CPUState *cpu = first_cpu_or(gdb.g_cpu);
	GByteArray *val = g_byte_array_new();
	GString *out = g_string_new(NULL);
	uint64_t reg;

	if (!cpu || !parse_hex(&p, &reg) || *p || reg > INT_MAX ||
	    !CPU_GET_CLASS(cpu)->gdb_read_register(cpu, val, reg)) {
		put_packet("E14");
	} else {
		put_hex(out, val->data, val->len);
		put_packet(out->str);
	}
	g_string_free(out, TRUE);
	g_byte_array_free(val, TRUE);
}

static void cmd_write_reg(const char *p)
{
	CPUState *cpu = first_cpu_or(gdb.g_cpu);
	uint64_t reg;
	uint8_t buf[64];
	size_t len;

	if (!cpu || !parse_hex(&p, &reg) || !expect(&p, '=') || reg > INT_MAX) {
		put_packet("E22");
		return;
	}
	len = strlen(p);
	memset(buf, 0, sizeof(buf));
	if (len > 2 * sizeof(buf) || !unhex(p, len, buf) ||
	    !CPU_GET_CLASS(cpu)->gdb_write_register(cpu, buf, reg)) {
		put_packet("E14");
		return;
	}
	put_packet("OK");
}

static void cmd_read_mem(const char *p)
{
	CPUState *cpu = first_cpu_or(gdb.g_cpu);
	uint64_t addr, len;
	g_autofree uint8_t *buf = NULL;
	GString *out;

	if (!cpu || !parse_addr_len(&p, &addr, &len) || *p || len > GDB_MAX_PACKET / 2) {
		put_packet("E22");
		return;
	}
	buf = g_malloc(len ? len : 1);
	if (!cpu_memory_rw_debug(cpu, cpu_debug_mmu_idx(cpu), addr, buf, len, false)) {
		put_packet("E14");
		return;
	}
	out = g_string_new(NULL);
	put_hex(out, buf, len);
	put_packet(out->str);
	g_string_free(out, TRUE);
}

/* M (hex data) and X (binary, already unescaped) */
static void write_mem(const char *p, size_t plen, bool binary)
{
	CPUState *cpu = first_cpu_or(gdb.g_cpu);
	const char *start = p;
	uint64_t addr, len;
	g_autofree uint8_t *buf = NULL;
	size_t data_len;

	if (!cpu || !parse_addr_len(&p, &addr, &len) || !expect(&p, ':') || len > GDB_MAX_PACKET) {
		put_packet("E22");
		return;
	}
	data_len = plen - (p - start);
	buf = g_malloc(len ? len : 1);
	if (binary ? data_len != len : (data_len != 2 * len || !unhex(p, data_len, buf))) {
		put_packet("E22");
		return;
	}
	if (binary)
		memcpy(buf, p, len);
	if (!cpu_memory_rw_debug(cpu, cpu_debug_mmu_idx(cpu), addr, buf, len, true)) {
		put_packet("E14");
		return;
	}
	put_packet("OK");
}

/* Z0/Z1 breakpoints (software and hardware: both exact); Z2/Z3/Z4 write, read, access
 * watchpoints of KIND bytes. */
static void cmd_breakpoint(const char *p, bool insert)
{
	static const int watch_flags[] = {
		[2] = BP_MEM_WRITE, [3] = BP_MEM_READ, [4] = BP_MEM_READ | BP_MEM_WRITE
	};
	uint64_t type, addr, kind;
	bool ok;

	if (!parse_hex(&p, &type) || !expect(&p, ',') || !parse_addr_len(&p, &addr, &kind) || *p ||
	    kind > TARGET_PAGE_SIZE) {
		put_packet("E22");
		return;
	}
	if (type > 4) {
		put_packet("");
		return;
	}
	if (type <= 1)
		ok = insert ? cpu_breakpoint_insert(addr) : cpu_breakpoint_remove(addr);
	else
		ok = insert ? cpu_watchpoint_insert(addr, kind, watch_flags[type])
			    : cpu_watchpoint_remove(addr, kind, watch_flags[type]);
	put_packet(ok ? "OK" : "E22");
}

static void cmd_set_thread(const char *p)
{
	CPUState *cpu;

	if ((*p != 'g' && *p != 'c') || !parse_thread(p + 1, &cpu)) {
		put_packet("E22");
		return;
	}
	if (*p == 'g')
		gdb.g_cpu = cpu;
	else
		gdb.c_cpu = cpu;
	put_packet("OK");
}

static void cmd_thread_alive(const char *p)
{
	CPUState *cpu;

	put_packet(parse_thread(p, &cpu) && cpu ? "OK" : "E22");
}

/* c[ADDR] and s[ADDR]: resume (the optional address is the new pc). */
static void continue_at(const char *p, bool step)
{
	CPUState *cpu = first_cpu_or(gdb.c_cpu);
	uint64_t addr;

	if (*p) {
		if (!cpu || !parse_hex(&p, &addr) || *p) {
			put_packet("E22");
			return;
		}
		cpu->env->pc = addr;
	}
	resume(step ? cpu : NULL);
}

/* vCont;ACTION[:THREAD]...: a step for one hart, the others continue (all-stop). */
static void cmd_vcont(const char *p)
{
	CPUState *step = NULL, *cpu;
	bool any = false;
	g_auto(GStrv) actions = g_strsplit(p, ";", -1);

	for (int i = 0; actions[i]; i++) {
		const char *a = actions[i], *colon = strchr(a, ':');

		if (!*a)
			continue;
		if (!strchr("cCsS", a[0]) || (colon && !parse_thread(colon + 1, &cpu))) {
			put_packet("E22");
			return;
		}
		any = true;
		if ((a[0] == 's' || a[0] == 'S') && !step)
			step = colon && cpu ? cpu : first_cpu_or(gdb.c_cpu);
	}
	if (!any) {
		put_packet("E22");
		return;
	}
	resume(step);
}

static void cmd_v(const char *p)
{
	if (!strcmp(p, "Cont?"))
		put_packet("vCont;c;C;s;S");
	else if (g_str_has_prefix(p, "Cont;"))
		cmd_vcont(p + 5);
	else
		put_packet("");
}

static void xfer_features(const char *annex_off)
{
	CPUState *cpu = first_cpu_or(NULL);
	const char *colon = strchr(annex_off, ':'), *xml, *p;
	uint64_t off, len;
	size_t total;
	GString *out;

	if (!cpu || !CPU_GET_CLASS(cpu)->gdb_target_xml || !colon ||
	    strncmp(annex_off, "target.xml", colon - annex_off) ||
	    colon - annex_off != strlen("target.xml")) {
		put_packet("E00");
		return;
	}
	p = colon + 1;
	if (!parse_addr_len(&p, &off, &len) || *p) {
		put_packet("E22");
		return;
	}
	xml = CPU_GET_CLASS(cpu)->gdb_target_xml(cpu);
	total = strlen(xml);
	if (off >= total) {
		put_packet("l");
		return;
	}
	len = MIN(len, GDB_MAX_PACKET / 2);
	out = g_string_new(off + len < total ? "m" : "l");
	g_string_append_len(out, xml + off, MIN(len, total - off));
	put_packet_len(out->str, out->len);
	g_string_free(out, TRUE);
}

static void hmp_to_gdb(void *opaque, const char *text)
{
	GString *out = g_string_new("O");

	put_hex(out, (const uint8_t *)text, strlen(text));
	put_packet(out->str);
	g_string_free(out, TRUE);
}

static void cmd_query(const char *p)
{
	if (g_str_has_prefix(p, "Supported")) {
		put_packet("PacketSize=4000;qXfer:features:read+;vContSupported+;"
			   "QStartNoAckMode+");
	} else if (g_str_has_prefix(p, "Xfer:features:read:")) {
		xfer_features(p + strlen("Xfer:features:read:"));
	} else if (!strcmp(p, "Attached")) {
		put_packet("1");
	} else if (!strcmp(p, "C")) {
		char buf[32];
		snprintf(buf, sizeof(buf), "QC%02x", first_cpu_or(gdb.c_cpu)->cpu_index + 1);
		put_packet(buf);
	} else if (!strcmp(p, "fThreadInfo")) {
		GString *out = g_string_new("m");
		for (int i = 0; i < nb_cpus; i++)
			g_string_append_printf(out, "%s%02x", i ? "," : "", i + 1);
		put_packet(out->str);
		g_string_free(out, TRUE);
	} else if (!strcmp(p, "sThreadInfo")) {
		put_packet("l");
	} else if (g_str_has_prefix(p, "ThreadExtraInfo,")) {
		CPUState *cpu;
		GString *out = g_string_new(NULL);
		char *text;

		if (!parse_thread(p + strlen("ThreadExtraInfo,"), &cpu) || !cpu) {
			put_packet("E22");
			g_string_free(out, TRUE);
			return;
		}
		text = g_strdup_printf("CPU#%d [%s]", cpu->cpu_index,
				       cpu->halted ? "halted " : "running");
		put_hex(out, (const uint8_t *)text, strlen(text));
		put_packet(out->str);
		g_free(text);
		g_string_free(out, TRUE);
	} else if (g_str_has_prefix(p, "Rcmd,")) {
		const char *hex = p + strlen("Rcmd,");
		size_t len = strlen(hex);
		g_autofree char *line = g_malloc0(len / 2 + 1);

		if (!unhex(hex, len, (uint8_t *)line) || memchr(line, 0, len / 2)) {
			put_packet("E22");
			return;
		}
		hmp_run(line, hmp_to_gdb, NULL);
		put_packet("OK");
	} else if (g_str_has_prefix(p, "Symbol:")) {
		put_packet("OK");
	} else {
		put_packet("");
	}
}

static void cmd_detach(const char *p)
{
	cpu_breakpoint_remove_all();
	stop_all_steps();
	put_packet("OK");
	gdb.running = false;
	vm_start();
}

/* k: QEMU ends the process. */
static void cmd_kill(const char *p)
{
	qemu_system_shutdown_request(SHUTDOWN_CAUSE_HOST_UI);
}

static void handle_packet(const char *p, size_t len)
{
	switch (p[0]) {
	case '?':
		cmd_query_stop(p + 1);
		break;
	case 'g':
		cmd_read_regs(p + 1);
		break;
	case 'G':
		cmd_write_regs(p + 1);
		break;
	case 'p':
		cmd_read_reg(p + 1);
		break;
	case 'P':
		cmd_write_reg(p + 1);
		break;
	case 'm':
		cmd_read_mem(p + 1);
		break;
	case 'M':
		write_mem(p + 1, len - 1, false);
		break;
	case 'X':
		write_mem(p + 1, len - 1, true);
		break;
	case 'Z':
		cmd_breakpoint(p + 1, true);
		break;
	case 'z':
		cmd_breakpoint(p + 1, false);
		break;
	case 'H':
		cmd_set_thread(p + 1);
		break;
	case 'T':
		cmd_thread_alive(p + 1);
		break;
	case 'c':
		continue_at(p + 1, false);
		break;
	case 's':
		continue_at(p + 1, true);
		break;
	case 'v':
		cmd_v(p + 1);
		break;
	case 'q':
		cmd_query(p + 1);
		break;
	case 'Q':
		if (!strcmp(p, "QStartNoAckMode")) {
			put_packet("OK");
			gdb.no_ack = true;
		} else {
			put_packet("");
		}
		break;
	case 'D':
		cmd_detach(p + 1);
		break;
	case 'k':
		cmd_kill(p + 1);
		break;
	default:
		put_packet("");
		break;
	}
}

void gdb_handle_packet_for_test(const char *payload, size_t len,
				void (*out)(void *opaque, const char *reply), void *opaque)
{
	g_autofree char *copy = g_strndup(payload, len);

	gdb.test_out = out;
	gdb.test_opaque = opaque;
	cpu_set_debug_stop_handler(gdb_cpu_stopped);
	handle_packet(copy, len);
	gdb.test_out = NULL;
}

/* ---- input ---- */

/* A complete packet: '}' escapes undone, checksum checked. */
static void packet_done(void)
{
	GString *raw = gdb.packet, *p = g_string_sized_new(raw->len);

	for (size_t i = 0; i < raw->len; i++) {
		char c = raw->str[i];
		if (c == '}' && i + 1 < raw->len)
			c = raw->str[++i] ^ 0x20;
		g_string_append_c(p, c);
	}
	if (!gdb.no_ack)
		put_raw(gdb.got_csum == gdb.csum ? "+" : "-", 1);
	if (gdb.got_csum == gdb.csum || gdb.no_ack)
		handle_packet(p->str, p->len);
	g_string_free(p, TRUE);
}

static void gdb_byte(uint8_t c)
{
	switch (gdb.rstate) {
	case RS_IDLE:
		if (c == 0x03)
			interrupt();
		if (c == '$') {
			g_string_truncate(gdb.packet, 0);
			gdb.csum = 0;
			gdb.rstate = RS_DATA;
		}
		break; /* acks and noise */
	case RS_DATA:
		if (c == '#') {
			gdb.rstate = RS_CSUM1;
		} else if (gdb.packet->len >= GDB_MAX_PACKET) {
			gdb.rstate = RS_IDLE; /* too long: dropped, gdb resends after the nack */
			put_raw("-", 1);
		} else {
			g_string_append_c(gdb.packet, c);
			gdb.csum += c;
		}
		break;
	case RS_CSUM1:
		gdb.rstate = g_ascii_isxdigit(c) ? RS_CSUM2 : RS_IDLE;
		if (g_ascii_isxdigit(c))
			gdb.got_csum = g_ascii_xdigit_value(c) << 4;
		break;
	case RS_CSUM2:
		gdb.rstate = RS_IDLE;
		if (g_ascii_isxdigit(c)) {
			gdb.got_csum |= g_ascii_xdigit_value(c);
			packet_done();
		}
		break;
	}
}

static int gdb_can_read(void *opaque)
{
	return 4096;
}

static void gdb_read(void *opaque, const uint8_t *buf, int size)
{
	for (int i = 0; i < size; i++)
		gdb_byte(buf[i]);
}

/* gdb connecting stops the machine, as QEMU's stub does; gdb leaving lets it run. */
static void gdb_event(void *opaque, QEMUChrEvent event)
{
	if (event == CHR_EVENT_OPENED) {
		gdb.connected = true;
		gdb.no_ack = false;
		gdb.rstate = RS_IDLE;
		gdb.running = false;
		if (runstate_is_running())
			vm_stop(RUN_STATE_PAUSED);
	} else if (event == CHR_EVENT_CLOSED && gdb.connected) {
		gdb.connected = false;
		qemu_chr_fe_discard_output(&gdb.be);
		cpu_breakpoint_remove_all();
		stop_all_steps();
		if (runstate_get() == RUN_STATE_DEBUG)
			vm_start();
	}
}

bool gdbserver_start(const char *device, Error **errp)
{
	g_autofree char *spec = NULL;
	Chardev *chr;

	/* a new device (or none) replaces the one in use, as HMP gdbserver does in QEMU */
	if (gdb.be.chr) {
		Chardev *old = gdb.be.chr;

		qemu_chr_fe_deinit(&gdb.be);
		gdb_event(NULL, CHR_EVENT_CLOSED);
		if (gdb.own_chr)
			qemu_chr_delete(old);
	}
	if (!strcmp(device, "none"))
		return true;
	/* As QEMU: a tcp port is a server that does not wait; anything else is a chardev spec */
	if (g_str_has_prefix(device, "tcp:"))
		spec = g_strdup_printf("%s,wait=off,nodelay=on,server=on", device);
	else
		spec = g_strdup(device);
	chr = qemu_chr_new("gdb", spec, errp);
	if (!chr)
		return false;
	gdb.own_chr = !g_str_has_prefix(spec, "chardev:");
	if (!qemu_chr_fe_init(&gdb.be, chr, errp)) {
		if (gdb.own_chr)
			qemu_chr_delete(chr);
		return false;
	}
	if (!gdb.packet)
		gdb.packet = g_string_new(NULL);
	gdb.g_cpu = gdb.c_cpu = NULL;
	cpu_set_debug_stop_handler(gdb_cpu_stopped);
	qemu_chr_fe_set_handlers(&gdb.be, gdb_can_read, gdb_read, gdb_event, NULL);
	if (!gdb.state_handler) {
		qemu_add_vm_change_state_handler(gdb_vm_state_change, NULL);
		gdb.state_handler = true;
	}
	return true;
}
