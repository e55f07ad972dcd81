#!/usr/bin/env node
// `loket-server`: the hall server's command line (server/cli/loket-server.ts), run from source.
import { register } from 'tsx/esm/api';

register();
await import('../server/cli/loket-server.ts');
