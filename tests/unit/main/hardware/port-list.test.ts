import { describe, expect, it } from 'vitest';
import { SerialPathSchema, listSerialPorts } from '../../../../main/hardware/port-list.ts';

describe('listSerialPorts', () => {
  it('names the USB-serial chip and lists known bridges first', async () => {
    const ports = await listSerialPorts(async () => [
      { path: '/dev/ttyS0' },
      { path: '/dev/ttyACM0', vendorId: 'ABCD', productId: '0001' },
      { path: '/dev/ttyUSB10', manufacturer: 'wch.cn', vendorId: '1A86', productId: '7523', serialNumber: 'x1' },
      { path: '/dev/ttyUSB2', manufacturer: 'Silicon Labs', vendorId: '10c4', productId: 'ea60' },
    ]);
    expect(ports.map((p) => [p.path, p.chip])).toEqual([
      ['/dev/ttyUSB2', 'CP210x'],
      ['/dev/ttyUSB10', 'CH340'],
      ['/dev/ttyACM0', null],
      ['/dev/ttyS0', null],
    ]);
    expect(ports[1]).toEqual({
      path: '/dev/ttyUSB10',
      manufacturer: 'wch.cn',
      vendorId: '1a86',
      productId: '7523',
      serialNumber: 'x1',
      chip: 'CH340',
    });
  });

  it('says to type the path when listing fails (no udevadm)', async () => {
    await expect(
      listSerialPorts(async () => {
        throw new Error('spawn udevadm ENOENT');
      }),
    ).rejects.toMatchObject({ code: 'serial_list_failed', message: expect.stringMatching(/Type the port path/) });
  });

  it('accepts a typed path such as a PTY and refuses an empty one', () => {
    expect(SerialPathSchema.parse(' /dev/pts/3 ')).toBe('/dev/pts/3');
    expect(SerialPathSchema.safeParse('  ').success).toBe(false);
  });
});
