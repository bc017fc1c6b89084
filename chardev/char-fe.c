// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The frontend API devices use: attaching a CharBackend to a chardev, registering input and
 * event callbacks, and writing output. A chardev has one frontend unless its class keeps a
 * list of its own (the mux), in which case attach and detach are delegated to it.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"

bool qemu_chr_fe_init(CharBackend *be, Chardev *s, Error **errp)
{
	memset(be, 0, sizeof(*be));
	if (!s)
		return true;
	if (s->cls->fe_attach) {
		if (!s->cls->fe_attach(s, be, errp))
			return false;
	} else if (s->be) {
		error_setg(errp, "Device '%s' is in use", s->label);
		return false;
	} else {
		s->be = be;
	}
	be->chr = s;
	return true;
}

void qemu_chr_fe_deinit(CharBackend *be)
{
	Chardev *s = be->chr;

	if (!s)
		return;
	if (s->cls->fe_detach)
		s->cls->fe_detach(s, be);
	else if (s->be == be)
		s->be = NULL;
	memset(be, 0, sizeof(*be));
}

void qemu_chr_fe_set_handlers(CharBackend *be, IOCanReadHandler *fd_can_read,
			      IOReadHandler *fd_read, IOEventHandler *fd_event, void *opaque)
{
	Chardev *s = be->chr;

	be->chr_can_read = fd_can_read;
	be->chr_read = fd_read;
	be->chr_event = fd_event;
	be->opaque = opaque;
	if (!s || (!fd_can_read && !fd_read && !fd_event))
		return;
	if (s->cls->fe_handlers_set)
		s->cls->fe_handlers_set(s, be);
	/* A frontend connecting to an open chardev would otherwise never hear it opened. */
	if (s->be_open && fd_event)
		fd_event(opaque, CHR_EVENT_OPENED);
	qemu_chr_accept_input(s);
}

int qemu_chr_fe_write(CharBackend *be, const uint8_t *buf, int len)
{
	return be->chr ? qemu_chr_write(be->chr, buf, len, false) : len;
}

int qemu_chr_fe_write_all(CharBackend *be, const uint8_t *buf, int len)
{
	if (be->chr)
		qemu_chr_write(be->chr, buf, len, true);
	return len;
}

void qemu_chr_fe_set_write_ready(CharBackend *be, IOWriteReadyHandler *fn)
{
	be->chr_write_ready = fn;
}

void qemu_chr_fe_accept_input(CharBackend *be)
{
	if (be->chr)
		qemu_chr_accept_input(be->chr);
}

bool qemu_chr_fe_backend_connected(CharBackend *be)
{
	return be->chr != NULL;
}

Chardev *qemu_chr_fe_get_driver(CharBackend *be)
{
	return be->chr;
}
