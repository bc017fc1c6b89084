// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * virtio-serial (the virtio console device, VIRTIO 1.2 section 5.3): a virtio device with a
 * bus of ports, virtconsole and virtserialport, each a pair of queues joined to a chardev.
 */
#ifndef HW_VIRTIO_VIRTIO_SERIAL_H
#define HW_VIRTIO_VIRTIO_SERIAL_H

#include "hw/virtio/virtio.h"
#include "chardev/char-fe.h"

#define TYPE_VIRTIO_SERIAL	"virtio-serial-device"
#define TYPE_VIRTIO_SERIAL_BUS	"virtio-serial-bus"
#define TYPE_VIRTIO_SERIAL_PORT "virtio-serial-port"
#define TYPE_VIRTCONSOLE	"virtconsole"
#define TYPE_VIRTSERIALPORT	"virtserialport"

#define VIRTIO_ID_CONSOLE	 3
#define VIRTIO_SERIAL_MAX_PORTS	 511 /* two queues each, and two for control: 1024 */
#define VIRTIO_SERIAL_PORT_QUEUE 128
#define VIRTIO_SERIAL_CTRL_QUEUE 32
#define VIRTIO_SERIAL_NO_PORT	 UINT32_MAX /* nr= not given */

/* Feature bits (5.3.3). */
enum {
	VIRTIO_CONSOLE_F_SIZE = 0,
	VIRTIO_CONSOLE_F_MULTIPORT = 1,
	VIRTIO_CONSOLE_F_EMERG_WRITE = 2,
};

/* Control message events (5.3.6.2): struct { le32 id; le16 event; le16 value; }. */
enum {
	VIRTIO_CONSOLE_DEVICE_READY = 0,
	VIRTIO_CONSOLE_DEVICE_ADD = 1,
	VIRTIO_CONSOLE_DEVICE_REMOVE = 2,
	VIRTIO_CONSOLE_PORT_READY = 3,
	VIRTIO_CONSOLE_CONSOLE_PORT = 4,
	VIRTIO_CONSOLE_RESIZE = 5,
	VIRTIO_CONSOLE_PORT_OPEN = 6,
	VIRTIO_CONSOLE_PORT_NAME = 7,
};
#define VIRTIO_CONSOLE_CTRL_SIZE 8

typedef struct VirtIOSerial VirtIOSerial;

typedef struct VirtIOSerialPort {
	DeviceState parent_obj;
	CharBackend chr;
	char *name;
	uint32_t id; /* nr= */
	VirtIOSerial *vser;
	VirtQueue *ivq, *ovq;  /* to the guest, from the guest */
	bool guest_ready;      /* the driver sent PORT_READY */
	bool guest_connected;  /* the guest has the port open */
	bool host_connected;   /* the chardev's peer is there */
	VirtQueueElement *out; /* guest output the chardev has only partly taken */
	size_t out_done;
	GByteArray *in; /* host input waiting for the guest's buffers */
	/* savevm: input waiting, how much of a half-sent output was sent, the peer's presence */
	uint8_t *vm_in;
	uint32_t vm_in_len, vm_out_done;
	bool vm_host_connected;
} VirtIOSerialPort;

typedef struct VirtIOSerialPortClass {
	DeviceClass parent_class;
	bool is_console;
} VirtIOSerialPortClass;

struct VirtIOSerial {
	VirtIODevice parent_obj;
	uint32_t max_ports;
	bool emergency_write;
	BusState *bus;
	VirtIOSerialPort **ports; /* by id */
	VirtQueue *c_ivq, *c_ovq;
	GQueue ctrl_pending; /* GByteArray * control messages waiting for a buffer */
	uint8_t *vm_ctrl;    /* savevm: those messages, each as le32 length and bytes */
	uint32_t vm_ctrl_len;
};

#define VIRTIO_SERIAL(obj)	OBJECT_CHECK(VirtIOSerial, (obj), TYPE_VIRTIO_SERIAL)
#define VIRTIO_SERIAL_PORT(obj) OBJECT_CHECK(VirtIOSerialPort, (obj), TYPE_VIRTIO_SERIAL_PORT)
#define VIRTIO_SERIAL_PORT_GET_CLASS(obj)                                                          \
	OBJECT_GET_CLASS(VirtIOSerialPortClass, (obj), TYPE_VIRTIO_SERIAL_PORT)

#endif
