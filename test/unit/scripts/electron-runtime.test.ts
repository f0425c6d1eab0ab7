import { describe, expect, it } from 'vitest';
import { chooseHost, electronBinary } from '../../../scripts/electron-runtime';

describe('host choice for npm start', () => {
  it('uses the browser host when asked to', () => {
    expect(chooseHost({ PASSERELLE_HOST: 'browser', DISPLAY: ':0' }, 'linux')).toMatchObject({ kind: 'browser' });
  });

  it('uses Electron only when its binary exists and a display is available', () => {
    const choice = chooseHost({ DISPLAY: ':0' }, 'linux');
    if (electronBinary()) expect(choice.kind).toBe('electron');
    else expect(choice).toMatchObject({ kind: 'browser', reason: expect.stringMatching(/Electron/) });
    if (electronBinary()) expect(chooseHost({}, 'linux')).toMatchObject({ kind: 'browser', reason: expect.stringMatching(/affichage/) });
  });
});
