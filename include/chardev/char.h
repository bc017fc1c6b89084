// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The backend side of character devices. A chardev is an object of a type deriving from
 * "chardev"; each backend (null, file, pipe, stdio, mux, ...) is one file that registers its
 * type "chardev-NAME" with its options as class properties and its behaviour as the
 * ChardevClass methods below: -chardev help and the accepted option names come from those
 * types, and no list of backends is kept anywhere. Chardevs are created from -chardev options
 * or the legacy -serial/-monitor syntax, live under /chardevs/ID, and are looked up by
 * frontends. The fd-based backends derive from "chardev-fd", which holds the non-blocking I/O
 * declared at the end.
 */
#ifndef CHARDEV_CHAR_H
#define CHARDEV_CHAR_H

#include "qemu/option.h"
#include "qom/object.h"
#include "chardev/char-fe.h"

#define TYPE_CHARDEV	    "chardev"
#define TYPE_CHARDEV_FD	    "chardev-fd"
#define CHARDEV_TYPE_PREFIX "chardev-" /* a backend NAME is the type chardev-NAME */

typedef struct ChardevClass ChardevClass;

struct Chardev {
	Object parent_obj;
	const ChardevClass *cls; /* the object's class, kept for the I/O paths */
	char *label;		 /* the id */
	CharBackend *be;	 /* the attached frontend (a mux keeps its own list) */
	bool be_open;		 /* the host side is connected; frontends get CHR_EVENT_OPENED */
	int logfd;		 /* logfile=, or -1 */
	char *logfile;		 /* property logfile */
	bool logappend;		 /* property logappend */
	uint64_t out_max;	 /* property x-out-buffer: output held for a slow reader */
};

struct ChardevClass {
	ObjectClass parent_class;
	/* Made by the program itself, never from -chardev (and not listed by -chardev help). */
	bool internal;
	/* A deprecated alias (tty): -chardev takes it, help and QMP list only the real name. */
	bool alias;
	/* Opens the backend from its properties. */
	bool (*open)(Chardev *chr, Error **errp);
	/*
	 * Takes output; must not block. Returns how much was taken: less than len only when
	 * out_max bytes already wait for a slow reader (flow control), never less with all.
	 * A backend that refused output later calls qemu_chr_be_write_ready().
	 */
	int (*write)(Chardev *chr, const uint8_t *buf, int len, bool all);
	/* The frontend may take input now. */
	void (*accept_input)(Chardev *chr);
	/* Releases the backend's resources; the core frees the Chardev. */
	void (*close)(Chardev *chr);
	/* What query-chardev shows as "filename"; NULL: the backend's name ("null", "file"). */
	char *(*filename)(Chardev *chr);
	/* Whether a frontend is attached (a mux counts its own); NULL: chr->be is set. */
	bool (*has_frontend)(Chardev *chr);
	/* Frontend bookkeeping, for backends with several frontends (the mux). */
	bool (*fe_attach)(Chardev *chr, CharBackend *be, Error **errp);
	void (*fe_detach)(Chardev *chr, CharBackend *be);
	void (*fe_handlers_set)(Chardev *chr, CharBackend *be);
};

#define CHARDEV(obj)	     OBJECT_CHECK(Chardev, (obj), TYPE_CHARDEV)
#define CHARDEV_CLASS(klass) OBJECT_CLASS_CHECK(ChardevClass, (klass), TYPE_CHARDEV)

/*
 * -chardev BACKEND,id=ID,... (opts parsed with implied key "backend"). "help" prints the
 * backend list to stdout and returns NULL without setting an error: the caller exits 0.
 * mux=on creates the backend as "ID-base" and a mux named ID on top of it.
 */
Chardev *qemu_chr_new_from_opts(QemuOpts *opts, Error **errp);
/*
 * Legacy -serial/-monitor syntax: "stdio", "null", "pty", "file:PATH", "pipe:PATH",
 * "tcp:", "telnet:", "unix:", "udp:[HOST]:PORT[@[ADDR]:PORT]", "/dev/..." (a serial line),
 * "chardev:ID", "mon:SPEC" (a mux; "mon:stdio" passes Ctrl-C to the guest). label becomes
 * the id.
 * "none" returns NULL without error. The caller attaches a monitor when SPEC has "mon:".
 */
