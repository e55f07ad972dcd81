import { afterEach, describe, expect, it, vi } from 'vitest';
import { PlainLineAdapter } from '../../../../main/hardware/plain-line-adapter.ts';
import { MockBinding, MockDevice } from './mock-device.ts';

const adapters: PlainLineAdapter[] = [];

afterEach(async () => {
  await Promise.all(adapters.splice(0).map((a) => a.disconnect()));
  MockBinding.reset();
});

describe('PlainLineAdapter', () => {
  it('is connected once open, writes text + CR LF, and writes it again after an unplug', async () => {
    const device = new MockDevice('/dev/ttyPLAIN');
    const lines: string[] = [];
    device.onRaw = (text) => lines.push(text);
    const adapter = new PlainLineAdapter({ path: device.path, openPort: device.openPort, backoff: { initialMs: 10, maxMs: 20 } });
    adapters.push(adapter);
    await adapter.show('A-012');
    adapter.connect();
    await vi.waitFor(() => expect(adapter.state).toBe('connected'));
    await vi.waitFor(() => expect(lines.join('')).toBe('A-012\r\n'));
    await adapter.show('B-7');
    expect(lines.join('')).toBe('A-012\r\nB-7\r\n');
    device.write('$KEY,1,1*00\r\n');
    device.unplug();
    await vi.waitFor(() => expect(adapter.state).toBe('reconnecting'));
    device.plugIn();
    await vi.waitFor(() => expect(lines.join('')).toBe('A-012\r\nB-7\r\nB-7\r\n'));
    await expect(adapter.show('line\r\nbreak')).rejects.toMatchObject({ code: 'serial_bad_text' });
  });
});
