import { SerialPort } from 'serialport';
import { z } from 'zod';
import { LoketError } from '../../core/errors.ts';
import type { SerialPortInfo } from '../../core/hardware-ipc.ts';

/** A serial port the technician can choose, with what identifies the device behind it. */
export interface SerialPortEntry extends SerialPortInfo {
  /** The USB-serial chip, when its vendor id is a known one: what the technician sees printed on the board. */
  chip: string | null;
}

/** Vendor ids of the USB-serial bridges the reference device uses (DESIGN.md §6). */
const CHIPS: Readonly<Record<string, string>> = {
  '1a86': 'CH340',
  '10c4': 'CP210x',
  '0403': 'FTDI',
  '067b': 'PL2303',
  '2341': 'Arduino',
  '2a03': 'Arduino',
};

/** A typed port path: `/dev/ttyUSB0`, `/dev/pts/3`, `COM3`; one line, no spaces at either end. */
export const SerialPathSchema = z
  .string()
  .trim()
  .min(1, 'type the port, e.g. /dev/ttyUSB0 or COM3')
  .max(256)
  .regex(/^[^\r\n\0]+$/, 'a port path is one line');

export type PortLister = () => Promise<
  { path: string; manufacturer?: string | undefined; vendorId?: string | undefined; productId?: string | undefined; serialNumber?: string | undefined }[]
>;

/**
 * The serial ports, USB-serial bridges first. `SerialPort.list()` asks udev on Linux (it fails
 * without `udevadm`) and never lists PTYs or ports udev does not know, so the screen always offers
 * a typed path as well; a failure here says so instead of showing an empty list.
 */
export async function listSerialPorts(list: PortLister = () => SerialPort.list()): Promise<SerialPortEntry[]> {
  let found: Awaited<ReturnType<PortLister>>;
  try {
    found = await list();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new LoketError(
      'serial_list_failed',
      `Could not list the serial ports (${detail}). Type the port path instead, e.g. /dev/ttyUSB0 or COM3.`,
    );
  }
  const entries = found.map((p) => {
    const vendorId = p.vendorId?.toLowerCase() ?? null;
    return {
      path: p.path,
      manufacturer: p.manufacturer ?? null,
      vendorId,
      productId: p.productId?.toLowerCase() ?? null,
      serialNumber: p.serialNumber ?? null,
      chip: vendorId === null ? null : (CHIPS[vendorId] ?? null),
    };
  });
  const rank = (e: SerialPortEntry) => (e.chip !== null ? 0 : e.vendorId !== null ? 1 : 2);
  return entries.sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path, 'en', { numeric: true }));
}
