import { afterEach, describe, expect, it, vi } from 'vitest';
import { SerialTransport, serialOpenError } from '../../../../main/hardware/serial-transport.ts';
import { MockBinding, MockDevice } from './mock-device.ts';

afterEach(() => MockBinding.reset());

describe('serialOpenError', () => {
  it.each([
    ['Error: Permission denied, cannot open /dev/ttyUSB0', 'serial_permission', /sudo usermod -aG dialout \$USER, then log in again/],
    ['Error Resource temporarily unavailable Cannot lock port', 'serial_busy', /serial monitor, another Loket window, ModemManager/],
    ['Error: Device or resource busy, cannot open /dev/ttyUSB0', 'serial_busy', /another program holds the port/],
    ['Opening \\\\.\\COM3: Access denied', 'serial_busy', /another program holds the port/],
    ['Error: No such file or directory, cannot open /dev/ttyUSB0', 'serial_not_found', /unplugged or the path is wrong/],
    ['Opening COM9: File not found', 'serial_not_found', /unplugged or the path is wrong/],
    ['Error: Inappropriate ioctl for device', 'serial_open_failed', /Inappropriate ioctl/],
  ])('%s → %s', (native, code, fix) => {
    const error = serialOpenError('/dev/ttyUSB0', new Error(native));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(fix);
    expect(error.message).toContain(native);
  });
});

describe('SerialTransport', () => {
  it('refuses a baud rate outside 9600–115200 before touching the port', async () => {
    const openPort = vi.fn();
    await expect(SerialTransport.open({ path: '/dev/x', baudRate: 250_000, openPort })).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'baudRate',
    });
    expect(openPort).not.toHaveBeenCalled();
  });

  it('maps a failed open, delivers bytes and log lines, and reports an unplug once', async () => {
    await expect(SerialTransport.open({ path: '/dev/ttyNONE', openPort: new MockDevice('/dev/ttyA').openPort })).rejects.toMatchObject({
      code: 'serial_not_found',
    });
    const device = new MockDevice('/dev/ttyB');
    const data: number[] = [];
    const lines: string[] = [];
    const onClose = vi.fn();
    const transport = await SerialTransport.open(
      { path: device.path, baudRate: 9600, openPort: device.openPort },
      { onData: (b) => data.push(...b), onLine: (l) => lines.push(l), onClose },
    );
    expect(transport.baudRate).toBe(9600);
    device.write('hello\r\nbad\x01byte\n');
    await vi.waitFor(() => expect(lines).toEqual(['hello', 'bad\\x01byte']));
    expect(data).toHaveLength(16);
    device.unplug();
    await vi.waitFor(() => expect(onClose).toHaveBeenCalledTimes(1));
    expect(onClose.mock.calls[0]?.[0]).toMatchObject({ code: 'serial_disconnected' });
    expect(transport.isOpen).toBe(false);
    await transport.close();
    await expect(transport.write('x')).rejects.toMatchObject({ code: 'serial_disconnected' });
  });

  it('does not report its own close as an unplug', async () => {
    const device = new MockDevice('/dev/ttyC');
    const onClose = vi.fn();
    const transport = await SerialTransport.open({ path: device.path, openPort: device.openPort }, { onClose });
    await transport.write('$PING,1*0B\r\n');
    await transport.close();
    await transport.close();
    expect(onClose).not.toHaveBeenCalled();
  });
});
