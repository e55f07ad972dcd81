import type { Database } from 'better-sqlite3';
import type { AuthService } from '../auth/auth-service.ts';
import { saveHallConfig } from '../store/hall-config-store.ts';
import { writeBookingSettings } from '../visitor/service-info-store.ts';
import { DEMO_BOOKING, demoHall, type DemoUser } from './demo-hall.ts';

/** Loads the demo hall, its online-booking settings and its users; users that already exist are left as they are. */
export async function seedDemo(db: Database, auth: AuthService): Promise<{ users: DemoUser[]; created: number }> {
  const { config, users } = demoHall();
  saveHallConfig(db, config);
  const q = { sql: (source: string) => db.prepare(source) };
  for (const [serviceId, settings] of Object.entries(DEMO_BOOKING)) writeBookingSettings(q, serviceId, settings, Date.now());
  let created = 0;
  for (const u of users) {
    if (db.prepare('SELECT 1 FROM users WHERE username = ?').get(u.username)) continue;
    await auth.addUser(u);
    created += 1;
  }
  return { users, created };
}
