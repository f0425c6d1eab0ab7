import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../scripts/security-scan';
import { SCAN_EXEMPTIONS } from '../../../scripts/security-scan.config';

describe('security scan report reader', () => {
  it('reads quoted CSV fields with commas and doubled quotes', () => {
    const csv = [
      'issue, severity, confidence, filename, location, sample, description, url',
      'PRELOAD_JS_CHECK,"MEDIUM","FIRM","main.ts","77:6","preload: join(a, ""b"")","Review the use, of preload",https://x',
      'CSP_GLOBAL_CHECK,"LOW","TENTATIVE","main.ts","54:15",N/A,"Failed to parse CSP",https://y',
    ].join('\n');
    expect(parseReport(csv)).toEqual([
      { check: 'PRELOAD_JS_CHECK', severity: 'MEDIUM', confidence: 'FIRM', file: 'main.ts', location: '77:6', description: 'Review the use, of preload' },
      { check: 'CSP_GLOBAL_CHECK', severity: 'LOW', confidence: 'TENTATIVE', file: 'main.ts', location: '54:15', description: 'Failed to parse CSP' },
    ]);
  });

  it('every exemption carries its reason', () => {
    for (const e of SCAN_EXEMPTIONS) expect(e.reason.trim().length).toBeGreaterThan(20);
  });
});