Chardev *qemu_chr_new(const char *label, const char *spec, Error **errp);
/* The same, saying whether a failure was in the spec itself (rather than in opening it). */
Chardev *qemu_chr_new_spec(const char *label, const char *spec, bool *bad_spec, Error **errp);
Chardev *qemu_chr_find(const char *id);
/* What query-chardev and "info chardev" show: "null", "pty:/dev/pts/3", ... */
char *qemu_chr_filename(Chardev *chr);
/* "-chardev help": the backends' names. */
void qemu_chr_print_help(FILE *out);
/* "-chardev NAME,help": every option any backend takes, in QEMU's QemuOpts help format. */
void qemu_chr_print_options(FILE *out);
/* Closes one chardev; attached frontends are left disconnected. */
void qemu_chr_delete(Chardev *chr);
/* Closes all chardevs, newest first; flushes output and restores the terminal. */
void qemu_chr_cleanup_all(void);

/* Frontend to backend: hands the bytes to the backend and logs what it took to logfile=. */
int qemu_chr_write(Chardev *s, const uint8_t *buf, int len, bool all);
void qemu_chr_accept_input(Chardev *s);

/* Backend to frontend. */
int qemu_chr_be_can_write(Chardev *s);
void qemu_chr_be_write(Chardev *s, const uint8_t *buf, int len);
void qemu_chr_be_event(Chardev *s, QEMUChrEvent event);
/* Output refused earlier can be written again. */
void qemu_chr_be_write_ready(Chardev *s);

/* A mux (mux=on) over base, named id; in char-mux.c. */
Chardev *qemu_chr_mux_new(const char *id, Chardev *base, Error **errp);
/* For backends making chardevs of their own: a new chardev of type chardev-NAME, named id
 * (unchecked), its class's open() not run; and the step that puts it under /chardevs. */
Chardev *qemu_chr_alloc(const char *type, const char *id);
void qemu_chr_register(Chardev *chr);

/*
 * Shared I/O for backends over file descriptors. Input is read only as fast as the frontend
 * accepts it; output fds are non-blocking, and output the host does not take at once waits
 * in a queue flushed from the main loop. Nothing is dropped while a reader exists: at
 * out_max queued bytes (CHR_OUT_QUEUE_DEFAULT unless x-out-buffer= says) the write is
 * refused, and the frontend hears qemu_chr_be_write_ready() once half of it has drained.
 * A backend with hold_output keeps queueing while it has no fd (a socket nobody has
 * connected to yet), so the first reader gets everything.
 */
#define CHR_OUT_QUEUE_DEFAULT (64 << 20)

typedef struct FdChardev FdChardev;
struct FdChardev {
	Chardev parent;
	int fd_in, fd_out;    /* -1 when absent; may be the same fd */
	bool own_in, own_out; /* closed by us */
	bool reading;	      /* read handler installed */
	bool in_eof;
	bool out_dead;	  /* a hard write error: output is discarded from now on */
	bool hold_output; /* queue output while fd_out is -1 */
	bool refused;	  /* a write was refused: call write_ready once there is room */
	bool discarding;  /* the frontend dropped its output: drop more until a peer connects */
	GByteArray *outq; /* pending output, from outq_head on */
	guint outq_head;
	/* Optional: the peer went away (end of input, write error); the backend closes fd_in
	 * and fd_out and sets them to -1. The queue is kept for the next peer. */
	void (*hangup)(FdChardev *s);
	/* Optional: rewrites input in place (telnet's commands); returns the new length. */
	int (*filter_input)(FdChardev *s, uint8_t *buf, int len);
};

void qemu_chr_fd_init(FdChardev *s, int fd_in, bool own_in, int fd_out, bool own_out);
int qemu_chr_fd_write(Chardev *chr, const uint8_t *buf, int len, bool all);
/* Output queued and not yet taken by the host. */
guint qemu_chr_fd_pending(FdChardev *s);
/* Writes what the fd takes of the queue now (after a backend installed a new fd_out). */
void qemu_chr_fd_kick(FdChardev *s);
void qemu_chr_fd_accept_input(Chardev *chr);
/* Flushes what it can within a short time (CHR_CLOSE_FLUSH_MS), keeping the fds. */
void qemu_chr_fd_drain(Chardev *chr);
/* Flushes what it can within a short time, then closes the owned fds. */
void qemu_chr_fd_close(Chardev *chr);
/* Opens path with flags, reporting QEMU's "Could not open 'PATH': ..." on failure. */
int qemu_chr_open_path(const char *path, int flags, Error **errp);

/*
 * A chardev over fds the caller already has (tests, internal users); it takes ownership of
 * them. Not reachable from the command line.
 */
Chardev *qemu_chr_new_fd(const char *id, int fd_in, int fd_out, Error **errp);

#endif
