// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The serial backend (and its deprecated alias tty): a host serial device at path=, opened
 * non-blocking and without becoming our controlling terminal, put in raw mode at 115200 baud,
 * 8N1, as QEMU sets it up. Bytes pass through the fd core, so output to a line nobody reads
 * waits (up to the chardev's bound) instead of being lost. The guest UART's own line settings
 * are not passed on to the device.
 */
#include "qemu/osdep.h"
#include "chardev/char.h"
#include "qom/property.h"
#include <fcntl.h>
#include <termios.h>

typedef struct SerialChardev {
	FdChardev parent;
	char *path;
} SerialChardev;

typedef struct SerialChardevClass {
	ChardevClass parent;
	const char *alias_of; /* tty: the name it stands for, with QEMU's deprecation warning */
} SerialChardevClass;

#define SERIAL_CHARDEV(obj) OBJECT_CHECK(SerialChardev, (obj), CHARDEV_TYPE_PREFIX "serial")

static void serial_raw(int fd)
{
	struct termios tty;

	if (tcgetattr(fd, &tty) < 0)
		return; /* not a terminal (a file, /dev/null): QEMU uses it as it is */
	cfmakeraw(&tty);
	cfsetispeed(&tty, B115200);
	cfsetospeed(&tty, B115200);
	tty.c_cflag |= CLOCAL | CREAD;
	tty.c_cflag &= ~(CSTOPB | PARENB | CRTSCTS);
	tty.c_cc[VMIN] = 1;
	tty.c_cc[VTIME] = 0;
	tcsetattr(fd, TCSANOW, &tty);
}

static bool serial_open(Chardev *chr, Error **errp)
{
	SerialChardev *s = SERIAL_CHARDEV(chr);
	const SerialChardevClass *sc = (const SerialChardevClass *)chr->cls;
	int fd;

	if (sc->alias_of)
		warn_report("The alias '%s' is deprecated, use '%s' instead",
			    object_get_typename(OBJECT(chr)) + strlen(CHARDEV_TYPE_PREFIX),
			    sc->alias_of);
	if (!s->path) {
		error_setg(errp, "chardev: serial/tty: no device path given");
		return false;
	}
	fd = qemu_chr_open_path(s->path, O_RDWR | O_NONBLOCK | O_NOCTTY, errp);
	if (fd < 0)
		return false;
	serial_raw(fd);
	qemu_chr_fd_init(container_of(chr, FdChardev, parent), fd, true, fd, false);
	chr->be_open = true;
	return true;
}

static char *serial_filename(Chardev *chr)
{
	return g_strdup_printf("serial:%s", SERIAL_CHARDEV(chr)->path);
}

static const Property serial_props[] = {
	PROP("path", prop_info_string, SerialChardev, path),
	PROP_END,
};

static void serial_class_init(ObjectClass *oc, const void *data)
{
	ChardevClass *cc = CHARDEV_CLASS(oc);

	cc->open = serial_open;
	cc->close = qemu_chr_fd_close;
	cc->filename = serial_filename;
	object_class_add_props(oc, serial_props);
}

static void tty_class_init(ObjectClass *oc, const void *data)
{
	((SerialChardevClass *)oc)->alias_of = "serial";
	CHARDEV_CLASS(oc)->alias = true;
}

static void serial_register_types(void)
{
	static const TypeInfo types[] = {
		{
		    .name = CHARDEV_TYPE_PREFIX "serial",
		    .parent = TYPE_CHARDEV_FD,
		    .instance_size = sizeof(SerialChardev),
		    .class_size = sizeof(SerialChardevClass),
		    .class_init = serial_class_init,
		},
		{
		    .name = CHARDEV_TYPE_PREFIX "tty",
		    .parent = CHARDEV_TYPE_PREFIX "serial",
		    .class_init = tty_class_init,
		},
	};
	for (size_t i = 0; i < ARRAY_SIZE(types); i++)
		type_register(&types[i]);
}
type_init(serial_register_types)
