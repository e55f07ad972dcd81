import type { Database } from 'better-sqlite3';
import type { AuthService } from '../auth/auth-service.ts';
import { saveHallConfig } from '../store/hall-config-store.ts';
import { demoHall, type DemoUser } from './demo-hall.ts';

/** Loads the demo hall and its users; users that already exist are left as they are. */
export async function seedDemo(db: Database, auth: AuthService): Promise<{ users: DemoUser[]; created: number }> {
  const { config, users } = demoHall();
  saveHallConfig(db, config);
  let created = 0;
  for (const u of users) {
    if (db.prepare('SELECT 1 FROM users WHERE username = ?').get(u.username)) continue;
    await auth.addUser(u);
    created += 1;
  }
  return { users, created };
}
