// Shared fixtures: the example medical practice in virtual time.
import { fileURLToPath } from 'node:url';
import path from 'node:path';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const practice = path.join(root, 'examples/business/medical-practice.json');
// A Monday, 08:00 in New York; min notice is 120 minutes.
export const now = '2026-03-02T08:00:00-05:00';
export const opts = { now, seed: 7 };
export const monday = { start: '2026-03-02T00:00:00-05:00', end: '2026-03-03T00:00:00-05:00' };
