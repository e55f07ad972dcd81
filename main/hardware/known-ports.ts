import type { SerialPortInfo } from '../../core/hardware-ipc.ts';

/** Environment variable with serial port paths to offer besides the system's, separated by `;`. */
export const KNOWN_PORTS_ENV = 'LOKET_SERIAL_PORTS';

/**
 * Ports the installer or the demo knows about (a simulated device's PTY: the system never lists
 * PTYs), from `LOKET_SERIAL_PORTS`.
 */
export function knownPortsFromEnv(env: Record<string, string | undefined>): SerialPortInfo[] {
  return (env[KNOWN_PORTS_ENV] ?? '')
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((path) => ({ path, manufacturer: 'Loket (configured)', vendorId: null, productId: null, serialNumber: null }));
}
