import { join } from 'path';

/**
 * The bundled demo fleet. Resolved next to this file, which works from the sources (ts-jest) and
 * from dist/, where tsc copies the JSON because tsconfig includes simulator/**\/*.json.
 */
export const DEMO_FLEET_PATH = join(__dirname, 'demo.json');
